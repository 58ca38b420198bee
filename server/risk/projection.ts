import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { Projection } from '../protocol/history.js';
import type { IndicatorState } from '../protocol/state.js';
import { DAY_MS, deadlineEnd, toLocalIso } from './time.js';
import { daily, type Point } from './trend.js';
import { trendLine } from './indicator.js';

/** Share of pairwise slopes left out at each end of the band: the band holds the middle 80 %. */
const BAND_TAIL = 0.1;

function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

/**
 * The path from now to the deadline behind an assessment (pure): the trend's value now, the
 * projected value at the deadline, and a band from the spread of the pairwise slopes that the
 * Theil–Sen trend takes its median from (10th to 90th percentile). Null when the level does
 * not rest on a trend (met, overdue, no data, stale, a single reading, due today).
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
  const upto = points.filter((p) => p.t <= now);
  const line = upto.length ? trendLine(upto, risk) : null;
  if (!line) return null;
  const end = deadlineEnd(ind.deadline, tz);
  if (end - now < DAY_MS) return null;
  const clamp = (v: number) => Math.min(ind.max, Math.max(ind.min, v));
  const current = clamp(line.intercept + line.slope * now);
  // The same window the trend used: pairwise slopes of the daily points.
  const days = daily(upto.slice(-risk.maxTrendPoints * 8)).slice(-risk.maxTrendPoints);
  const minGap = risk.minPairDays * DAY_MS;
  const slopes: number[] = [];
  for (let i = 0; i < days.length; i++)
    for (let j = i + 1; j < days.length; j++) {
      const dt = days[j]!.t - days[i]!.t;
      if (dt >= minGap && dt > 0) slopes.push((days[j]!.v - days[i]!.v) / dt);
    }
  slopes.sort((a, b) => a - b);
  const span = end - now;
  const lowSlope = slopes.length ? Math.min(quantile(slopes, BAND_TAIL), line.slope) : line.slope;
  const highSlope = slopes.length ? Math.max(quantile(slopes, 1 - BAND_TAIL), line.slope) : line.slope;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    from: { at: toLocalIso(now, tz), value: r1(current) },
    to: { at: toLocalIso(end, tz), value: state.projected },
    low: r1(clamp(current + lowSlope * span)),
    high: r1(clamp(current + highSlope * span)),
  };
}
