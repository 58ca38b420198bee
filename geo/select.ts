import { featureCollection } from '@turf/helpers';
import { union } from '@turf/union';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { GeoError } from './check.js';

/** Which features of a file to use, and which to merge, before checking. */
export interface BoundaryOptions {
  /** Keep only features whose `property` equals `equals` (e.g. one province of the national file). */
  filter?: { property: string; equals: string } | undefined;
  /** Merge `parts` into one feature with id `into` (e.g. Nông Sơn into Quế Sơn from 1 Jan 2025). */
  dissolve?: readonly { into: string; parts: readonly string[] }[] | undefined;
}

type Raw = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

/**
 * Apply a filter and dissolves to a parsed FeatureCollection (before `checkBoundaries`), so a
 * province's part of the national file, or a merged district, is derived from the source
 * rather than copied into the repository.
 */
export function selectFeatures(data: unknown, file: string, idProperty: string, o: BoundaryOptions): unknown {
  if (!o.filter && !o.dissolve?.length) return data;
  const fc = data as { type?: unknown; features?: unknown };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) return data;
  let features = fc.features as Raw[];
  const f = o.filter;
  if (f) {
    features = features.filter((x) => String(x?.properties?.[f.property] ?? '') === f.equals);
    if (!features.length)
      throw new GeoError(file, `(filter ${f.property} = ${f.equals})`, `expected at least one feature whose "${f.property}" is "${f.equals}"`);
  }
  for (const d of o.dissolve ?? []) {
    const parts = d.parts.map((id) => {
      const part = features.find((x) => x?.properties?.[idProperty] === id);
      if (!part) throw new GeoError(file, `(dissolve into ${d.into})`, `expected a feature "${id}" to dissolve`);
      return part;
    });
    const merged = union(featureCollection(parts));
    if (!merged) throw new GeoError(file, `(dissolve into ${d.into})`, `expected the parts ${d.parts.join(' + ')} to make a polygon`);
    const base = parts.find((x) => x.properties[idProperty] === d.into) ?? parts[0]!;
    const out: Raw = { type: 'Feature', geometry: merged.geometry, properties: { ...base.properties, [idProperty]: d.into, dissolvedFrom: d.parts } };
    features = [...features.filter((x) => !parts.includes(x)), out];
  }
  return { ...fc, features };
}
