import { mergeChanges } from './changes.js';
import type { Delta, Snapshot, UnitPatch, UnitState } from './state.js';

/** Apply a unit patch (pure; the web app and the tests share it). */
export function applyPatch(unit: UnitState, patch: UnitPatch): UnitState {
  const indicators = patch.indicators ? unit.indicators.map((i) => patch.indicators!.find((p) => p.id === i.id) ?? i) : unit.indicators;
  return {
    ...unit,
    ...(patch.level !== undefined && { level: patch.level }),
    ...(patch.score !== undefined && { score: patch.score }),
    ...(patch.rank !== undefined && { rank: patch.rank }),
    ...(patch.kindRank !== undefined && { kindRank: patch.kindRank }),
    ...(patch.reason !== undefined && { reason: patch.reason }),
    ...(patch.reports !== undefined && { reports: patch.reports }),
    ...(patch.tasks !== undefined && { tasks: patch.tasks }),
    indicators,
  };
}

/**
 * Apply a delta to a snapshot; the caller checks that `delta.seq === snapshot.seq + 1`. A delta
 * with `geography` (the unit set changed, e.g. on 1 Jul 2025) lists every unit in full: it
 * replaces the list, and the geography.
 */
export function applyDelta(snapshot: Snapshot, delta: Delta): Snapshot {
  const next = {
    ...snapshot,
    seq: delta.seq,
    generatedAt: delta.generatedAt,
    asOf: delta.asOf,
    counts: delta.counts ?? snapshot.counts,
    indicators: delta.indicators ?? snapshot.indicators,
    ...(delta.changes && { changes: mergeChanges(snapshot.changes, delta.changes.day, delta.changes.groups) }),
    ...(delta.data !== undefined && { data: delta.data }),
  };
  // Sent in full by the server (state/live.ts): each patch is a whole unit.
  if (delta.geography)
    return {
      ...next,
      province: { ...snapshot.province, attribution: delta.geography.attribution },
      geography: delta.geography,
      units: delta.units as UnitState[],
    };
  const patches = new Map(delta.units.map((p) => [p.id, p]));
  return { ...next, units: patches.size ? snapshot.units.map((u) => (patches.has(u.id) ? applyPatch(u, patches.get(u.id)!) : u)) : snapshot.units };
}
