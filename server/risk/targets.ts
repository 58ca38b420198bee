import type { IndicatorConfig } from '../config/schema.js';
import type { Revision } from '../protocol/state.js';
import type { TargetVersion } from '../store/rows.js';
import { toLocalIso } from '../time/local.js';

/** An indicator as the engine uses it: the version in force, and how it differs from the configured one. */
export type RiskIndicator = IndicatorConfig & { revision: Revision | null };

/**
 * The indicator as in force at `now` (pure): the latest version that took effect by then and
 * was recorded by `knownAt` (for "as of" views); the configured one when there is none.
 */
export function inForce(ind: IndicatorConfig, versions: readonly TargetVersion[], now: number, tz: string, knownAt = now): RiskIndicator {
  let v: TargetVersion | null = null;
  for (const x of versions) {
    if (x.indicator !== ind.id || x.effectiveFrom > now || x.recordedAt > knownAt) continue;
    if (!v || x.effectiveFrom > v.effectiveFrom || (x.effectiveFrom === v.effectiveFrom && x.recordedAt > v.recordedAt)) v = x;
  }
  if (!v || (v.target === ind.target && v.deadline === ind.deadline)) return { ...ind, revision: null };
  return {
    ...ind,
    target: v.target,
    deadline: v.deadline,
    revision: { originalTarget: ind.target, originalDeadline: ind.deadline, effectiveFrom: toLocalIso(v.effectiveFrom, tz), reason: v.reason, setBy: v.setBy },
  };
}
