import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config/load.js';
import { DA_NANG, GEO_DIR } from '../server/geography/testing.js';
import { GeoError, loadBoundaries, loadVersionBoundaries } from './load.js';

const versions = loadConfig(DA_NANG).geography.versions;
const ring = (f: { geometry: { type: string; coordinates: unknown } }) => JSON.stringify(f.geometry.coordinates).length;

describe('boundaries of a geography version', () => {
  it('2024: two files (Quảng Nam 18 + old Đà Nẵng 8), every unit once', () => {
    const b = loadVersionBoundaries(GEO_DIR, versions[0]!);
    expect(b.features).toHaveLength(26);
    expect(b.features.map((f) => f.properties.id)).toContain('hoang-sa');
  });

  it('1 Jan 2025: Nông Sơn dissolved into Quế Sơn at load time (one polygon, larger)', () => {
    const y2024 = loadVersionBoundaries(GEO_DIR, versions[0]!);
    const y2025 = loadVersionBoundaries(GEO_DIR, versions[1]!);
    expect(y2025.features).toHaveLength(25);
    const queSon = y2025.features.find((f) => f.properties.id === 'que-son')!;
    expect(queSon.geometry.type).toBe('Polygon');
    expect(ring(queSon)).toBeGreaterThan(ring(y2024.features.find((f) => f.properties.id === 'que-son')!));
    expect(y2025.features.some((f) => f.properties.id === 'nong-son')).toBe(false);
  });

  it('1 Jul 2025: the 94 units', () => {
    expect(loadVersionBoundaries(GEO_DIR, versions[2]!).features).toHaveLength(94);
  });

  it('a unit missing from every file is named', () => {
    const v = { ...versions[0]!, units: [...versions[0]!.units, { ...versions[0]!.units[0]!, id: 'ghost' }] };
    expect(() => loadVersionBoundaries(GEO_DIR, v)).toThrow(/missing: ghost/);
  });

  it('a unit in two files of one version is refused', () => {
    const v = { ...versions[0]!, files: [...versions[0]!.files, versions[0]!.files[1]!] };
    expect(() => loadVersionBoundaries(GEO_DIR, v)).toThrow(/in one file only/);
  });

  it('a dissolve naming a missing part is refused', () => {
    const v = {
      ...versions[1]!,
      files: [{ ...versions[1]!.files[0]!, dissolve: [{ into: 'que-son', parts: ['que-son', 'nowhere'] }] }, versions[1]!.files[1]!],
    };
    expect(() => loadVersionBoundaries(GEO_DIR, v)).toThrow(/expected a feature "nowhere" to dissolve/);
  });
});

describe('a filtered part of the national file', () => {
  it('keeps one province (Lai Châu, 38 communes) and checks it against the configured units', () => {
    const ids = ['03388'];
    expect(() => loadBoundaries(GEO_DIR, 'vn-communes-2025.geojson', 'id', ids, { filter: { property: 'province', equals: '12' } })).toThrow(GeoError);
  });

  it('a filter that matches nothing says so', () => {
    expect(() => loadBoundaries(GEO_DIR, 'vn-communes-2025.geojson', 'id', ['x'], { filter: { property: 'province', equals: '99' } })).toThrow(
      /"province" is "99"/,
    );
  });
});
