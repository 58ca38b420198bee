import type { Boundaries, UnitState } from '../../server/protocol/index.js';
import { areaOf } from './labels.js';
import { bounds } from './layers.js';

/** The unit type whose members make the urban core (from the boundary data: "phường"). */
export const CORE_TYPE = 'ward';

/** Units of the core type: the candidates for the urban-core inset (none on a map without wards). */
export const coreUnits = (units: readonly Pick<UnitState, 'id' | 'type'>[]): ReadonlySet<string> =>
  new Set(units.filter((u) => u.type === CORE_TYPE).map((u) => u.id));

/** How far from the smallest core unit (share of the map's diagonal) the inset reaches. */
const REACH = 0.07;

/**
 * The core units the inset shows: those whose label lies near the smallest one (the densest
 * town centre), fewer than three meaning no inset. Wards far from it (another town) stay on the
 * main map, where they are large enough.
 */
export function coreCluster(main: Boundaries, core: ReadonlySet<string>): Boundaries {
  const cands = main.features.filter((f) => core.has(f.properties.id));
  const none: Boundaries = { type: 'FeatureCollection', features: [] };
  if (cands.length < 3) return none;
  const seed = cands.reduce((a, b) => (areaOf(b.geometry) < areaOf(a.geometry) ? b : a));
  const [x0, y0, x1, y1] = bounds(main);
  const reach = Math.hypot(x1 - x0, y1 - y0) * REACH;
  const [sx, sy] = seed.properties.label;
  const near = cands.filter((f) => Math.hypot(f.properties.label[0] - sx, f.properties.label[1] - sy) <= reach);
  return near.length < 3 ? none : { type: 'FeatureCollection', features: near };
}

/** The inset's extent ([minLon, minLat, maxLon, maxLat]): its units' labels with a margin, not their whole outlines. */
export function coreExtent(cluster: Boundaries): [number, number, number, number] {
  const xs = cluster.features.map((f) => f.properties.label[0]);
  const ys = cluster.features.map((f) => f.properties.label[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const m = Math.max(x1 - x0, y1 - y0) * 0.18;
  return [x0 - m, y0 - m, x1 + m, y1 + m];
}

/** The units a side panel of worst units names (as WorstUnits ranks them): the map labels them first. */
export const rankedUnits = (units: readonly Pick<UnitState, 'id' | 'kind' | 'notReporting' | 'rank'>[], limit: number): ReadonlySet<string> =>
  new Set(
    units
      .filter((u) => u.kind === 'area' && !u.notReporting)
      .toSorted((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((u) => u.id),
  );
