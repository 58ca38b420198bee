import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { Projection } from '../protocol/history.js';
import type { IndicatorState } from '../protocol/state.js';
import { trendWindow } from './indicator.js';
import { Series } from './series.js';
import { DAY_MS, deadlineEnd, toLocalIso } from '../time/local.js';
import { senInterval, theilSenLine, type Point } from './trend.js';

/**
 * The path from now to the deadline behind an assessment (pure): the trend's value now, the
 * projected value at the deadline, and an 80 % band from Sen's confidence interval of the
 * trend's slope, fitted on exactly the readings the trend used. Null when the level does not
 * rest on a trend (met, overdue, no data, stale, a single reading, due today).
 */
export function projectionOf(
  points: readonly Point[],
  ind: IndicatorConfig,
  state: IndicatorState,
  now: number,
  risk: RiskConfig,
  tz: string,
): Projection | null {
  if (state.projected === null || state.achievedPace === null || state.level === 'overdue') return null;
  const series = Series.of(points);
  const window = trendWindow(series, series.countUpTo(now), risk);
  const minGap = risk.minPairDays * DAY_MS;
  const line = theilSenLine(window, minGap);
  const band = senInterval(window, minGap);
  const end = deadlineEnd(ind.deadline, tz);
  if (!line || !band || end - now < DAY_MS) return null;
  const clamp = (v: number) => Math.min(ind.max, Math.max(ind.min, v));
  const current = clamp(line.intercept + line.slope * now);
  const span = end - now;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const [a, b] = [clamp(current + band[0] * span), clamp(current + band[1] * span)];
  return {
    from: { at: toLocalIso(now, tz), value: r1(current) },
    to: { at: toLocalIso(end, tz), value: state.projected },
    low: r1(Math.min(a, b)),
    high: r1(Math.max(a, b)),
  };
}
