import type { IndicatorState, UnitPatch, UnitState } from '../protocol/state.js';

/** Structural equality of JSON-like values (what JSON.stringify equality meant, without the strings). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // Keys whose value is undefined are absent in JSON: compare only defined ones.
  let na = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    na++;
    if (!same(ra[k], rb[k])) return false;
  }
  let nb = 0;
  for (const k in rb) if (rb[k] !== undefined) nb++;
  return na === nb;
}

/** Equality of two assessments of one indicator: the scalar fields first, the nested ones only when those agree. */
function sameIndicator(a: IndicatorState | undefined, b: IndicatorState): boolean {
  if (a === b) return true;
  if (!a) return false;
  return (
    a.level === b.level &&
    a.value === b.value &&
    a.at === b.at &&
    a.readings === b.readings &&
    a.requiredPace === b.requiredPace &&
    a.achievedPace === b.achievedPace &&
    a.projected === b.projected &&
    a.completionDate === b.completionDate &&
    a.slackDays === b.slackDays &&
    a.target === b.target &&
    a.deadline === b.deadline &&
    same(a, b)
  );
}

/** The patch that turns `prev` into `next`, or null when nothing changed. */
export function diffUnit(prev: UnitState, next: UnitState): UnitPatch | null {
  if (prev === next) return null;
  const patch: UnitPatch = { id: next.id };
  let changed = false;
  if (prev.level !== next.level) ((patch.level = next.level), (changed = true));
  if (prev.score !== next.score) ((patch.score = next.score), (changed = true));
  if (prev.rank !== next.rank) ((patch.rank = next.rank), (changed = true));
  if (prev.kindRank !== next.kindRank) ((patch.kindRank = next.kindRank), (changed = true));
  if (!same(prev.reason, next.reason)) ((patch.reason = next.reason), (changed = true));
  const inds: IndicatorState[] = [];
  next.indicators.forEach((i, k) => {
    // Usually the same indicator at the same place; otherwise look it up by id.
    const p = prev.indicators[k]?.id === i.id ? prev.indicators[k] : prev.indicators.find((x) => x.id === i.id);
    if (!sameIndicator(p, i)) inds.push(i);
  });
  if (inds.length) ((patch.indicators = inds), (changed = true));
  if (!same(prev.reports, next.reports)) ((patch.reports = next.reports), (changed = true));
  if (!same(prev.tasks ?? [], next.tasks ?? [])) ((patch.tasks = next.tasks ?? []), (changed = true));
  return changed ? patch : null;
}

/** Whether two lists name the same ids in the same order (e.g. the indicators in force). */
export function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
}
