import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { IndicatorState, Reason, Revision } from '../protocol/state.js';
import { DAY_MS, MONTH_MS, deadlineEnd, localDate, toLocalIso } from '../time/local.js';
import { theilSenLine, type Line, type Point } from './trend.js';

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

function reason(kind: Reason['kind'], ind: IndicatorConfig, lastAt: string | null = null, n: Partial<Numbers> = {}): Reason {
  return {
    kind,
    indicator: ind.id,
    requiredPace: n.requiredPace ?? null,
    achievedPace: n.achievedPace ?? null,
    projected: n.projected ?? null,
    target: ind.target,
    deadline: ind.deadline,
    slackDays: n.slackDays ?? null,
    lastAt,
  };
}

interface Numbers {
  requiredPace: number | null;
  achievedPace: number | null;
  projected: number | null;
  completionDate: string | null;
  slackDays: number | null;
}

const NO_NUMBERS: Numbers = { requiredPace: null, achievedPace: null, projected: null, completionDate: null, slackDays: null };

/** The result, built once with one shape (the hot path makes tens of thousands a recompute). */
function result(
  ind: IndicatorConfig & { revision?: Revision | null },
  readings: number,
  last: Point | null,
  lastAt: string | null,
  n: Numbers,
  level: IndicatorState['level'],
  why: Reason,
): IndicatorState {
  return {
    revision: ind.revision ?? null,
    id: ind.id,
    target: ind.target,
    deadline: ind.deadline,
    readings,
    value: last ? last.v : null,
    at: lastAt,
    requiredPace: n.requiredPace,
    achievedPace: n.achievedPace,
    projected: n.projected,
    completionDate: n.completionDate,
    slackDays: n.slackDays,
    level,
    reason: why,
  };
}

const clamp = (v: number, ind: IndicatorConfig): number => Math.min(ind.max, Math.max(ind.min, v));

/**
 * Assess one unit × indicator at `now` (pure).
 * `points` are the unit's readings of this indicator, sorted by time, one per instant.
 * Paces are per 30 days and signed so that positive means "towards the target".
 */
export function assessIndicator(
  points: readonly Point[],
  ind: IndicatorConfig & { revision?: Revision | null },
  now: number,
  risk: RiskConfig,
  tz: string,
  trends?: TrendCache,
): IndicatorState {
  const s = ind.direction === 'up' ? 1 : -1;
  // Series only grow: find the readings up to `now` and the trend window by binary search, not by scanning.
  const count = upperBound(points, now);
  if (count === 0) return result(ind, 0, null, null, NO_NUMBERS, 'no_data', reason('no_data', ind));

  const last = points[count - 1]!;
  const lastAt = toLocalIso(last.t, tz);
  const end = deadlineEnd(ind.deadline, tz);
  const staleMs = (ind.staleDays ?? risk.staleDays) * DAY_MS;

  // A reported value at the target is a claim of completion: it stands, however old.
  if (s * (last.v - ind.target) >= 0) return result(ind, count, last, lastAt, NO_NUMBERS, 'met', reason('met', ind, lastAt));
  // A passed deadline with the target not shown as met is overdue, however old the last figure.
  if (now >= end) {
    const slackDays = -Math.ceil((now - end) / DAY_MS) || 0;
    return result(ind, count, last, lastAt, { ...NO_NUMBERS, slackDays }, 'overdue', reason('overdue', ind, lastAt, { slackDays, projected: last.v }));
  }
  if (now - last.t > staleMs) return result(ind, count, last, lastAt, NO_NUMBERS, 'no_data', reason('stale', ind, lastAt));

  const line = trendOf(points, count, risk, trends);
  if (line === null) {
    const requiredPace = round(((s * (ind.target - last.v)) / (end - now)) * MONTH_MS, 2);
    return result(ind, count, last, lastAt, { ...NO_NUMBERS, requiredPace }, risk.singleReadingLevel, reason('no_trend', ind, lastAt, { requiredPace }));
  }

  // One starting point for every number: the trend's value now (robust to a wrong last reading).
  const current = clamp(line.intercept + line.slope * now, ind);
  const gap = s * (ind.target - current);
  const nearMiss = risk.nearMissShare * Math.abs(ind.target);
  if (end - now < DAY_MS) {
    const projected = round(current, 1);
    return result(
      ind,
      count,
      last,
      lastAt,
      { ...NO_NUMBERS, projected },
      gap <= nearMiss ? 'at_risk' : 'off_track',
      reason('due_today', ind, lastAt, { projected }),
    );
  }

  const achieved = s * line.slope;
  const required = Math.max(0, gap) / (end - now);
  const requiredPace = round(required * MONTH_MS, 2);
  const achievedPace = round(achieved * MONTH_MS, 2);
  const projected = round(clamp(current + line.slope * (end - now), ind), 1);
  const completion = gap <= 0 ? now : achieved > 0 ? now + gap / achieved : null;
  const completionDate = completion === null ? null : localDate(completion, tz);
  const slackDays = completion === null ? null : Math.round((end - completion) / DAY_MS) || 0;
  const n: Numbers = { requiredPace, achievedPace, projected, completionDate, slackDays };

  if (gap <= 0 || (achieved > 0 && achieved >= required)) return result(ind, count, last, lastAt, n, 'on_track', reason('on_pace', ind, lastAt, n));
  if (achieved <= 0) return result(ind, count, last, lastAt, n, 'off_track', reason('no_progress', ind, lastAt, n));
  if (achieved / required >= risk.atRiskRatio) return result(ind, count, last, lastAt, n, 'at_risk', reason('behind_pace', ind, lastAt, n));
  if (s * (ind.target - projected) <= nearMiss) return result(ind, count, last, lastAt, n, 'at_risk', reason('near_miss', ind, lastAt, n));
  return result(ind, count, last, lastAt, n, 'off_track', reason('behind_pace', ind, lastAt, n));
}

