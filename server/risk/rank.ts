import { SEVERITY } from '../protocol/levels.js';
import type { UnitState } from '../protocol/state.js';

/** What the ranking reads of a unit. */
export type Rankable = Pick<UnitState, 'level' | 'score' | 'id' | 'notReporting'>;

/** A total order of units, worst first. */
export type RankOrder = (a: Rankable, b: Rankable) => number;

/**
 * THE ranking order, worst first: units not reporting (Hoàng Sa) last, then by level severity, then score, then the ids' locale order (a
 * total order: ids are unique). `ids` are the units it will compare: their collation places are
 * worked out once, so that comparing is cheap when one change re-ranks by binary search.
 */
export function rankOrder(ids: Iterable<string>): RankOrder {
  const place = new Map([...ids].sort((a, b) => a.localeCompare(b)).map((id, i) => [id, i]));
  return (a, b) =>
    Number(a.notReporting ?? false) - Number(b.notReporting ?? false) ||
    SEVERITY[b.level] - SEVERITY[a.level] ||
    b.score - a.score ||
    place.get(a.id)! - place.get(b.id)!;
}

/**
 * Number the units of `order` (sorted by a RankOrder) from `lo` to `hi`: `rank` is the place in
 * the province, `kindRank` the place among the units of the same kind. With `whole` false the
 * range must hold the same units as when it was last numbered (units moved within it), so each
 * kind's numbers in it start where they started before. `renumbered` gets each unit whose
 * numbers change and returns the object that takes its place.
 */
export function numberRanks(
  order: UnitState[],
  renumbered: (u: UnitState, rank: number, kindRank: number) => UnitState,
  lo = 0,
  hi = order.length - 1,
  whole = lo === 0 && hi === order.length - 1,
): void {
  // The kindRank the next unit of each kind in the range takes: 1, or the lowest it held there.
  const next = new Map<UnitState['kind'], number>();
  for (let i = lo; i <= hi; i++) {
    const { kind, kindRank } = order[i]!;
    next.set(kind, whole ? 1 : Math.min(next.get(kind) ?? Infinity, kindRank));
  }
  for (let i = lo; i <= hi; i++) {
    const u = order[i]!;
    const kindRank = next.get(u.kind)!;
    next.set(u.kind, kindRank + 1);
    if (u.rank !== i + 1 || u.kindRank !== kindRank) order[i] = renumbered(u, i + 1, kindRank);
  }
}

/** Rank units worst first (pure): copies with `rank` (1 = worst in the province) and `kindRank` (1 = worst of its kind). */
export function rankUnits(units: readonly UnitState[], order: RankOrder = rankOrder(units.map((u) => u.id))): UnitState[] {
  const copies = units.map((u) => ({ ...u }));
  numberRanks([...copies].sort(order), (u, rank, kindRank) => Object.assign(u, { rank, kindRank }), 0, units.length - 1, true);
  return copies;
}

/** Where `u` goes in a list sorted by `order` (binary search). */
export function insertionPoint(sorted: readonly UnitState[], u: UnitState, order: RankOrder): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(sorted[mid]!, u) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
