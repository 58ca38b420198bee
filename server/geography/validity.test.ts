import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { DA_NANG } from './testing.js';
import { isUnitValidAt, unitById, unitsAt, validityError, versionAt } from './index.js';

const cfg = loadConfig(DA_NANG);
const geo = cfg.geography;
/** An instant in Asia/Ho_Chi_Minh (UTC+7, no DST). */
const vn = (local: string) => Date.parse(`${local}+07:00`);
const unit = (id: string) => unitById(geo, id)!;

describe('versionAt / unitsAt: the geography valid at an instant (Asia/Ho_Chi_Minh)', () => {
  it.each([
    ['2024-09-15T12:00:00', 'districts-2024'],
    ['2024-12-31T23:59:59.999', 'districts-2024'],
    ['2025-01-01T00:00:00', 'districts-2025'],
    ['2025-06-30T23:59:59.999', 'districts-2025'],
    ['2025-07-01T00:00:00', 'communes-2025'],
    ['2026-11-29T10:00:00', 'communes-2025'],
  ])('%s → %s', (local, id) => {
    expect(versionAt(geo, vn(local))?.id).toBe(id);
  });

  it('2024: 18 Quảng Nam + 8 old Đà Nẵng districts, each knowing its province; the departments of then', () => {
    const units = unitsAt(geo, vn('2024-12-31T23:59:59'));
    const areas = units.filter((u) => u.kind === 'area');
    expect(areas).toHaveLength(26);
    expect(areas.filter((u) => u.province === '49')).toHaveLength(18);
    expect(areas.filter((u) => u.province === '48').map((u) => u.code)).toEqual(['490', '491', '492', '493', '494', '495', '497', '498']);
    expect(units.some((u) => u.id === 'so-tnmt')).toBe(true);
    expect(units.some((u) => u.id === 'so-nong-nghiep-moi-truong')).toBe(false);
  });

  it('1 Jan 2025: Nông Sơn is gone (inside Quế Sơn); 1 Jul 2025: the 94 units', () => {
    const before = unitsAt(geo, vn('2024-12-31T23:59:59')).map((u) => u.id);
    const after = unitsAt(geo, vn('2025-01-01T00:00:00')).map((u) => u.id);
    expect(before).toContain('nong-son');
    expect(after).not.toContain('nong-son');
    expect(after).toContain('que-son');
    const july = unitsAt(geo, vn('2025-07-01T00:00:00')).filter((u) => u.kind === 'area');
    expect(july).toHaveLength(94);
    expect(unitsAt(geo, vn('2025-06-30T23:59:59')).filter((u) => u.kind === 'area')).toHaveLength(25);
  });

  it('departments merged on 1 Mar 2025 end the day before; new ones start then', () => {
    expect(isUnitValidAt(unit('so-tnmt'), vn('2025-02-28T23:59:59'))).toBe(true);
    expect(isUnitValidAt(unit('so-tnmt'), vn('2025-03-01T00:00:00'))).toBe(false);
    expect(isUnitValidAt(unit('so-nong-nghiep-moi-truong'), vn('2025-03-01T00:00:00'))).toBe(true);
    expect(isUnitValidAt(unit('so-tu-phap'), vn('2020-01-01T00:00:00'))).toBe(true);
  });

  it('Hoàng Sa is marked not reporting in both geographies', () => {
    expect(unit('dac-khu-hoang-sa').reporting).toBe(false);
    expect(unit('hoang-sa').reporting).toBe(false);
    expect(unit('phuong-hai-chau').reporting).toBe(true);
  });

  it("the legacy fields show today's map: the 94 units and the departments still in office", () => {
    expect(cfg.units.filter((u) => u.kind === 'area')).toHaveLength(94);
    expect(cfg.units.some((u) => u.id === 'so-tnmt')).toBe(false);
    expect(cfg.boundaries.file).toBe('da-nang-communes-2025.geojson');
  });
});

describe("isUnitValidAt / validityError: readings outside a unit's validity", () => {
  it('a 2025 unit refuses a reading of 30 Jun 2025, accepts one of 1 Jul', () => {
    const tamKy = unit('phuong-tam-ky');
    expect(isUnitValidAt(tamKy, vn('2025-06-30T23:59:59.999'))).toBe(false);
    expect(isUnitValidAt(tamKy, vn('2025-07-01T00:00:00'))).toBe(true);
    expect(validityError(tamKy, vn('2025-07-01T00:00:00'))).toBeNull();
    expect(validityError(tamKy, vn('2025-06-30T12:00:00'))).toEqual({
      vi: 'đơn vị phường Tam Kỳ chỉ có hiệu lực từ 01/07/2025',
      en: 'unit Tam Ky ward is only valid from 01/07/2025',
    });
  });

  it('a district spans the versions it is in: Quế Sơn to 30 Jun 2025, Nông Sơn to 31 Dec 2024', () => {
    expect(validityError(unit('que-son'), vn('2025-07-01T00:00:00'))!.vi).toBe('đơn vị huyện Quế Sơn chỉ có hiệu lực đến 30/06/2025');
    expect(isUnitValidAt(unit('que-son'), vn('2025-06-30T23:59:59'))).toBe(true);
    expect(isUnitValidAt(unit('nong-son'), vn('2024-12-31T23:59:59'))).toBe(true);
    expect(validityError(unit('nong-son'), vn('2025-01-01T00:00:00'))!.en).toBe('unit Nong Son district is only valid to 31/12/2024');
  });

  it('a unit with both ends names both', () => {
    const u = { ...unit('so-tnmt'), from: '2024-01-01', start: vn('2024-01-01T00:00:00') };
    expect(validityError(u, vn('2023-12-31T23:00:00'))!.vi).toBe('đơn vị Sở Tài nguyên và Môi trường chỉ có hiệu lực từ 01/01/2024 đến 28/02/2025');
  });

  it('a file without versions (tests/fixtures/tiny) is one version valid forever', () => {
    const tiny = loadConfig('tests/fixtures/tiny/province.json').geography;
    expect(tiny.versions).toHaveLength(1);
    expect(versionAt(tiny, 0)?.id).toBe('default');
    expect(unitsAt(tiny, vn('1990-01-01T00:00:00')).map((u) => u.id)).toEqual(['doi-may', 'ben-da', 'hoa-hung', 'so-thu']);
  });
});