/**
 * Trend lines already fitted, per series (the series array is the key) and number of readings
 * used. A line depends only on those readings: whoever changes a series in place deletes its entry.
 */
export type TrendCache = WeakMap<readonly Point[], { count: number; line: Line | null }>;

function trendOf(points: readonly Point[], count: number, risk: RiskConfig, trends: TrendCache | undefined): Line | null {
  if (!trends) return trendLineUpTo(points, count, risk);
  const hit = trends.get(points);
  if (hit && hit.count === count) return hit.line;
  const line = trendLineUpTo(points, count, risk);
  trends.set(points, { count, line });
  return line;
}

/** The trend line of a whole series (see `trendLineUpTo`). */
export function trendLine(points: readonly Point[], risk: RiskConfig): Line | null {
  return points.length ? trendLineUpTo(points, points.length, risk) : null;
}

/**
 * The readings a trend is fitted on, from the first `count` of a series: thinned to one a day,
 * those of the window (at least `minTrendPoints`, at most `maxTrendPoints`, the most recent).
 */
export function trendWindow(points: readonly Point[], count: number, risk: RiskConfig): readonly Point[] {
  // Walk back day by day from the latest reading: each step takes a day's last reading, then
  // jumps (binary search on time) over the rest of that day, so the cost is bounded by the
  // number of days kept, however frequent the feed (one reading every 5 minutes is 288 a day).
  const days: Point[] = [];
  let end = count;
  while (end > 0 && days.length < risk.maxTrendPoints) {
    const p = points[end - 1]!;
    days.push(p);
    end = firstAtOrAfter(points, Math.floor(p.t / DAY_MS) * DAY_MS, end);
  }
  days.reverse();
  if (!days.length) return days;
  const from = days[days.length - 1]!.t - risk.trendWindowDays * DAY_MS;
  let inWindow = 0;
  for (const p of days) if (p.t >= from) inWindow++;
  const take = Math.max(inWindow, risk.minTrendPoints);
  return take >= days.length ? days : days.slice(-take);
}

/** The first index in [0, end) whose reading is at or after `t` (points in time order). */
function firstAtOrAfter(points: readonly Point[], t: number, end: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The trend of the first `count` readings of a series: its window fitted by Theil–Sen. */
function trendLineUpTo(points: readonly Point[], count: number, risk: RiskConfig): Line | null {
  return theilSenLine(trendWindow(points, count, risk), risk.minPairDays * DAY_MS);
}

const gapOf = (v: number, s: number, target: number, range: number): number => Math.min(1, Math.max(0, (s * (target - v)) / range));

/**
 * Share of the indicator's range still missing at the deadline, 0..1 (for ranking).
 * Unknown futures count as half missing; silence counts as fully missing.
 */
export function shortfallShare(a: IndicatorState, ind: IndicatorConfig): number {
  const range = ind.max - ind.min;
  const s = ind.direction === 'up' ? 1 : -1;
  switch (a.level) {
    case 'met':
      return 0;
    case 'no_data':
      return 1;
    case 'overdue':
      return Math.max(0.1, gapOf(a.value!, s, ind.target, range));
    default:
      return a.projected === null ? gapOf(a.value!, s, ind.target, range) * 0.5 + 0.05 : gapOf(a.projected, s, ind.target, range);
  }
}
