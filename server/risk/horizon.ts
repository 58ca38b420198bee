import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { IndicatorState, Revision } from '../protocol/state.js';
import { DAY_MS, MONTH_MS } from '../time/local.js';
import { sameRevision } from './memo.js';
import type { Line } from './trend.js';

/** Kept this far short of a computed change: a crossing worked out in floating point is never trusted to the millisecond. */
const MARGIN_MS = 1000;

/** Where an assessment stands: what its horizon is worked out from. */
export interface Standing {
  /** The first reading after the assessed ones (Infinity: none). */
  next: number;
  lastT: number;
  lastV: number;
  /** The deadline's end and when the series goes stale (ms). */
  end: number;
  staleAt: number;
  /** The end of the local day of `now` (NaN: a day with an offset change). */
  dayTo: number;
}

/**
 * The first instant at which an assessment made at `now` may differ (exclusive; `now` when it
 * must be made again at any other instant). Between the two, time moves only figures that the
 * result does not show: the next reading, staleness, the deadline (and its last day), the day of
 * "days late", a rounding step of the required pace, the pace crossing the at-risk ratio, the
 * trend crossing the target or the indicator's range. The trend's projection and completion date
 * do not depend on `now` while the trend is within the range (indicator.ts works them out so).
 */
export function validUntil(result: IndicatorState, ind: IndicatorConfig, now: number, risk: RiskConfig, line: Line | null | undefined, at: Standing): number {
  const s = ind.direction === 'up' ? 1 : -1;
  let until: number;
  switch (result.reason.kind) {
    case 'met':
      return at.next;
    case 'overdue':
      return Math.min(at.next, at.end + Math.ceil((now - at.end) / DAY_MS) * DAY_MS);
    case 'stale':
      return Math.min(at.next, at.end);
    case 'no_trend':
      until = Math.min(at.next, at.end, at.staleAt, paceUntil(s * (ind.target - at.lastV), 0, at.end, now, result.requiredPace ?? 0, []));
      break;
    case 'due_today':
    case 'no_data':
      return now;
    default: {
      if (!line) return now;
      const raw = line.intercept + line.slope * now;
      // Clamped to the range, the trend's value stands still while time moves the projection: no horizon.
      if (!(raw > ind.min && raw < ind.max)) return now;
      const toward = s * line.slope;
      const cands = [at.next, at.staleAt, at.end - DAY_MS];
      if (line.slope > 0) cands.push((ind.max - line.intercept) / line.slope);
      if (line.slope < 0) cands.push((ind.min - line.intercept) / line.slope);
      const gap = s * (ind.target - raw);
      // The trend crossing the target changes the level and "days left" (gap ≤ 0: done today).
      if ((gap > 0 && toward > 0) || (gap <= 0 && toward < 0)) cands.push((ind.target - line.intercept) / line.slope);
      if (gap <= 0) {
        // Completion is today: its date moves at midnight, the days left at each half day.
        if (!(at.dayTo > now)) return now;
        cands.push(at.dayTo, at.end - (Math.round((at.end - now) / DAY_MS) - 0.5) * DAY_MS);
      } else {
        const ratio = toward > 0 ? [(toward * MONTH_MS) / risk.atRiskRatio] : [];
        cands.push(paceUntil(s * (ind.target - line.intercept), toward, at.end, now, result.requiredPace ?? 0, ratio));
      }
      until = Math.min(...cands);
    }
  }
  until -= MARGIN_MS;
  return until > now ? until : now;
}

/**
 * When the required pace (per 30 days) of a gap g(x) = g0 − a·x to close by `end`, shown as
 * `shown` (2 decimals), next crosses a rounding step or one of `levels` (paces per 30 days). The
 * pace (g0 − a·x)/(end − x) is monotone before `end`: each crossing is solved in closed form, and
 * one within the margin of `now` (either side: floating point) gives no horizon.
 */
function paceUntil(g0: number, a: number, end: number, now: number, shown: number, levels: readonly number[]): number {
  // A pace that is constant in exact arithmetic may still move in its last bit: no horizon.
  if (Math.abs(g0 - a * end) <= 1e-9 * Math.abs(g0)) return now;
  const r = Math.round(shown * 100);
  let until = Infinity;
  for (const p of [(r - 0.5) / 100, (r + 0.5) / 100, ...levels]) {
    const q = p / MONTH_MS;
    const x = (q * end - g0) / (q - a);
    // Crossed long before now, or only on the far side of the deadline: not ahead.
    if (x > now - MARGIN_MS && x < end) until = Math.min(until, x);
  }
  return until;
}

/** Whether an indicator as now in force assesses as `a` did (every term the assessment reads). */
export function sameTerms(a: IndicatorConfig & { revision?: Revision | null }, b: IndicatorConfig & { revision?: Revision | null }): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.target === b.target &&
      a.deadline === b.deadline &&
      a.direction === b.direction &&
      a.min === b.min &&
      a.max === b.max &&
      a.staleDays === b.staleDays &&
      sameRevision(a.revision ?? null, b.revision ?? null))
  );
}
