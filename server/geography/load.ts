import { GeoError, loadBoundaries, loadVersionBoundaries, type Boundaries } from '../../geo/load.js';
import type { AppConfig, GeographyVersion } from '../config/types.js';
import { loadCrosswalks, type Crosswalk } from './crosswalk.js';

export { GeoError };

/** What the server reads from IOC_GEO_DIR at boot: every version's boundaries and the crosswalks. */
export interface GeographyData {
  /** Version id → its area units' boundaries, units configured as insets marked `inset: true`. */
  boundaries: ReadonlyMap<string, Boundaries>;
  crosswalks: Crosswalk[];
}

/** One version's boundaries (one file or several), with the inset flags of its units. */
function versionBoundaries(geoDir: string, v: GeographyVersion): Boundaries {
  const ids = v.units.map((u) => u.id);
  const [only, ...more] = v.files;
  // One file (e.g. province.json's): read as before, features in the file's order.
  const b = more.length === 0 && only ? loadBoundaries(geoDir, only.file, only.idProperty, ids, only) : loadVersionBoundaries(geoDir, v);
  const insets = new Set(v.units.filter((u) => u.inset).map((u) => u.id));
  if (!insets.size) return b;
  return { ...b, features: b.features.map((f) => (insets.has(f.properties.id) ? { ...f, properties: { ...f.properties, inset: true } } : f)) };
}

/**
 * Load and check every geography version's boundary files and every crosswalk (pure but for
 * reading files). Throws GeoError or CrosswalkError naming the file, the row or feature, the field.
 */
export function loadGeographyData(geoDir: string, config: AppConfig): GeographyData {
  const boundaries = new Map(config.geography.versions.map((v) => [v.id, versionBoundaries(geoDir, v)]));
  return { boundaries, crosswalks: loadCrosswalks(geoDir, config.geography) };
}
