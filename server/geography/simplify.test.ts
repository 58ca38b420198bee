import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadBoundaries } from '../../geo/load.js';
import type { Boundaries } from '../protocol/index.js';
import { SHARED_GEO } from '../../tests/helpers/server.js';
import { drawnBoundaries, intervalMetres } from './simplify.js';

const load = (file: string): Boundaries => {
  const ids = (JSON.parse(readFileSync(join(SHARED_GEO, file), 'utf8')) as { features: { properties: { id: string } }[] }).features.map((f) => f.properties.id);
  return loadBoundaries(SHARED_GEO, file, 'id', ids);
};
const rings = (b: Boundaries): Position[][] =>
  b.features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
const vertices = (b: Boundaries) => rings(b).reduce((n, r) => n + r.length, 0);
const inside = ([x, y]: [number, number], ring: Position[]) => {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
};

describe('the boundaries as drawn', () => {
  it.each([
    ['quang-nam-districts.geojson', 1],
    ['vn-communes-2025.geojson', 2],
  ])(
    '%s: same units, ids, label points and order; at most 1/%i of the vertices; each label point still on its unit',
    async (file, factor) => {
      const b = load(file);
      const drawn = JSON.parse(await drawnBoundaries(b)) as Boundaries;
      expect(drawn.features.map((f) => f.properties)).toEqual(b.features.map((f) => f.properties));
      expect(vertices(drawn)).toBeLessThanOrEqual(vertices(b) / factor);
      // A tap on a unit's name lands on that unit (the label point is the pole of its largest part).
      const off = drawn.features.filter((f) => {
        const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        return !parts.some((p) => inside(f.properties.label, p[0]!) && !p.slice(1).some((hole) => inside(f.properties.label, hole)));
      });
      expect(off.map((f) => f.properties.id)).toEqual([]);
    },
    60_000,
  );

  it('aims at half a pixel on a 2160 px view of the whole map (country ≈ 0.4 km, province ≈ 40 m)', () => {
    expect(intervalMetres(load('vn-communes-2025.geojson'))).toBeGreaterThan(300);
    expect(intervalMetres(load('quang-nam-districts.geojson'))).toBeLessThan(60);
  });
});
