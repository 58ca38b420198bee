import type { UnitPatch, UnitState } from '../protocol/state.js';
import type { RiskInput } from '../risk/assess.js';
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

/** `u` with `prev`'s rank: numbered in place when fresh (rank 0), else a copy (a kept assessment is shared). */
export function withRank(u: UnitState, prev: UnitState, input: RiskInput): UnitState {
  if (u.rank === prev.rank && u.kindRank === prev.kindRank) return u;
  if (u.rank === 0) return Object.assign(u, { rank: prev.rank, kindRank: prev.kindRank });
  const moved = { ...u, rank: prev.rank, kindRank: prev.kindRank };
  input.units?.renumbered(moved);
  return moved;
}
