import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config/load.js';
import { thrown } from '../tests/helpers/fixtures.js';
import { checkBoundaries, GeoError } from './check.js';
import { loadBoundaries } from './load.js';

const GEO_DIR = resolve(process.env.IOC_GEO_DIR ?? resolve(process.cwd(), '../shared/geo'));
const FILE_NAME = 'quang-nam-districts.geojson';
const FILE = join(GEO_DIR, FILE_NAME);
/** Quảng Nam's bounding box [west, south, east, north]. */
const BBOX = [107.21023, 14.95112, 108.73873, 16.06726] as const;

const config = loadConfig('config/quang-nam-2024.json');
const AREA_IDS = config.units.filter((u) => u.kind === 'area').map((u) => u.id);

type Json = Record<string, unknown>;
/** A fresh deep copy of the real boundary file, to break on purpose. */
const realData = (): { type: string; features: Json[] } => JSON.parse(readFileSync(FILE, 'utf8'));

/** Run checkBoundaries and return the GeoError it throws. */
const geoError = (data: unknown, ids: readonly string[] = AREA_IDS): GeoError => thrown(() => checkBoundaries(data, 'test.geojson', 'id', ids), GeoError);

/** A FeatureCollection of one feature with this geometry. */
const oneFeature = (geometry: unknown, id = 'tam-ky') => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id }, geometry }] });

/** checkBoundaries refuses `data` at `where` with a message saying each of `says`. */
function expectGeoError(data: unknown, ids: readonly string[], where: string, says: string[]): void {
  const err = geoError(data, ids);
  expect(err.where).toBe(where);
  for (const x of says) expect(err.message).toContain(x);
}

const square = (x: number, y: number, d = 0.1): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe('loadBoundaries: the real Quảng Nam file', () => {
  const b = loadBoundaries(GEO_DIR, config.boundaries.file, config.boundaries.idProperty, AREA_IDS);

  it('has one feature per configured area unit (18), ids matching config/quang-nam-2024.json', () => {
    expect(b.type).toBe('FeatureCollection');
    expect(b.features).toHaveLength(18);
    expect(b.features.map((f) => f.properties.id).sort()).toEqual([...AREA_IDS].sort());
  });

  it('keeps only the id and a label point inside the province bbox', () => {
    for (const f of b.features) {
      expect(Object.keys(f.properties).sort()).toEqual(['id', 'label']);
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      const [lon, lat] = f.properties.label;
      expect(lon, f.properties.id).toBeGreaterThanOrEqual(BBOX[0]);
      expect(lon, f.properties.id).toBeLessThanOrEqual(BBOX[2]);
      expect(lat, f.properties.id).toBeGreaterThanOrEqual(BBOX[1]);
      expect(lat, f.properties.id).toBeLessThanOrEqual(BBOX[3]);
    }
  });

  it('accepts an absolute file name regardless of the folder', () => {
    expect(loadBoundaries('/nowhere', FILE, 'id', AREA_IDS).features).toHaveLength(18);
  });

  it('checkBoundaries on the parsed file returns all 18 features', () => {
    expect(checkBoundaries(realData(), FILE, 'id', AREA_IDS)).toHaveLength(18);
  });
});

