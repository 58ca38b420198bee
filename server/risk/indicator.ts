import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { IndicatorState, Reason, Revision } from '../protocol/state.js';
import { DAY_MS, MONTH_MS, deadlineEnd, localDate, toLocalIso } from './time.js';
import { daily, theilSenLine, type Line, type Point } from './trend.js';

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
export function assessIndicator(points: readonly Point[], ind: IndicatorConfig & { revision?: Revision | null }, now: number, risk: RiskConfig, tz: string): IndicatorState {
  const s = ind.direction === 'up' ? 1 : -1;
  const base = {
    revision: ind.revision ?? null,
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

  // A reported value at the target is a claim of completion: it stands, however old.
  if (s * (last.v - ind.target) >= 0) return { ...known, level: 'met', reason: reason('met', ind, { lastAt }) };
  // A passed deadline with the target not shown as met is overdue, however old the last figure.
  if (now >= end) {
    const slackDays = -Math.ceil((now - end) / DAY_MS) || 0;
    return { ...known, slackDays, level: 'overdue', reason: reason('overdue', ind, { lastAt, slackDays, projected: last.v }) };
  }
  if (now - last.t > staleMs) return { ...known, level: 'no_data', reason: reason('stale', ind, { lastAt }) };

  const line = trendLine(points.slice(0, count), risk);
  if (line === null) {
    const requiredPace = round(((s * (ind.target - last.v)) / (end - now)) * MONTH_MS, 2);
    return { ...known, requiredPace, level: risk.singleReadingLevel, reason: reason('no_trend', ind, { lastAt, requiredPace }) };
  }

  // One starting point for every number: the trend's value now (robust to a wrong last reading).
  const clamp = (v: number) => Math.min(ind.max, Math.max(ind.min, v));
  const current = clamp(line.intercept + line.slope * now);
  const gap = s * (ind.target - current);
  const nearMiss = risk.nearMissShare * Math.abs(ind.target);
  if (end - now < DAY_MS) {
    const projected = round(current, 1);
    return { ...known, projected, level: gap <= nearMiss ? 'at_risk' : 'off_track', reason: reason('due_today', ind, { lastAt, projected }) };
  }

  const achieved = s * line.slope;
  const required = Math.max(0, gap) / (end - now);
  const requiredPace = round(required * MONTH_MS, 2);
  const achievedPace = round(achieved * MONTH_MS, 2);
  const projected = round(clamp(current + line.slope * (end - now)), 1);
  const completion = gap <= 0 ? now : achieved > 0 ? now + gap / achieved : null;
  const completionDate = completion === null ? null : localDate(completion, tz);
  const slackDays = completion === null ? null : Math.round((end - completion) / DAY_MS) || 0;
  const numbers = { requiredPace, achievedPace, projected, completionDate, slackDays };
  const why = { lastAt, requiredPace, achievedPace, projected, slackDays };

  if (gap <= 0 || (achieved > 0 && achieved >= required)) return { ...known, ...numbers, level: 'on_track', reason: reason('on_pace', ind, why) };
  if (achieved <= 0) return { ...known, ...numbers, level: 'off_track', reason: reason('no_progress', ind, why) };
  if (achieved / required >= risk.atRiskRatio) return { ...known, ...numbers, level: 'at_risk', reason: reason('behind_pace', ind, why) };
  if (s * (ind.target - projected) <= nearMiss) return { ...known, ...numbers, level: 'at_risk', reason: reason('near_miss', ind, why) };
  return { ...known, ...numbers, level: 'off_track', reason: reason('behind_pace', ind, why) };
}

/**
 * The trend of a series: readings thinned to one a day, those of the window (at least
 * `minTrendPoints`, at most `maxTrendPoints`, the most recent), fitted by Theil–Sen.
 */
export function trendLine(points: readonly Point[], risk: RiskConfig): Line | null {
  const days = daily(points.slice(-risk.maxTrendPoints * 8)).slice(-risk.maxTrendPoints);
  const last = days[days.length - 1]!;
  const from = last.t - risk.trendWindowDays * DAY_MS;
  const inWindow = days.filter((p) => p.t >= from).length;
  return theilSenLine(days.slice(-Math.max(inWindow, risk.minTrendPoints)), risk.minPairDays * DAY_MS);
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
