import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { IndicatorState, ReasonKind, Revision } from '../protocol/state.js';
import { DAY_MS, localDate, offsetAt, toLocalIso } from '../time/local.js';
import type { Line } from './trend.js';

/**
 * What a series' assessment keeps between recomputes, for its first `count` readings: the fitted
 * line, the last reading's local time, the last completion date and the last result. A clock
 * tick that changes none of the result's fields gets the same object back, so the recompute
 * allocates nothing for it and the diff sees `===`.
 */
export interface SeriesMemo {
  count: number;
  /** undefined: not fitted yet. */
  line: Line | null | undefined;
  lastAt: string | null;
  /** The local day [dayFrom, dayTo) of the last completion worked out, and its date. */
  dayFrom: number;
  dayTo: number;
  date: string;
  result: IndicatorState | null;
  /** The result holds for `now` in [from, until), for the same indicator terms, risk settings and zone. */
  from: number;
  until: number;
  ind: (IndicatorConfig & { revision?: Revision | null }) | null;
  risk: RiskConfig | null;
  tz: string;
}

/**
 * Memos per series (the series is the key), kept by a caller that owns the series (EngineInputs).
 * A memo depends only on the series' readings: whoever changes a series in place deletes its entry.
 */
export type TrendCache = WeakMap<object, SeriesMemo>;

/** The memo of a series' first `count` readings (a new one when the count moved). */
export function memoOf(cache: TrendCache, series: object, count: number): SeriesMemo {
  let m = cache.get(series);
  if (!m || m.count !== count)
    cache.set(
      series,
      (m = { count, line: undefined, lastAt: null, dayFrom: NaN, dayTo: NaN, date: '', result: null, from: NaN, until: NaN, ind: null, risk: null, tz: '' }),
    );
  return m;
}

/** The local time of the last reading, worked out once per memo. */
export function lastAtOf(memo: SeriesMemo | undefined, lastT: number, tz: string): string {
  if (!memo) return toLocalIso(lastT, tz);
  return (memo.lastAt ??= toLocalIso(lastT, tz));
}

/** The local date of an instant, the string kept while the instant stays within that local day. */
export function dateOf(memo: SeriesMemo | undefined, ms: number, tz: string): string {
  if (!memo) return localDate(ms, tz);
  if (ms >= memo.dayFrom && ms < memo.dayTo) return memo.date;
  const off = offsetAt(ms, tz);
  const from = Math.floor((ms + off) / DAY_MS) * DAY_MS - off;
  // Only a day with one offset throughout is kept (a DST change mid-day is worked out each time).
  const whole = offsetAt(from, tz) === off && offsetAt(from + DAY_MS - 1, tz) === off;
  memo.dayFrom = whole ? from : NaN;
  memo.dayTo = whole ? from + DAY_MS : NaN;
  return (memo.date = localDate(ms, tz));
}

/** The numbers of an assessment (paces per 30 days). */
export interface Numbers {
  requiredPace: number | null;
  achievedPace: number | null;
  projected: number | null;
  completionDate: string | null;
  slackDays: number | null;
}

/** Whether two revisions are the same in every field. */
export const sameRevision = (a: Revision | null, b: Revision | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.originalTarget === b.originalTarget &&
    a.originalDeadline === b.originalDeadline &&
    a.effectiveFrom === b.effectiveFrom &&
    a.reason === b.reason &&
    a.setBy === b.setBy);

/** Whether `prev` is exactly the result these inputs would build (every field of it and its reason). */
export function sameResult(
  prev: IndicatorState,
  ind: IndicatorConfig & { revision?: Revision | null },
  count: number,
  value: number | null,
  lastAt: string | null,
  n: Numbers,
  level: IndicatorState['level'],
  kind: ReasonKind,
  rn: Partial<Numbers>,
): boolean {
  const r = prev.reason;
  return (
    prev.level === level &&
    r.kind === kind &&
    prev.readings === count &&
    prev.value === value &&
    prev.at === lastAt &&
    prev.requiredPace === n.requiredPace &&
    prev.achievedPace === n.achievedPace &&
    prev.projected === n.projected &&
    prev.completionDate === n.completionDate &&
    prev.slackDays === n.slackDays &&
    prev.id === ind.id &&
    prev.target === ind.target &&
    prev.deadline === ind.deadline &&
    r.requiredPace === (rn.requiredPace ?? null) &&
    r.achievedPace === (rn.achievedPace ?? null) &&
    r.projected === (rn.projected ?? null) &&
    r.slackDays === (rn.slackDays ?? null) &&
    sameRevision(prev.revision, ind.revision ?? null)
  );
}
