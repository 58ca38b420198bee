import type { UnitPatch, UnitState } from '../protocol/state.js';
import { numberRanks } from '../risk/rank.js';

/**
 * Renumber the ranking between `lo` and `hi` (units moved within it): each unit whose rank changes
 * takes its new place in `units` (config order, by `position`) and gets a rank in its patch.
 */
export function rerank(
  ranking: UnitState[],
  units: UnitState[],
  position: ReadonlyMap<string, number>,
  patches: Map<string, UnitPatch>,
  lo: number,
  hi: number,
): void {
  const renumbered = (u: UnitState, rank: number, kindRank: number): UnitState => {
    const moved = { ...u, rank, kindRank };
    units[position.get(u.id)!] = moved;
    const patch = patches.get(u.id) ?? { id: u.id };
    if (u.rank !== rank) patch.rank = rank;
    if (u.kindRank !== kindRank) patch.kindRank = kindRank;
    patches.set(u.id, patch);
    return moved;
  };
  numberRanks(ranking, renumbered, lo, hi, false);
}
