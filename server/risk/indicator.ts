import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { IndicatorState, Reason, Revision } from '../protocol/state.js';
import { DAY_MS, MONTH_MS, deadlineEnd } from '../time/local.js';
import { dateOf, lastAtOf, memoOf, sameResult, type Numbers, type SeriesMemo, type TrendCache } from './memo.js';
import { Series } from './series.js';
import { sameTerms, validUntil } from './horizon.js';
import { theilSenLine, type Line } from './trend.js';

export type { TrendCache } from './memo.js';

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

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

const NO_NUMBERS: Numbers = { requiredPace: null, achievedPace: null, projected: null, completionDate: null, slackDays: null };

/**
 * The result, built once with one shape (the hot path makes tens of thousands a recompute); the
 * memo's own when every field is the same (`rn`: the numbers its reason carries).
 */
function result(
  ind: IndicatorConfig & { revision?: Revision | null },
  readings: number,
  value: number | null,
  lastAt: string | null,
  n: Numbers,
  level: IndicatorState['level'],
  kind: Reason['kind'],
  rn: Partial<Numbers> = n,
  memo?: SeriesMemo,
): IndicatorState {
  const prev = memo?.result;
  if (prev && sameResult(prev, ind, readings, value, lastAt, n, level, kind, rn)) return prev;
  const built: IndicatorState = {
    revision: ind.revision ?? null,
    id: ind.id,
    target: ind.target,
    deadline: ind.deadline,
    readings,
    value,
    at: lastAt,
    requiredPace: n.requiredPace,
    achievedPace: n.achievedPace,
    projected: n.projected,
    completionDate: n.completionDate,
    slackDays: n.slackDays,
    level,
    reason: reason(kind, ind, lastAt, rn),
  };
  if (memo) memo.result = built;
  return built;
}

const clamp = (v: number, ind: IndicatorConfig): number => Math.min(ind.max, Math.max(ind.min, v));

/**
 * Assess one unit × indicator at `now` (pure).
 * `points` are the unit's readings of this indicator (sorted by time, one per instant).
 * Paces are per 30 days and signed so that positive means "towards the target".
 * With a memo (`trends`), a result is handed back without working it out again until the first
 * instant at which it may change (risk/horizon.ts): a clock tick skips most series outright.
 */
export function assessIndicator(
  points: Series,
  ind: IndicatorConfig & { revision?: Revision | null },
  now: number,
  risk: RiskConfig,
  tz: string,
  trends?: TrendCache,
): IndicatorState {
  // A kept result still valid (its horizon ends before the next reading: the count is the same).
  const kept = trends?.get(points);
  if (kept?.result && now >= kept.from && now < kept.until && kept.risk === risk && kept.tz === tz && sameTerms(kept.ind!, ind)) return kept.result;
  // Series only grow: find the readings up to `now` and the trend window by binary search, not by scanning.
  const count = points.countUpTo(now);
  if (count === 0) return result(ind, 0, null, null, NO_NUMBERS, 'no_data', 'no_data');
  if (!trends) return assessAt(points, count, ind, now, risk, tz, undefined);
  const memo = memoOf(trends, points, count);
  const out = assessAt(points, count, ind, now, risk, tz, memo);
  const lastT = points.t[count - 1]!;
  const end = deadlineEnd(ind.deadline, tz);
  const standing = {
    next: count < points.length ? points.t[count]! : Infinity,
    lastT,
    lastV: points.v[count - 1]!,
    end,
    staleAt: lastT + (ind.staleDays ?? risk.staleDays) * DAY_MS,
    dayTo: memo.dayTo,
  };
  Object.assign(memo, { from: now, until: validUntil(out, ind, now, risk, memo.line, standing), ind, risk, tz });
  return out;
}

