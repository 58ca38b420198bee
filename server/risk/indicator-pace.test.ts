import { describe, expect, it } from 'vitest';
import { local, RISK } from '../../tests/helpers/fixtures.js';
import { assess, DAYS_LEFT, indicator, LAST, series } from '../../tests/helpers/series.js';
import { DAY_MS } from '../time/local.js';
import type { Point } from './trend.js';

describe('assessIndicator: single reading', () => {
  it('is at_risk with kind no_trend, required pace set and no achieved pace', () => {
    const a = assess([{ t: LAST, v: 55 }], LAST);
    expect(a.level).toBe('at_risk');
    expect(a.reason.kind).toBe('no_trend');
    expect(a.achievedPace).toBeNull();
    expect(a.reason.achievedPace).toBeNull();
    expect(a.requiredPace).toBeCloseTo((45 / DAYS_LEFT) * 30, 2); // 15.04 per 30 d
    expect(a.reason.requiredPace).toBe(a.requiredPace);
    expect(a.projected).toBeNull();
    expect(a.completionDate).toBeNull();
    expect(a.slackDays).toBeNull();
    expect(a.readings).toBe(1);
    expect(a.value).toBe(55);
  });

  it('two readings closer than minPairDays also give no_trend', () => {
    const a = assess(
      [
        { t: LAST - 3 * DAY_MS, v: 50 },
        { t: LAST, v: 55 },
      ],
      LAST,
    );
    expect(a.level).toBe('at_risk');
    expect(a.reason.kind).toBe('no_trend');
    expect(a.achievedPace).toBeNull();
  });
});

describe('assessIndicator: numbers on a linear series', () => {
  // 40, 45, 50, 55: +5 per 30 days; assessed a week after the last reading.
  const now = local('2024-07-10T06:00:00'); // 82.75 days before the deadline ends
  const a = assess(series([40, 45, 50, 55]), now);

  it('gives paces per 30 days, from the trend value now', () => {
    expect(a.achievedPace).toBeCloseTo(5, 2);
    // Now the trend stands at 55 + 5 × 7/30 = 56.17; 43.83 to go in 82.75 days.
    expect(a.requiredPace).toBeCloseTo(((100 - (55 + (5 * 7) / 30)) / 82.75) * 30, 2); // 15.89
  });

  it('projects the value at the deadline from the last reading', () => {
    expect(a.projected).toBeCloseTo(55 + (5 * DAYS_LEFT) / 30, 1); // 69.96 → 70.0
    expect(a.projected).toBeCloseTo(70, 5);
  });

  it('projects the completion date and the slack in days', () => {
    // 45 points at 5 per 30 days = 270 days after 2024-07-03T06:00.
    expect(a.completionDate).toBe('2025-03-30');
    expect(a.slackDays).toBe(-180); // round(89.75 − 270)
  });

  it('is off_track (slow pace) with a full reason', () => {
    expect(a.level).toBe('off_track');
    expect(a.reason).toEqual({
      kind: 'behind_pace',
      indicator: 'online-dossiers',
      requiredPace: a.requiredPace,
      achievedPace: a.achievedPace,
      projected: a.projected,
      target: 100,
      deadline: '2024-09-30',
      slackDays: -180,
      lastAt: '2024-07-03T06:00:00.000+07:00',
    });
    expect(a.value).toBe(55);
    expect(a.at).toBe('2024-07-03T06:00:00.000+07:00');
    expect(a.readings).toBe(4);
    expect(a.target).toBe(100);
    expect(a.deadline).toBe('2024-09-30');
  });

  it('gives positive slack and a clamped projection when ahead of pace', () => {
    const b = assess(series([40, 52, 64, 76]), now); // 12 per 30 d, 24 to go → 60 days
    expect(b.level).toBe('on_track');
    expect(b.completionDate).toBe('2024-09-01');
    expect(b.slackDays).toBe(30); // round(89.75 − 60)
    expect(b.projected).toBe(100); // 76 + 35.9 clamped to max
    expect(b.requiredPace).toBeCloseTo(((100 - (76 + (12 * 7) / 30)) / 82.75) * 30, 2); // 7.69
  });

  it('uses only readings inside the trend window', () => {
    // Two old high readings (> 120 days before the last) would make the median slope negative.
    const pts: Point[] = [
      { t: LAST - 300 * DAY_MS, v: 95 },
      { t: LAST - 270 * DAY_MS, v: 95 },
      { t: LAST - 30 * DAY_MS, v: 50 },
      { t: LAST, v: 55 },
    ];
    const c = assess(pts, LAST, indicator(), { ...RISK, minTrendPoints: 2 });
    expect(c.achievedPace).toBeCloseTo(5, 2);
    expect(c.reason.kind).not.toBe('no_progress');
    expect(c.readings).toBe(4);
  });
});

describe('assessIndicator: robustness to one outlier', () => {
  // Every 10 days, +4 each (12 per 30 days); the last is 2024-07-13T06:00, 79.75 days before the end.
  const first = local('2024-04-24T06:00:00');
  const clean = series([40, 44, 48, 52, 56, 60, 64, 68, 72], first, 10);

  it.each([
    ['high', 100],
    ['low', 0],
  ])('keeps the Theil–Sen pace and the level with one wild %s value in the middle', (_, wild) => {
    const dirty = clean.map((p, k) => (k === 4 ? { ...p, v: wild } : p));
    const now = clean.at(-1)!.t;
    const a = assess(clean, now);
    const b = assess(dirty, now);
    expect(a.achievedPace).toBeCloseTo(12, 2);
    expect(b.achievedPace).toBeCloseTo(12, 1);
    expect(b.level).toBe(a.level);
    expect(a.level).toBe('on_track');
    expect(b.projected).toBeCloseTo(a.projected!, 5);
    expect(b.completionDate).toBe(a.completionDate);
  });
});

describe('assessIndicator: a wrong last reading in monthly data', () => {
  // Monthly, +10 a month; the latest report says 8 instead of 80 (a typo).
  const first = local('2024-01-31T17:00:00');
  const clean = series([20, 30, 40, 50, 60, 70, 80], first, 30);
  const dirty = clean.map((p, k) => (k === clean.length - 1 ? { ...p, v: 8 } : p));
  const now = clean.at(-1)!.t + 2 * DAY_MS;

  it('keeps the pace, the projection and the level of the clean series', () => {
    const a = assess(clean, now);
    const b = assess(dirty, now);
    expect(a.achievedPace).toBeCloseTo(10, 1);
    expect(b.achievedPace).toBeCloseTo(10, 0);
    expect(b.level).toBe(a.level);
    expect(b.projected).toBeCloseTo(a.projected!, 0);
    // The reported figure itself is shown as reported.
    expect(b.value).toBe(8);
  });
});

describe('assessIndicator: a frequent feed', () => {
  it('still has a trend: readings are thinned to one a day before the slope', () => {
    // Every 3 hours for 90 days, +10 per 30 days.
    const start = local('2024-05-01T00:00:00');
    const pts: Point[] = Array.from({ length: 721 }, (_, k) => ({ t: start + k * 3 * 3_600_000, v: 10 + (k * 3 * 10) / (30 * 24) }));
    const a = assess(pts, pts.at(-1)!.t);
    expect(a.reason.kind).not.toBe('no_trend');
    expect(a.achievedPace).toBeCloseTo(10, 1);
  });
});
