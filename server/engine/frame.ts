import type { AppConfig, GeoUnit, GeographyVersion } from '../config/types.js';
import { isUnitValidAt, versionAt } from '../geography/validity.js';
import type { GeographyMeta, ProvinceMeta } from '../protocol/state.js';
import { rankOrder, type RankOrder } from '../risk/rank.js';
import { provinceMeta } from './meta.js';

/** The geography an instant is assessed in: its version, the units valid then (areas, then departments) and their ranking order. */
export interface Frame {
  /** The version id and the unit ids: equal keys, the same units in the same order. */
  key: string;
  version: GeographyVersion;
  geography: GeographyMeta;
  province: ProvinceMeta;
  units: GeoUnit[];
  /** Each unit id's place in `units`. */
  position: ReadonlyMap<string, number>;
  order: RankOrder;
}

/** The version in force at `t`; before the first one, the first (its units then filtered by validity). */
function versionFor(config: AppConfig, t: number): GeographyVersion {
  const vs = config.geography.versions;
  return versionAt(config.geography, t) ?? (t < vs[0]!.start ? vs[0]! : vs.at(-1)!);
}

/** The version as the snapshot describes it. */
export function geographyMeta(v: GeographyVersion): GeographyMeta {
  return { id: v.id, name: v.name, from: v.from, until: v.until, attribution: v.attribution };
}

/**
 * The geography valid at `t` (pure): its version's area units valid then, then the departments
 * valid then. `previous` is returned as is when nothing changed, so its ranking order is reused.
 */
export function frameAt(config: AppConfig, t: number, previous?: Frame | null): Frame {
  const version = versionFor(config, t);
  const units = [...version.units, ...config.geography.departments].filter((u) => isUnitValidAt(u, t));
  const key = `${version.id}|${units.map((u) => u.id).join(',')}`;
  if (previous?.key === key) return previous;
  return {
    key,
    version,
    geography: geographyMeta(version),
    province: provinceMeta(config, version),
    units,
    position: new Map(units.map((u, i) => [u.id, i])),
    order: rankOrder(units.map((u) => u.id)),
  };
}
