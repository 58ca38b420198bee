import { DAY_MS } from '../time/local.js';

/** A reading reduced to what the maths needs: time (ms) and value. */
export interface Point {
  t: number;
  v: number;
}

/** Readings as parallel arrays of times and values (a Series, a trend window). */
export interface Sample {
  readonly length: number;
  readonly t: ArrayLike<number>;
  readonly v: ArrayLike<number>;
}

/** Points (task reports, tests) or a sample, read as a sample. */
export type Readings = readonly Point[] | Sample;

function sampleOf(r: Readings): Sample {
  if (!Array.isArray(r)) return r as Sample;
  const points = r as readonly Point[];
  return { length: points.length, t: points.map((p) => p.t), v: points.map((p) => p.v) };
}

/** A straight line v = intercept + slope × t (t in ms). */
export interface Line {
  slope: number;
  intercept: number;
}

/** Median of a scratch array (sorted in place: the caller's copy). */
function medianInPlace(s: Float64Array): number {
  // A typed array sorts numerically without a comparator call per pair.
  s.sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Slopes of every pair of points at least `minGapMs` apart (per ms), unsorted. */
export function pairSlopes(readings: Readings, minGapMs: number): Float64Array {
  const { length: n, t, v } = sampleOf(readings);
  const out = new Float64Array((n * (n - 1)) >> 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dt = t[j]! - t[i]!;
      if (dt >= minGapMs && dt > 0) out[k++] = (v[j]! - v[i]!) / dt;
    }
  }
  return out.subarray(0, k);
}

/**
 * Theil–Sen slope (median of pairwise slopes), per millisecond: one outlier among three or
 * more readings cannot drag it. Pairs closer than `minGapMs` are skipped so that a burst of
 * readings on one day does not turn noise into pace. Returns null when no pair qualifies.
 */
export function theilSen(points: Readings, minGapMs: number): number | null {
  const s = pairSlopes(points, minGapMs);
  return s.length ? medianInPlace(s) : null;
}

/** Theil–Sen line: the robust slope and the median intercept, so one wild reading moves neither. */
export function theilSenLine(readings: Readings, minGapMs: number): Line | null {
  const points = sampleOf(readings);
  const slope = theilSen(points, minGapMs);
  if (slope === null) return null;
  const intercepts = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) intercepts[i] = points.v[i]! - slope * points.t[i]!;
  return { slope, intercept: medianInPlace(intercepts) };
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

/**
 * Sen's (1968) distribution-free confidence interval of the Theil–Sen slope: the pairwise
 * slopes ranked, the bounds C/2 ranks either side of the median, C = z·√(n(n−1)(2n+5)/18)
 * (the spread of Kendall's S). z = 1.2816 gives 80 %. Null when no pair qualifies.
 */
export function senInterval(points: Readings, minGapMs: number, z = 1.2816): [number, number] | null {
  const s = pairSlopes(points, minGapMs);
  const N = s.length;
  if (!N) return null;
  s.sort();
  const n = points.length;
  const c = z * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lo = Math.min(N - 1, Math.max(0, Math.floor((N - c) / 2)));
  const hi = Math.min(N - 1, Math.max(0, Math.ceil((N + c) / 2)));
  return [s[lo]!, s[hi]!];
}
