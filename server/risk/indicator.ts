import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { IndicatorState, Reason } from '../protocol/state.js';
import { DAY_MS, MONTH_MS, deadlineEnd, localDate, toLocalIso } from './time.js';
import { theilSen, type Point } from './trend.js';

/** Readings kept for the trend: at most this many of the most recent ones inside the window. */
const MAX_TREND_POINTS = 48;

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Number of points with t <= x (points sorted by t). */
function upperBound(points: readonly Point[], x: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function reason(kind: Reason['kind'], ind: IndicatorConfig, r: Partial<Reason> = {}): Reason {
  return {
    kind,
    indicator: ind.id,
    requiredPace: null,
    achievedPace: null,
    projected: null,
    target: ind.target,
    deadline: ind.deadline,
    slackDays: null,
    lastAt: null,
    ...r,
  };
}

/**
 * Assess one unit × indicator at `now` (pure).
 * `points` are the unit's readings of this indicator, sorted by time, one per instant.
 * Paces are per 30 days and signed so that positive means "towards the target".
 */
export function assessIndicator(points: readonly Point[], ind: IndicatorConfig, now: number, risk: RiskConfig, tz: string): IndicatorState {
  const s = ind.direction === 'up' ? 1 : -1;
  const base = {
    id: ind.id,
    target: ind.target,
    deadline: ind.deadline,
    readings: points.length,
    value: null,
    at: null,
    requiredPace: null,
    achievedPace: null,
    projected: null,
    completionDate: null,
    slackDays: null,
  };
  // Series only grow: find the readings up to `now` and the trend window by binary search, not by scanning.
  const count = upperBound(points, now);
  if (count === 0) return { ...base, readings: 0, level: 'no_data', reason: reason('no_data', ind) };

  const last = points[count - 1]!;
  const lastAt = toLocalIso(last.t, tz);
  const known = { ...base, readings: count, value: last.v, at: lastAt };
  const end = deadlineEnd(ind.deadline, tz);
  const staleMs = (ind.staleDays ?? risk.staleDays) * DAY_MS;

  const met = s * (last.v - ind.target) >= 0;
  // A passed deadline with the target not shown as met is overdue, however old the last figure.
  if (now >= end && !met) {
    const slackDays = -Math.ceil((now - end) / DAY_MS) || 0;
    return { ...known, slackDays, level: 'overdue', reason: reason('overdue', ind, { lastAt, slackDays, projected: last.v }) };
  }
  if (now - last.t > staleMs) return { ...known, level: 'no_data', reason: reason('stale', ind, { lastAt }) };
  if (met) return { ...known, level: 'met', reason: reason('met', ind, { lastAt }) };

  const windowStart = last.t - risk.trendWindowDays * DAY_MS;
  const window = points.slice(Math.max(upperBound(points, windowStart - 1), count - MAX_TREND_POINTS), count);
  const slope = theilSen(window, risk.minPairDays * DAY_MS);
  const required = (s * (ind.target - last.v)) / (end - now);
  const requiredPace = round(required * MONTH_MS, 2);

  if (slope === null) {
    return { ...known, requiredPace, level: 'at_risk', reason: reason('no_trend', ind, { lastAt, requiredPace }) };
  }

  const achieved = s * slope;
  const achievedPace = round(achieved * MONTH_MS, 2);
  const projected = round(Math.min(ind.max, Math.max(ind.min, last.v + slope * (end - last.t))), 1);
  let completion: number | null = null;
  if (achieved > 0) completion = last.t + (s * (ind.target - last.v)) / achieved;
  const completionDate = completion === null ? null : localDate(completion, tz);
  const slackDays = completion === null ? null : Math.round((end - completion) / DAY_MS) || 0;
  const numbers = { requiredPace, achievedPace, projected, completionDate, slackDays };
  const why = { lastAt, requiredPace, achievedPace, projected, slackDays };

  if (achieved <= 0) return { ...known, ...numbers, level: 'off_track', reason: reason('no_progress', ind, why) };
  const ratio = achieved / required;
  if (ratio >= 1) return { ...known, ...numbers, level: 'on_track', reason: reason('on_pace', ind, why) };
  if (ratio >= risk.atRiskRatio) return { ...known, ...numbers, level: 'at_risk', reason: reason('behind_pace', ind, why) };
  const shortfall = s * (ind.target - projected);
  if (shortfall <= risk.nearMissShare * Math.abs(ind.target)) {
    return { ...known, ...numbers, level: 'at_risk', reason: reason('near_miss', ind, why) };
  }
  return { ...known, ...numbers, level: 'off_track', reason: reason('behind_pace', ind, why) };
}

/**
 * Share of the indicator's range still missing at the deadline, 0..1 (for ranking).
 * Unknown futures count as half missing; silence counts as fully missing.
 */
export function shortfallShare(a: IndicatorState, ind: IndicatorConfig): number {
  const range = ind.max - ind.min;
  const s = ind.direction === 'up' ? 1 : -1;
  const gapOf = (v: number) => Math.min(1, Math.max(0, (s * (ind.target - v)) / range));
  switch (a.level) {
    case 'met':
      return 0;
    case 'no_data':
      return 1;
    case 'overdue':
      return Math.max(0.1, gapOf(a.value!));
    default:
      return a.projected === null ? gapOf(a.value!) * 0.5 + 0.05 : gapOf(a.projected);
  }
}
