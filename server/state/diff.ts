import type { IndicatorState, UnitPatch, UnitState } from '../protocol/state.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The patch that turns `prev` into `next`, or null when nothing changed. */
export function diffUnit(prev: UnitState, next: UnitState): UnitPatch | null {
  const patch: UnitPatch = { id: next.id };
  let changed = false;
  if (prev.level !== next.level) (patch.level = next.level), (changed = true);
  if (prev.score !== next.score) (patch.score = next.score), (changed = true);
  if (prev.rank !== next.rank) (patch.rank = next.rank), (changed = true);
  if (!same(prev.reason, next.reason)) (patch.reason = next.reason), (changed = true);
  const before = new Map(prev.indicators.map((i) => [i.id, i]));
  const inds: IndicatorState[] = next.indicators.filter((i) => !same(before.get(i.id), i));
  if (inds.length) (patch.indicators = inds), (changed = true);
  if (!same(prev.reports, next.reports)) (patch.reports = next.reports), (changed = true);
  return changed ? patch : null;
}
