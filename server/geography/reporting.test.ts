import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { reportOwed, unitById } from './index.js';
import { DA_NANG } from './testing.js';

const cfg = loadConfig(DA_NANG);
const unit = (id: string) => unitById(cfg.geography, id)!;
const owed = (id: string, month: string, since = cfg.reporting.since) => reportOwed(unit(id), month, since, cfg.timezone);

describe('reportOwed: no data yet is not failure', () => {
  it('months before reporting.since are "before the rule applied", the month of go-live counts', () => {
    expect(owed('so-tu-phap', '2023-12')).toBe(false);
    expect(owed('so-tu-phap', '2024-01')).toBe(true);
    expect(owed('phuong-tam-ky', '2026-10', '2026-11-01')).toBe(false);
    expect(owed('phuong-tam-ky', '2026-11', '2026-11-01')).toBe(true);
  });

  it('a unit owes reports only for months it existed in', () => {
    expect(owed('phuong-tam-ky', '2025-06')).toBe(false);
    expect(owed('phuong-tam-ky', '2025-07')).toBe(true);
    expect(owed('que-son', '2025-06')).toBe(true);
    expect(owed('que-son', '2025-07')).toBe(false);
    expect(owed('nong-son', '2025-01')).toBe(false);
  });

  it('a unit marked not reporting never owes one (Hoàng Sa)', () => {
    expect(owed('dac-khu-hoang-sa', '2026-01')).toBe(false);
    expect(owed('hoang-sa', '2024-06')).toBe(false);
  });

  it('without a go-live date every month of the unit counts', () => {
    expect(reportOwed(unit('so-tu-phap'), '2019-05', undefined, cfg.timezone)).toBe(true);
  });
});
