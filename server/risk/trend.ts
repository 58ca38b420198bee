import { DAY_MS } from './time.js';

/** A reading reduced to what the maths needs: time (ms) and value. */
export interface Point {
  t: number;
  v: number;
}

/** A straight line v = intercept + slope × t (t in ms). */
export interface Line {
  slope: number;
  intercept: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Theil–Sen slope (median of pairwise slopes), per millisecond: one outlier among three or
 * more readings cannot drag it. Pairs closer than `minGapMs` are skipped so that a burst of
 * readings on one day does not turn noise into pace. Returns null when no pair qualifies.
 */
export function theilSen(points: readonly Point[], minGapMs: number): number | null {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dt = points[j]!.t - points[i]!.t;
      if (dt >= minGapMs && dt > 0) slopes.push((points[j]!.v - points[i]!.v) / dt);
    }
  }
  return slopes.length ? median(slopes) : null;
}

/** Theil–Sen line: the robust slope and the median intercept, so one wild reading moves neither. */
export function theilSenLine(points: readonly Point[], minGapMs: number): Line | null {
  const slope = theilSen(points, minGapMs);
  if (slope === null) return null;
  return { slope, intercept: median(points.map((p) => p.v - slope * p.t)) };
}

/** The last reading of each day (UTC day buckets), in time order: a frequent feed counts once a day. */
export function daily(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.floor(last.t / DAY_MS) === Math.floor(p.t / DAY_MS)) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