/** The assessment of a series' first `count` readings (count > 0), with its memo when there is one. */
function assessAt(
  points: Series,
  count: number,
  ind: IndicatorConfig & { revision?: Revision | null },
  now: number,
  risk: RiskConfig,
  tz: string,
  memo: SeriesMemo | undefined,
): IndicatorState {
  const s = ind.direction === 'up' ? 1 : -1;
  const lastT = points.t[count - 1]!;
  const lastV = points.v[count - 1]!;
  const lastAt = lastAtOf(memo, lastT, tz);
  const end = deadlineEnd(ind.deadline, tz);
  const staleMs = (ind.staleDays ?? risk.staleDays) * DAY_MS;

  // A reported value at the target is a claim of completion: it stands, however old.
  if (s * (lastV - ind.target) >= 0) return result(ind, count, lastV, lastAt, NO_NUMBERS, 'met', 'met', NO_NUMBERS, memo);
  // A passed deadline with the target not shown as met is overdue, however old the last figure.
  if (now >= end) {
    const slackDays = -Math.ceil((now - end) / DAY_MS) || 0;
    return result(ind, count, lastV, lastAt, { ...NO_NUMBERS, slackDays }, 'overdue', 'overdue', { slackDays, projected: lastV }, memo);
  }
  if (now - lastT > staleMs) return result(ind, count, lastV, lastAt, NO_NUMBERS, 'no_data', 'stale', NO_NUMBERS, memo);

  const line = trendOf(points, count, risk, memo);
  if (line === null) {
    const requiredPace = round(((s * (ind.target - lastV)) / (end - now)) * MONTH_MS, 2);
    const n = { ...NO_NUMBERS, requiredPace };
    return result(ind, count, lastV, lastAt, n, risk.singleReadingLevel, 'no_trend', n, memo);
  }

  // One starting point for every number: the trend's value now (robust to a wrong last reading).
  const raw = line.intercept + line.slope * now;
  const current = clamp(raw, ind);
  // Within the range, the projection and completion are worked out without `now` (the same in exact arithmetic): they stay put as time moves.
  const inRange = raw === current;
  const gap = s * (ind.target - current);
  const nearMiss = risk.nearMissShare * Math.abs(ind.target);
  if (end - now < DAY_MS) {
    const n = { ...NO_NUMBERS, projected: round(current, 1) };
    return result(ind, count, lastV, lastAt, n, gap <= nearMiss ? 'at_risk' : 'off_track', 'due_today', n, memo);
  }

  const achieved = s * line.slope;
  const required = Math.max(0, gap) / (end - now);
  const requiredPace = round(required * MONTH_MS, 2);
  const achievedPace = round(achieved * MONTH_MS, 2);
  const projected = round(clamp(inRange ? line.intercept + line.slope * end : current + line.slope * (end - now), ind), 1);
  const completion = gap <= 0 ? now : achieved > 0 ? (inRange ? (ind.target - line.intercept) / line.slope : now + gap / achieved) : null;
  const completionDate = completion === null ? null : dateOf(memo, completion, tz);
  const slackDays = completion === null ? null : Math.round((end - completion) / DAY_MS) || 0;
  const n: Numbers = { requiredPace, achievedPace, projected, completionDate, slackDays };
  const lk = paceLevel(gap, achieved, required, s * (ind.target - projected) <= nearMiss, risk);
  return result(ind, count, lastV, lastAt, n, lk[0], lk[1], n, memo);
}

const ON_PACE = ['on_track', 'on_pace'] as const;
const NO_PROGRESS = ['off_track', 'no_progress'] as const;
const BEHIND = ['at_risk', 'behind_pace'] as const;
const NEAR_MISS = ['at_risk', 'near_miss'] as const;
const FAR_BEHIND = ['off_track', 'behind_pace'] as const;

/** The level and reason of a trend against the pace required (constant pairs: nothing allocated). */
function paceLevel(gap: number, achieved: number, required: number, nearMiss: boolean, risk: RiskConfig): readonly [IndicatorState['level'], Reason['kind']] {
  if (gap <= 0 || (achieved > 0 && achieved >= required)) return ON_PACE;
  if (achieved <= 0) return NO_PROGRESS;
  if (achieved / required >= risk.atRiskRatio) return BEHIND;
  return nearMiss ? NEAR_MISS : FAR_BEHIND;
}

/** The fitted line of a series' first `count` readings, kept in its memo when there is one. */
function trendOf(points: Series, count: number, risk: RiskConfig, memo: SeriesMemo | undefined): Line | null {
  if (!memo) return trendLineUpTo(points, count, risk);
  if (memo.line === undefined) memo.line = trendLineUpTo(points, count, risk);
  return memo.line;
}

/** The trend line of a whole series (see `trendLineUpTo`). */
export function trendLine(points: Series, risk: RiskConfig): Line | null {
  return points.length ? trendLineUpTo(points, points.length, risk) : null;
}

/**
 * The readings a trend is fitted on, from the first `count` of a series: thinned to one a day,
 * those of the window (at least `minTrendPoints`, at most `maxTrendPoints`, the most recent).
 */
export function trendWindow(points: Series, count: number, risk: RiskConfig): Series {
  // Walk back day by day from the latest reading: each step takes a day's last reading, then
  // jumps (binary search on time) over the rest of that day, so the cost is bounded by the
  // number of days kept, however frequent the feed (one reading every 5 minutes is 288 a day).
  const days: number[] = [];
  let end = count;
  while (end > 0 && days.length < risk.maxTrendPoints) {
    days.push(end - 1);
    end = points.firstAtOrAfter(Math.floor(points.t[end - 1]! / DAY_MS) * DAY_MS, end);
  }
  // `days` holds indices, newest first: the window is its oldest `take`, copied oldest first.
  const from = days.length ? points.t[days[0]!]! - risk.trendWindowDays * DAY_MS : 0;
  let inWindow = 0;
  for (const i of days) if (points.t[i]! >= from) inWindow++;
  const take = Math.min(days.length, Math.max(inWindow, risk.minTrendPoints));
  const out = new Series(take);
  for (let k = take - 1; k >= 0; k--) out.add(points.t[days[k]!]!, points.v[days[k]!]!);
  return out;
}

/** The trend of the first `count` readings of a series: its window fitted by Theil–Sen. */
function trendLineUpTo(points: Series, count: number, risk: RiskConfig): Line | null {
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
