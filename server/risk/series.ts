import type { Point } from './trend.js';

/**
 * One unit × indicator series: times (ms) and values in two `Float64Array`s grown by doubling,
 * in time order, one reading per instant. 16 bytes a reading, where `{t, v}` objects with boxed
 * numbers took about 70 (issue 16's heap snapshot). Read `t[i]`/`v[i]` for i < `length`.
 */
export class Series {
  /** Times in ms, ascending; only the first `length` are readings. */
  t: Float64Array;
  /** Values, index for index with `t`. */
  v: Float64Array;
  length = 0;

  constructor(capacity = 4) {
    this.t = new Float64Array(Math.max(1, capacity));
    this.v = new Float64Array(Math.max(1, capacity));
  }

  /** A series of points (any order; a later point at the same instant replaces an earlier one). */
  static of(points: Iterable<Point>): Series {
    const s = new Series();
    for (const p of points) s.add(p.t, p.v);
    return s;
  }

  /** Insert keeping time order; a reading at the same instant replaces the earlier one (a correction). */
  add(t: number, v: number): void {
    // Readings mostly arrive in time order: look from the end.
    let i = this.length;
    while (i > 0 && this.t[i - 1]! > t) i--;
    if (i > 0 && this.t[i - 1] === t) {
      this.v[i - 1] = v;
      return;
    }
    if (this.length === this.t.length) this.#grow();
    if (i < this.length) {
      this.t.copyWithin(i + 1, i, this.length);
      this.v.copyWithin(i + 1, i, this.length);
    }
    this.t[i] = t;
    this.v[i] = v;
    this.length++;
  }

  /** Number of readings at or before `x`. */
  countUpTo(x: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index in [0, end) whose reading is at or after `x`. */
  firstAtOrAfter(x: number, end = this.length): number {
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.t[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The value at exactly `x`, if any. */
  valueAt(x: number): number | null {
    const i = this.firstAtOrAfter(x);
    return i < this.length && this.t[i] === x ? this.v[i]! : null;
  }

  /** Reading `i` as a point (the trend window, the unit detail: a few at a time). */
  point(i: number): Point {
    return { t: this.t[i]!, v: this.v[i]! };
  }

  /** The readings as points, oldest first. */
  points(): Point[] {
    return Array.from({ length: this.length }, (_, i) => this.point(i));
  }

  #grow(): void {
    const t = new Float64Array(this.t.length * 2);
    const v = new Float64Array(this.v.length * 2);
    t.set(this.t);
    v.set(this.v);
    this.t = t;
    this.v = v;
  }
}

/** A series with no readings (shared: never added to). */
export const EMPTY_SERIES: Series = new Series(1);

/** Series of plain points per unit and indicator (tests, benchmarks: a model kept as `{t, v}` arrays). */
export function seriesOf(readings: ReadonlyMap<string, ReadonlyMap<string, readonly Point[]>>): Map<string, Map<string, Series>> {
  return new Map([...readings].map(([unit, byInd]) => [unit, new Map([...byInd].map(([ind, pts]) => [ind, Series.of(pts)]))]));
}
