import { describe, expect, it } from 'vitest';
import { Series } from './series.js';

const pairs = (s: Series) => s.points().map((p) => [p.t, p.v]);

describe('Series: two typed arrays in time order, one reading per instant', () => {
  it('inserts out of order in time order and grows past its capacity', () => {
    const s = new Series(2);
    for (const t of [5, 1, 9, 3, 7, 2, 8]) s.add(t, t * 10);
    expect(pairs(s)).toEqual([1, 2, 3, 5, 7, 8, 9].map((t) => [t, t * 10]));
    expect(s.length).toBe(7);
    expect(s.t.length).toBeGreaterThanOrEqual(7);
  });

  it('a reading at the same instant replaces the earlier one (a correction), first, middle or last', () => {
    const s = Series.of([1, 2, 3].map((t) => ({ t, v: t })));
    s.add(2, 20);
    s.add(1, 10);
    s.add(3, 30);
    expect(pairs(s)).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
  });

  it('counts readings up to an instant and finds a value at an exact instant', () => {
    const s = Series.of([10, 20, 30].map((t) => ({ t, v: t / 10 })));
    expect([5, 10, 15, 30, 99].map((x) => s.countUpTo(x))).toEqual([0, 1, 1, 3, 3]);
    expect([s.valueAt(20), s.valueAt(21), s.valueAt(0), s.valueAt(31)]).toEqual([2, null, null, null]);
    expect(s.firstAtOrAfter(11)).toBe(1);
    expect(s.firstAtOrAfter(11, 1)).toBe(1);
  });
});
