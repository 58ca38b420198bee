import { describe, expect, it } from 'vitest';
import { local } from '../../tests/helpers/fixtures.js';
import { assess, DAYS_LEFT, indicator, LAST, series } from '../../tests/helpers/series.js';
import type { Point } from './trend.js';

describe('assessIndicator: direction', () => {
  // Mirror images: "up" towards 90 from 76 and "down" towards 10 from 24, both 4 per 30 days.
  const up = assess(series([64, 68, 72, 76]), LAST, indicator({ target: 90 }));
  const down = assess(series([36, 32, 28, 24]), LAST, indicator({ id: 'overdue-rate', direction: 'down', target: 10 }));

  it('a "down" indicator improving (falling) has a positive achieved pace', () => {
    expect(down.achievedPace).toBeCloseTo(4, 2);
    expect(down.requiredPace).toBeCloseTo((14 / DAYS_LEFT) * 30, 2);
  });

  it('mirrors the "up" case exactly', () => {
    expect(up.level).toBe('at_risk'); // r = 4 / 4.68 ≈ 0.85
    expect(down.level).toBe(up.level);
    expect(down.reason.kind).toBe(up.reason.kind);
    expect(down.requiredPace).toBeCloseTo(up.requiredPace!, 9);
    expect(down.achievedPace).toBeCloseTo(up.achievedPace!, 9);
    expect(down.projected).toBeCloseTo(12, 5);
    expect(up.projected).toBeCloseTo(88, 5);
    expect(down.completionDate).toBe('2024-10-16'); // 105 days after the last reading
    expect(up.completionDate).toBe(down.completionDate);
    expect(down.slackDays).toBe(-15);
    expect(up.slackDays).toBe(down.slackDays);
  });

  it('a "down" indicator rising is no_progress', () => {
    const a = assess(series([20, 22, 24, 26]), LAST, indicator({ direction: 'down', target: 10 }));
    expect(a.level).toBe('off_track');
    expect(a.reason.kind).toBe('no_progress');
    expect(a.achievedPace).toBeCloseTo(-2, 2);
    expect(a.requiredPace).toBeGreaterThan(0);
  });

  it('a "down" indicator is met at or below its target', () => {
    expect(assess(series([40, 30, 20, 10]), LAST, indicator({ direction: 'down', target: 10 })).level).toBe('met');
    expect(assess(series([40, 30, 20, 8]), LAST, indicator({ direction: 'down', target: 10 })).level).toBe('met');
    expect(assess(series([40, 30, 20, 11]), LAST, indicator({ direction: 'down', target: 10 })).level).not.toBe('met');
  });

  it('clamps the projection of a "down" indicator at min', () => {
    const a = assess(series([60, 45, 30, 15]), LAST, indicator({ direction: 'down', target: 5 }));
    expect(a.projected).toBe(0);
    expect(a.level).toBe('on_track');
  });
});

describe('assessIndicator: deadline', () => {
  // Recent readings so that nothing is stale around the deadline.
  const pts: Point[] = [
    { t: local('2024-09-01T06:00:00'), v: 95 },
    { t: local('2024-09-10T06:00:00'), v: 96 },
    { t: local('2024-09-20T06:00:00'), v: 97 },
  ];

  it('a deadline today is not overdue until the end of the local day', () => {
    const a = assess(pts, local('2024-09-30T23:59:59.999'));
    expect(a.level).not.toBe('overdue');
    expect(a.level).toBe('at_risk'); // 98.1 now: within 5 % of the target
    // Less than a day left: no pace to ask for, just the gap.
    expect(a.reason.kind).toBe('due_today');
    expect(a.projected).toBeCloseTo(98.1, 1);
    const morning = assess(pts, local('2024-09-30T00:00:00'));
    expect(morning.level).not.toBe('overdue');
  });

  it('is overdue at exactly 00:00 local time the next day (17:00 UTC)', () => {
    const end = local('2024-10-01T00:00:00');
    expect(end).toBe(Date.parse('2024-09-30T17:00:00Z'));
    const a = assess(pts, end);
    expect(a.level).toBe('overdue');
    expect(a.reason.kind).toBe('overdue');
    expect(a.slackDays).toBeLessThanOrEqual(0);
    expect(a.reason.projected).toBe(97);
    expect(a.value).toBe(97);
    expect(assess(pts, end - 1).level).not.toBe('overdue');
  });

  it('a passed deadline is overdue with negative slackDays', () => {
    const a = assess(pts, local('2024-10-11T12:00:00')); // 10.5 days late
    expect(a.level).toBe('overdue');
    expect(a.slackDays).toBe(-11);
    expect(a.reason.slackDays).toBe(-11);
    expect(a.reason.lastAt).toBe('2024-09-20T06:00:00.000+07:00');
    expect(a.requiredPace).toBeNull();
    expect(a.achievedPace).toBeNull();
    expect(assess(pts, local('2024-10-02T00:00:00')).slackDays).toBe(-1);
  });

  it('a "down" indicator above its target after the deadline is overdue', () => {
    const a = assess(series([30, 25], local('2024-09-10T06:00:00'), 10), local('2024-10-03T00:00:00'), indicator({ direction: 'down', target: 10 }));
    expect(a.level).toBe('overdue');
    expect(a.slackDays).toBe(-2);
  });
});