describe('checkBoundaries: errors name the file, the feature (index and id) and the field', () => {
  it('not a FeatureCollection', () => {
    const err = geoError({ type: 'Feature', geometry: null, properties: {} });
    expect(err.file).toBe('test.geojson');
    expect(err.message).toBe('test.geojson: (top level): expected a GeoJSON FeatureCollection');
    expect(geoError([]).where).toBe('(top level)');
    expect(geoError(null).where).toBe('(top level)');
  });

  it('a feature without an id property', () => {
    const data = realData();
    delete (data.features[4]!.properties as Json).id;
    const err = geoError(data);
    expect(err.where).toBe('features[4].properties.id');
    expect(err.message).toContain('expected the unit id as a string');
  });

  it('an id that is not configured', () => {
    const data = realData();
    (data.features[3]!.properties as Json).id = 'da-nang';
    const err = geoError(data);
    expect(err.where).toBe('features[3] (da-nang)');
    expect(err.message).toContain('test.geojson: features[3] (da-nang)');
    expect(err.message).toContain('"da-nang" is not configured');
  });

  it('a configured unit without a feature', () => {
    const data = realData();
    const removed = (data.features[7]!.properties as Json).id as string;
    data.features.splice(7, 1);
    const err = geoError(data);
    expect(err.where).toBe('features');
    expect(err.message).toContain(`missing: ${removed}`);
  });

  it('a duplicate id', () => {
    const data = realData();
    const first = (data.features[0]!.properties as Json).id as string;
    (data.features[9]!.properties as Json).id = first;
    const err = geoError(data);
    expect(err.where).toBe(`features[9] (${first})`);
    expect(err.message).toContain('this id appears twice');
  });

  it('a Point geometry', () => {
    expectGeoError(oneFeature({ type: 'Point', coordinates: [108.5, 15.5] }), ['tam-ky'], 'features[0] (tam-ky).geometry', [
      'expected a Polygon or MultiPolygon',
    ]);
  });

  it('an unclosed ring', () => {
    const ring = square(108.4, 15.5);
    ring[ring.length - 1] = [108.45, 15.5];
    expectGeoError(oneFeature({ type: 'Polygon', coordinates: [ring] }), ['tam-ky'], 'features[0] (tam-ky).geometry.coordinates[0]', [
      'expected a closed ring',
    ]);
  });

  it('a ring with fewer than 4 positions (in a MultiPolygon)', () => {
    const bad = [
      [108.4, 15.5],
      [108.5, 15.5],
      [108.4, 15.5],
    ];
    const fc = oneFeature({ type: 'MultiPolygon', coordinates: [[square(108.3, 15.8)], [bad]] }, 'hoi-an');
    expectGeoError(fc, ['hoi-an'], 'features[0] (hoi-an).geometry.coordinates[1][0]', ['at least 4 positions']);
  });

  it('projected coordinates (e.g. UTM metres)', () => {
    const ring = [
      [500000, 1700000],
      [510000, 1700000],
      [510000, 1710000],
      [500000, 1700000],
    ];
    expectGeoError(oneFeature({ type: 'Polygon', coordinates: [ring] }), ['tam-ky'], 'features[0] (tam-ky).geometry.coordinates[0][0]', [
      'WGS84',
      '[500000, 1700000]',
      'projected',
    ]);
  });

  it('a non-numeric position', () => {
    const ring: unknown[] = square(108.4, 15.5);
    ring[2] = ['108.5', 15.6];
    expect(geoError(oneFeature({ type: 'Polygon', coordinates: [ring] }), ['tam-ky']).where).toBe('features[0] (tam-ky).geometry.coordinates[0][2]');
  });

  it('honours a custom id property', () => {
    const data = realData();
    for (const f of data.features) (f.properties as Json).ma = (f.properties as Json).id;
    expect(checkBoundaries(data, 'x', 'ma', AREA_IDS)).toHaveLength(18);
    expect(geoError(oneFeature(null), ['tam-ky']).where).toBe('features[0] (tam-ky).geometry');
  });
});

describe('loadBoundaries: file problems', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-geo-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a missing file names the path and IOC_GEO_DIR', () => {
    const msg = thrown(() => loadBoundaries(dir, FILE_NAME, 'id', AREA_IDS), GeoError).message;
    expect(msg).toContain(join(dir, FILE_NAME));
    expect(msg).toContain('ENOENT');
    expect(msg).toContain('IOC_GEO_DIR');
  });

  it('invalid JSON names the file', () => {
    writeFileSync(join(dir, 'b.geojson'), '{"type": "FeatureCollection", ');
    expect(() => loadBoundaries(dir, 'b.geojson', 'id', AREA_IDS)).toThrow(GeoError);
    expect(() => loadBoundaries(dir, 'b.geojson', 'id', AREA_IDS)).toThrow(/b\.geojson: \(top level\): expected valid JSON/);
  });

  it('a checked error carries the resolved file path', () => {
    const data = realData();
    (data.features[2]!.properties as Json).id = 'hue';
    writeFileSync(join(dir, 'b.geojson'), JSON.stringify(data));
    expect(() => loadBoundaries(dir, 'b.geojson', 'id', AREA_IDS)).toThrow(`${join(dir, 'b.geojson')}: features[2] (hue):`);
  });
});

describe('malformed coordinates are named, never a raw TypeError', () => {
  it.each([
    [{ type: 'Polygon', coordinates: null }, 'features[0] (a).geometry.coordinates: expected a non-empty array of rings'],
    [{ type: 'MultiPolygon', coordinates: [null] }, 'features[0] (a).geometry.coordinates[0]: expected a non-empty array of rings'],
    [{ type: 'MultiPolygon', coordinates: [] }, 'features[0] (a).geometry.coordinates: expected a non-empty array of polygons'],
  ])('%o', (geometry, message) => {
    expect(() => checkBoundaries(oneFeature(geometry, 'a'), 'x.geojson', 'id', ['a'])).toThrow(`x.geojson: ${message}`);
  });
});
