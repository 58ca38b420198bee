import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import polylabel from 'polylabel';
import { checkBoundaries, GeoError, type AreaFeature } from './check.js';
import { selectFeatures, type BoundaryOptions } from './select.js';

export { GeoError } from './check.js';
export type { BoundaryOptions } from './select.js';

import type { Boundaries } from '../server/protocol/geo.js';

export type { Boundaries } from '../server/protocol/geo.js';

function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! + ring[i]![0]!) * (ring[j]![1]! - ring[i]![1]!);
  return Math.abs(a / 2);
}

/** Label point: pole of inaccessibility of the largest part, so labels never fall outside or on an islet. */
function labelPoint(f: AreaFeature): [number, number] {
  const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const largest = parts.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best));
  const [x, y] = polylabel(largest, 0.0005);
  return [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5];
}

function readGeoJson(geoDir: string, fileName: string): { file: string; data: unknown } {
  const file = isAbsolute(fileName) ? fileName : resolve(geoDir, fileName);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GeoError(
      file,
      '(file)',
      `cannot read the boundary file (${(err as NodeJS.ErrnoException).code ?? 'error'}); set IOC_GEO_DIR to the folder that holds it`,
    );
  }
  try {
    return { file, data: JSON.parse(text) };
  } catch (err) {
    throw new GeoError(file, '(top level)', `expected valid JSON (${(err as Error).message})`);
  }
}

function served(features: AreaFeature[]): Boundaries {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { id: f.properties.id, label: labelPoint(f) } })),
  };
}

/**
 * Load and check the boundary file named by the config from `geoDir` (optionally a filtered
 * part of it, with features dissolved). Returns only what the web app needs: geometry, unit id
 * and label point.
 */
export function loadBoundaries(geoDir: string, fileName: string, idProperty: string, unitIds: readonly string[], options: BoundaryOptions = {}): Boundaries {
  const { file, data } = readGeoJson(geoDir, fileName);
  return served(checkBoundaries(selectFeatures(data, file, idProperty, options), file, idProperty, unitIds));
}

/** A geography version's boundary files, as the config holds them. */
export interface VersionBoundaries {
  files: readonly ({ file: string; idProperty: string } & BoundaryOptions)[];
  units: readonly { id: string }[];
}

/**
 * Load one geography version made of one or more files (e.g. Quảng Nam's and old Đà Nẵng's
 * 2024 districts): each unit exactly once across the files.
 */
export function loadVersionBoundaries(geoDir: string, version: VersionBoundaries): Boundaries {
  const ids = version.units.map((u) => u.id);
  const all = new Map<string, AreaFeature>();
  for (const ref of version.files) {
    const { file, data } = readGeoJson(geoDir, ref.file);
    for (const f of checkBoundaries(selectFeatures(data, file, ref.idProperty, ref), file, ref.idProperty, ids, version.files.length === 1)) {
      if (all.has(f.properties.id))
        throw new GeoError(file, `(${f.properties.id})`, 'expected each unit in one file only; this id is also in another file of the geography');
      all.set(f.properties.id, f);
    }
  }
  const missing = ids.filter((u) => !all.has(u));
  if (missing.length)
    throw new GeoError(
      version.files.map((r) => r.file).join(' + '),
      'features',
      `expected a feature for every unit of the geography; missing: ${missing.join(', ')}`,
    );
  return served(ids.map((id) => all.get(id)!));
}
