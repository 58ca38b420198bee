import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import mapshaper from 'mapshaper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertBoundaries, slugify } from '../../server/ops/geo-convert.js';
import { ringFlaw } from '../../server/ops/rings.js';
import { runCli } from '../helpers/cli.js';

const TINY_IDS = ['doi-may', 'ben-da', 'hoa-hung'];
/** Twice the signed area: positive when counter-clockwise. */
const signedArea = (r: Position[]) => r.slice(1).reduce((a, p, i) => a + (r[i]![0]! * p[1]! - p[0]! * r[i]![1]!), 0);
const rings = (g: Polygon | MultiPolygon): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

/** Three units of the tiny province: a clockwise ring with 40 extra points a metre off a straight edge, a ring that touches itself (a figure eight), a plain square. */
function source(): FeatureCollection {
  const wobbly: Position[] = [[106, 10]];
  for (let k = 1; k <= 40; k++) wobbly.push([106, 10 + k / 410 + (k % 2 ? 0.00001 : 0)]);
  wobbly.push([106, 10.1], [106.1, 10.1], [106.1, 10], [106, 10]);
  const eight = [
    [106.1, 10],
    [106.15, 10.05],
    [106.2, 10],
    [106.2, 10.1],
    [106.15, 10.05],
    [106.1, 10.1],
    [106.1, 10],
  ];
  const square = [
    [106.2, 10],
    [106.3, 10],
    [106.3, 10.1],
    [106.2, 10.1],
    [106.2, 10],
  ];
  const f = (name: string, code: string, ring: Position[]) => ({
    type: 'Feature' as const,
    properties: { TEN: name, MA: code },
    geometry: { type: 'Polygon' as const, coordinates: [ring] },
  });
  return { type: 'FeatureCollection', features: [f('Đồi Mây', '00001', wobbly), f('Bến Đá', '00002', eight), f('Hòa Hưng', '00003', square)] };
}

// Each command starts tsx and mapshaper: seconds on a busy machine.
describe('npm run geo: GeoJSON or shapefile in, a checked boundary file out', { timeout: 30_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'ioc-geo-'));
  const geojson = join(work, 'source.geojson');

  beforeAll(async () => {
    writeFileSync(geojson, JSON.stringify(source()));
    // A real shapefile (.shp, .shx, .dbf, .prj, .cpg), written by mapshaper itself.
    const shp = await mapshaper.applyCommands('-i in.json -o source.shp', { 'in.json': JSON.stringify(source()) });
    for (const [name, content] of Object.entries(shp)) writeFileSync(join(work, name), content);
  }, 30_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('makes ASCII ids from Vietnamese names', () => {
    expect(['Đồi Mây', 'Thị xã Điện Bàn', 'Hòa Hưng'].map(slugify)).toEqual(['doi-may', 'thi-xa-dien-ban', 'hoa-hung']);
  });

  it('repairs a self-touching ring, rewinds, simplifies, rounds, and keeps only id and the fields asked for', async () => {
    const { data, problems } = await convertBoundaries(geojson, { id: 'TEN', slug: true, keep: ['MA'], unitIds: TINY_IDS });
    expect(problems).toEqual([]);
    expect(data.features.map((f) => f.properties)).toEqual([
      { id: 'doi-may', MA: '00001' },
      { id: 'ben-da', MA: '00002' },
      { id: 'hoa-hung', MA: '00003' },
    ]);
    const [wobbly, eight] = data.features.map((f) => f.geometry as Polygon | MultiPolygon);
    expect(eight!.type).toBe('MultiPolygon');
    expect(eight!.coordinates).toHaveLength(2);
    expect(rings(wobbly!)[0]!.length).toBeLessThan(10);
    for (const f of data.features) {
      for (const [i, r] of rings(f.geometry as Polygon | MultiPolygon).entries()) {
        expect(ringFlaw(r), String(f.properties?.id)).toBeNull();
        if (i === 0) expect(signedArea(r), `${f.properties?.id} outer ring counter-clockwise`).toBeGreaterThan(0);
        for (const p of r) expect(p.map((c) => Math.round(c * 1e5) / 1e5)).toEqual(p);
      }
    }
  });

  it('reports ids that are not the configured units, and a missing id property', async () => {
    const wrong = await convertBoundaries(geojson, { id: 'MA', unitIds: TINY_IDS });
    expect(wrong.problems.map((p) => p.field)).toEqual([
      'features[0] (00001).properties.id',
      'features[1] (00002).properties.id',
      'features[2] (00003).properties.id',
      'features',
    ]);
    expect(wrong.problems[0]!.fix).toBe('fix the id, or add the unit to `units`');
    const typo = await convertBoundaries(geojson, { id: 'TEN', slug: true, unitIds: ['doi-mayy', 'ben-da', 'hoa-hung'] });
    expect(typo.problems[0]!.fix).toBe('did you mean "doi-mayy"? fix the id, or add the unit to `units`');
    const none = await convertBoundaries(geojson, {});
    expect(none.problems[0]).toMatchObject({ field: 'features[0].properties.id', fix: 'choose the property with --id (this feature has: TEN, MA)' });
  });

  it('swaps latitude,longitude input when asked', async () => {
    const swapped = join(work, 'swapped.geojson');
    const fc = source();
    for (const f of fc.features) (f.geometry as Polygon).coordinates = (f.geometry as Polygon).coordinates.map((r) => r.map(([x, y]) => [y!, x!]));
    writeFileSync(swapped, JSON.stringify(fc));
    const as = await convertBoundaries(swapped, { id: 'TEN', slug: true });
    expect(as.problems.map((p) => p.expected)).toEqual(Array(3).fill('coordinates look like latitude,longitude swapped'));
    expect((await convertBoundaries(swapped, { id: 'TEN', slug: true, swapXY: true })).problems).toEqual([]);
  });

  it('the command converts a shapefile and the result passes npm run check', async () => {
    const out = join(work, 'tiny.geojson');
    const r = await runCli('geo.ts', [join(work, 'source.shp'), out, '--id', 'TEN', '--slug', '--config', 'tests/fixtures/tiny/province.json']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`wrote ${out}: 3 features (doi-may, ben-da, hoa-hung)\n`);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as FeatureCollection;
    expect(written.features.map((f) => f.properties)).toEqual(TINY_IDS.map((id) => ({ id })));
    const check = await runCli('check.ts', ['tests/fixtures/tiny/province.json', '--geo-dir', work]);
    expect(check.stdout).toMatch(/^ok: /);
  });

  it('writes nothing when the result has problems', async () => {
    const out = join(work, 'not-written.geojson');
    const r = await runCli('geo.ts', [geojson, out, '--id', 'MA', '--config', 'tests/fixtures/tiny/province.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/"00001" is not one/);
    expect(r.stdout).toMatch(/4 problem\(s\): .*not-written\.geojson not written\.\n$/);
  });
});
