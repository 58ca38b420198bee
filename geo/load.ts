import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import polylabel from 'polylabel';
import { checkBoundaries, GeoError, type AreaFeature } from './check.js';

export { GeoError } from './check.js';

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

/**
 * Load and check the boundary file named by the config from `geoDir`.
 * Returns only what the web app needs: geometry, unit id and label point.
 */
export function loadBoundaries(geoDir: string, fileName: string, idProperty: string, unitIds: readonly string[]): Boundaries {
  const file = isAbsolute(fileName) ? fileName : resolve(geoDir, fileName);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GeoError(file, '(file)', `cannot read the boundary file (${(err as NodeJS.ErrnoException).code ?? 'error'}); set IOC_GEO_DIR to the folder that holds it`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GeoError(file, '(top level)', `expected valid JSON (${(err as Error).message})`);
  }
  const features = checkBoundaries(data, file, idProperty, unitIds);
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { id: f.properties.id, label: labelPoint(f) },
    })),
  };
}
