import { describe, expect, it } from 'vitest';
import { RISK, TZ } from '../../tests/helpers/fixtures.js';
import { indicator, LAST, series } from '../../tests/helpers/series.js';
import { DAY_MS, localDate } from '../time/local.js';
import { assessIndicator } from './indicator.js';
import { dateOf, memoOf, type TrendCache } from './memo.js';
import { Series } from './series.js';

const MINUTE = 60_000;
const pts = Series.of(series([40, 46, 52, 58]));
const ind = { ...indicator(), revision: null };

describe('series memo: the same result object while the clock moves without changing it', () => {
  it('a minute later gives the very same object, equal to an assessment without memo', () => {
    const cache: TrendCache = new WeakMap();
    const a = assessIndicator(pts, ind, LAST + DAY_MS, RISK, TZ, cache);
    const b = assessIndicator(pts, ind, LAST + DAY_MS + MINUTE, RISK, TZ, cache);
    expect(b).toBe(a);
    expect(b).toEqual(assessIndicator(pts, ind, LAST + DAY_MS + MINUTE, RISK, TZ));
  });
  it('a new object when a field changes (days later the required pace moves), equal to one without memo', () => {
    const cache: TrendCache = new WeakMap();
    const a = assessIndicator(pts, ind, LAST + DAY_MS, RISK, TZ, cache);
    const later = LAST + 20 * DAY_MS;
    const b = assessIndicator(pts, ind, later, RISK, TZ, cache);
    expect(b).not.toBe(a);
    expect(b).toEqual(assessIndicator(pts, ind, later, RISK, TZ));
  });
  it('another target in force (a decided version) is never answered from the memo', () => {
    const cache: TrendCache = new WeakMap();
    const a = assessIndicator(pts, ind, LAST + DAY_MS, RISK, TZ, cache);
    const revised = {
      ...ind,
      target: 90,
      revision: { originalTarget: ind.target, originalDeadline: ind.deadline, effectiveFrom: 'x', reason: 'r', setBy: 's' },
    };
    const b = assessIndicator(pts, revised, LAST + DAY_MS, RISK, TZ, cache);
    expect(b).not.toBe(a);
    expect(b).toEqual(assessIndicator(pts, revised, LAST + DAY_MS, RISK, TZ));
  });
  it('a new count of readings (the clock passing a reading) starts a new memo', () => {
    const cache: TrendCache = new WeakMap();
    const m3 = memoOf(cache, pts, 3);
    expect(memoOf(cache, pts, 3)).toBe(m3);
    expect(memoOf(cache, pts, 4)).not.toBe(m3);
  });
});

describe('dateOf: the local date kept while the instant stays within its day', () => {
  it('agrees with localDate across local midnight', () => {
    const memo = memoOf(new WeakMap(), {}, 1);
    // 2024-07-03 23:59 and 2024-07-04 00:00 in Asia/Ho_Chi_Minh (UTC+7).
    const before = Date.parse('2024-07-03T23:59:00+07:00');
    for (const t of [before, before + MINUTE, before - 23 * 60 * MINUTE, before + 2 * MINUTE, before]) expect(dateOf(memo, t, TZ)).toBe(localDate(t, TZ));
    expect(dateOf(memo, before + MINUTE, TZ)).toBe('2024-07-04');
  });
});
