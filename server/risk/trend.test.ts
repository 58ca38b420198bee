import { describe, expect, it } from 'vitest';
import { DAY_MS, MONTH_MS } from '../time/local.js';
import { theilSen, type Point } from './trend.js';

const T0 = Date.parse('2024-04-04T06:00:00+07:00');

/** Points every `stepDays` days from T0 with the given values. */
function series(values: number[], stepDays = 30): Point[] {
  return values.map((v, k) => ({ t: T0 + k * stepDays * DAY_MS, v }));
}

/** Slope per 30 days, the unit people read. */
const perMonth = (slope: number | null) => (slope === null ? null : slope * MONTH_MS);

describe('theilSen', () => {
  it('returns null with no points or a single point', () => {
    expect(theilSen([], 0)).toBeNull();
    expect(theilSen([{ t: T0, v: 5 }], 0)).toBeNull();
  });

  it('returns the exact slope of a straight line (per ms)', () => {
    const slope = theilSen(series([40, 45, 50, 55]), 7 * DAY_MS);
    expect(slope).not.toBeNull();
    expect(perMonth(slope)).toBeCloseTo(5, 9);
    expect(slope!).toBeCloseTo(5 / MONTH_MS, 15);
  });

  it('is zero for a flat series and negative for a falling one', () => {
    expect(theilSen(series([50, 50, 50, 50]), 7 * DAY_MS)).toBe(0);
    expect(perMonth(theilSen(series([60, 58, 56, 54]), 7 * DAY_MS))).toBeCloseTo(-2, 9);
  });

  it('is robust to one wild value in the middle of a steady series', () => {
    const clean = series([40, 44, 48, 52, 56, 60, 64, 68, 72], 10); // 12 per 30 days
    const high = clean.map((p, k) => (k === 4 ? { ...p, v: 100 } : p));
    const low = clean.map((p, k) => (k === 4 ? { ...p, v: 0 } : p));
    expect(perMonth(theilSen(clean, 7 * DAY_MS))).toBeCloseTo(12, 9);
    expect(perMonth(theilSen(high, 7 * DAY_MS))).toBeCloseTo(12, 9);
    expect(perMonth(theilSen(low, 7 * DAY_MS))).toBeCloseTo(12, 9);
  });

  it('stays close to the true pace with one outlier among a few noisy readings', () => {
    const noisy = series([40.2, 43.9, 48.1, 95, 56.0, 59.8, 64.1], 10);
    const pace = perMonth(theilSen(noisy, 7 * DAY_MS))!;
    expect(Math.abs(pace - 12)).toBeLessThan(0.5);
  });

  it('one outlier among three readings cannot drag the slope', () => {
    // Slopes: (0,1) +40/10 d, (1,2) -38/10 d, (0,2) +2/20 d → the median is the steady pair.
    expect(perMonth(theilSen(series([10, 50, 12], 10), 0))).toBeCloseTo(3, 9);
  });

  it('takes the median slope, averaging the two middle ones when the count is even', () => {
    const three: Point[] = [
      { t: T0, v: 0 },
      { t: T0 + 10 * DAY_MS, v: 10 },
      { t: T0 + 20 * DAY_MS, v: 70 },
    ];
    // Pairs (0,1) 1/day, (1,2) 6/day, (0,2) 3.5/day → median 3.5/day.
    expect(theilSen(three, 0)! * DAY_MS).toBeCloseTo(3.5, 9);
    const uneven: Point[] = [
      { t: T0, v: 0 },
      { t: T0 + 10 * DAY_MS, v: 10 },
      { t: T0 + 30 * DAY_MS, v: 90 },
    ];
    // minGap 11 days drops (0,1): (0,2) 3/day and (1,2) 4/day → mean 3.5/day.
    expect(theilSen(uneven, 11 * DAY_MS)! * DAY_MS).toBeCloseTo(3.5, 9);
  });

  it('skips pairs closer than minGap (a burst of readings on one day is not pace)', () => {
    const burst: Point[] = [
      { t: T0, v: 50 },
      { t: T0 + 3_600_000, v: 60 },
      { t: T0 + 2 * 3_600_000, v: 40 },
    ];
    expect(theilSen(burst, 7 * DAY_MS)).toBeNull();
    // With the burst followed by a reading 30 days later, only the long pairs count.
    const withLater = [...burst, { t: T0 + 30 * DAY_MS, v: 53 }];
    const pace = perMonth(theilSen(withLater, 7 * DAY_MS))!;
    expect(pace).toBeCloseTo(3, 9); // slopes +3, -7, +13 per ~30 d → median +3
  });

  it('ignores pairs with identical timestamps even when minGap is 0', () => {
    const same: Point[] = [
      { t: T0, v: 1 },
      { t: T0, v: 2 },
    ];
    expect(theilSen(same, 0)).toBeNull();
  });
});
