import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Level } from '../protocol/levels.js';
import { loadCrosswalks, rollUp, type RollUpInput } from './index.js';
import { DA_NANG, GEO_DIR } from './testing.js';

const geo = loadConfig(DA_NANG).geography;
const [cw] = loadCrosswalks(GEO_DIR, geo);
const group = (inputs: RollUpInput[], district: string) => rollUp(cw!, inputs).find((g) => g.unit === district)!;
const lv = (unit: string, level: Level, value?: RollUpInput['value']): RollUpInput => ({ unit, level, value: value ?? null });

describe('rollUp: 2025 units seen through their 2024 districts', () => {
  it('level is the worst among members with data; the share counts at risk or worse over members with data', () => {
    const g = group(
      [lv('phuong-tam-ky', 'on_track'), lv('phuong-quang-phu', 'at_risk'), lv('phuong-huong-tra', 'overdue'), lv('phuong-ban-thach', 'no_data')],
      'tam-ky',
    );
    expect(g.level).toBe('overdue');
    expect(g.counts).toEqual({ members: 4, withData: 3, atRiskOrWorse: 2 });
    expect(g.shareAtRisk).toBeCloseTo(2 / 3);
    expect(g.partial).toEqual([]);
  });

  it('no member with data: no_data, and no share', () => {
    const g = group([lv('xa-nong-son', 'no_data'), lv('xa-que-phuoc', 'no_data')], 'nong-son');
    expect(g).toMatchObject({ level: 'no_data', shareAtRisk: null, value: null });
  });

  it('a unit spanning two districts counts whole in each, flagged partial', () => {
    const groups = rollUp(cw!, [lv('phuong-hoa-xuan', 'off_track'), lv('phuong-cam-le', 'met')]);
    const camLe = groups.find((g) => g.unit === 'cam-le')!;
    const hoaVang = groups.find((g) => g.unit === 'hoa-vang')!;
    expect(camLe).toMatchObject({ level: 'off_track', partial: ['phuong-hoa-xuan'], counts: { members: 2 } });
    expect(hoaVang).toMatchObject({ level: 'off_track', partial: ['phuong-hoa-xuan'], counts: { members: 1 } });
  });

  it('values: exact from numerators and denominators when every reading has them', () => {
    const g = group(
      [lv('xa-nong-son', 'met', { value: 50, numerator: 10, denominator: 20 }), lv('xa-que-phuoc', 'at_risk', { value: 90, numerator: 90, denominator: 100 })],
      'nong-son',
    );
    expect(g.value).toMatchObject({ method: 'exact', of: 2 });
    expect(g.value!.value).toBeCloseTo((100 * 100) / 120); // (10 + 90) ÷ (20 + 100), not the mean 70
  });

  it('values: otherwise an unweighted mean that says so', () => {
    const g = group([lv('xa-nong-son', 'met', { value: 50, numerator: 10, denominator: 20 }), lv('xa-que-phuoc', 'at_risk', { value: 90 })], 'nong-son');
    expect(g.value).toEqual({ value: 70, method: 'unweighted_mean', of: 2 });
  });

  it('units left out of the input (not reporting, e.g. Hoàng Sa) form no group', () => {
    expect(rollUp(cw!, [lv('phuong-hai-chau', 'met')]).map((g) => g.unit)).toEqual(['hai-chau']);
  });
});
