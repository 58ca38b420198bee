import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** A boundary-file problem, named by feature (index and id) and field. */
export class GeoError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${file}: ${where}: ${expected}`);
    this.name = 'GeoError';
  }
}

export type AreaFeature = Feature<Polygon | MultiPolygon, { id: string; [k: string]: unknown }>;

function checkRing(ring: unknown, where: string, file: string): void {
  if (!Array.isArray(ring) || ring.length < 4) throw new GeoError(file, where, 'expected a linear ring of at least 4 positions');
  ring.forEach((p: unknown, i) => {
    if (!Array.isArray(p) || p.length < 2 || !p.every((c) => typeof c === 'number' && Number.isFinite(c))) {
      throw new GeoError(file, `${where}[${i}]`, 'expected a position [longitude, latitude] of finite numbers');
    }
    const [lon, lat] = p as Position;
    if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
      throw new GeoError(file, `${where}[${i}]`, `expected WGS84 longitude/latitude (EPSG:4326), got [${lon}, ${lat}]: is the file projected?`);
    }
  });
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) throw new GeoError(file, where, 'expected a closed ring (first position equal to last)');
}

/**
 * Check a parsed boundary file against the configured area units:
 * a FeatureCollection of Polygon/MultiPolygon features in WGS84, with closed rings,
 * one feature per configured unit id and no feature for an unknown id.
 * `requireAll` false: some units may be in another file (a version made of several files).
 */
export function checkBoundaries(data: unknown, file: string, idProperty: string, unitIds: readonly string[], requireAll = true): AreaFeature[] {
  const fc = data as Partial<FeatureCollection>;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new GeoError(file, '(top level)', 'expected a GeoJSON FeatureCollection');
  }
  const wanted = new Set(unitIds);
  const seen = new Map<string, AreaFeature>();
  fc.features.forEach((f, i) => {
    const id = f?.properties?.[idProperty];
    const at = `features[${i}]`;
    if (typeof id !== 'string' || !id) throw new GeoError(file, `${at}.properties.${idProperty}`, 'expected the unit id as a string');
    if (!wanted.has(id)) throw new GeoError(file, `${at} (${id})`, `expected a unit id from the config; "${id}" is not configured`);
    if (seen.has(id)) throw new GeoError(file, `${at} (${id})`, 'expected one feature per unit; this id appears twice');
    const g = f.geometry;
    const where = `${at} (${id}).geometry.coordinates`;
    const list = (x: unknown, path: string, what: string): unknown[] => {
      if (!Array.isArray(x) || x.length === 0) throw new GeoError(file, path, `expected a non-empty array of ${what}`);
      return x;
    };
    if (g?.type === 'Polygon') {
      list(g.coordinates, where, 'rings').forEach((ring, r) => checkRing(ring, `${where}[${r}]`, file));
    } else if (g?.type === 'MultiPolygon') {
      list(g.coordinates, where, 'polygons').forEach((poly, p) =>
        list(poly, `${where}[${p}]`, 'rings').forEach((ring, r) => checkRing(ring, `${where}[${p}][${r}]`, file)),
      );
    } else {
      throw new GeoError(file, `${at} (${id}).geometry`, 'expected a Polygon or MultiPolygon');
    }
    seen.set(id, { type: 'Feature', geometry: g, properties: { ...f.properties, id } });
  });
  const missing = unitIds.filter((u) => !seen.has(u));
  if (missing.length && requireAll) throw new GeoError(file, 'features', `expected a feature for every configured unit; missing: ${missing.join(', ')}`);
  return [...seen.values()];
}
