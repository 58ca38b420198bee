import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { DA_NANG } from '../geography/testing.js';
import { frameAt } from './frame.js';
import { stateAt } from './state.js';

const cfg = loadConfig(DA_NANG);
const vn = (local: string) => Date.parse(`${local}+07:00`);
const EMPTY = { readings: new Map(), reports: new Map(), versions: [] };
const RUN = { epoch: 'e', seq: 0, demo: false, generatedAt: 0 };

describe('frameAt: the geography an instant is assessed in', () => {
  it('reuses the previous frame while nothing changes, a new one when a department ends mid-version', () => {
    const feb = frameAt(cfg, vn('2025-02-10T00:00:00'));
    expect(frameAt(cfg, vn('2025-02-28T23:59:59'), feb)).toBe(feb);
    const mar = frameAt(cfg, vn('2025-03-01T00:00:00'), feb);
    expect(mar).not.toBe(feb);
    expect(mar.geography).toEqual(feb.geography);
    expect(feb.units.map((u) => u.id)).toContain('so-tnmt');
    expect(mar.units.map((u) => u.id)).not.toContain('so-tnmt');
  });
  it('areas first, then departments; positions follow', () => {
    const f = frameAt(cfg, vn('2026-01-01T00:00:00'));
    const kinds = f.units.map((u) => u.kind);
    expect(kinds.lastIndexOf('area')).toBeLessThan(kinds.indexOf('department'));
    expect(f.position.get(f.units[5]!.id)).toBe(5);
  });
});

describe('stateAt: targets and units of the instant', () => {
  it("a 2024 state lists the 2024 catalogue, today's the 2025 indicators too", () => {
    const y2024 = stateAt(cfg, EMPTY, vn('2024-09-15T12:00:00'), RUN);
    const y2026 = stateAt(cfg, EMPTY, vn('2026-11-29T12:00:00'), RUN);
    expect(y2024.indicators.length).toBeLessThan(y2026.indicators.length);
    expect(y2024.units.filter((u) => u.kind === 'area')).toHaveLength(26);
    // Catalogue versions stay server-side: the web gets the target in force.
    expect(y2026.indicators.every((i) => !('targets' in i))).toBe(true);
  });
  it('a unit not reporting is neutral in every geography: not counted, ranked last of its kind', () => {
    for (const t of [vn('2024-09-15T12:00:00'), vn('2026-11-29T12:00:00')]) {
      const s = stateAt(cfg, EMPTY, t, RUN);
      const areas = s.units.filter((u) => u.kind === 'area');
      const hs = areas.find((u) => u.notReporting)!;
      expect(hs.kindRank).toBe(areas.length);
      expect(Object.values(s.counts.area).reduce((a, b) => a + b, 0)).toBe(areas.length - 1);
    }
  });
});
