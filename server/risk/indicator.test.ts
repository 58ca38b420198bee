import { describe, expect, it } from 'vitest';
import { local, RISK } from '../../tests/helpers/fixtures.js';
import { assess, DAYS_LEFT, DEADLINE_END, FIRST, indicator, LAST, series } from '../../tests/helpers/series.js';
import { DAY_MS } from '../time/local.js';

describe('assessIndicator: fixture sanity', () => {
  it('uses the intended instants', () => {
    expect(series([1, 2, 3, 4]).at(-1)!.t).toBe(LAST);
    expect((DEADLINE_END - LAST) / DAY_MS).toBe(DAYS_LEFT);
  });
});

describe('assessIndicator: levels', () => {
  it('no_data when there is no reading', () => {
    const a = assess([], LAST);
    expect(a.level).toBe('no_data');
    expect(a.reason.kind).toBe('no_data');
    expect(a.readings).toBe(0);
    expect(a.value).toBeNull();
    expect(a.at).toBeNull();
    expect(a.requiredPace).toBeNull();
    expect(a.reason.indicator).toBe('online-dossiers');
    expect(a.reason.target).toBe(100);
    expect(a.reason.deadline).toBe('2024-09-30');
  });

  it('no_data when every reading lies after now (future readings are ignored)', () => {
    const a = assess(series([40, 45]), FIRST - DAY_MS);
    expect(a.level).toBe('no_data');
    expect(a.readings).toBe(0);
  });

  it('ignores readings after now', () => {
    const pts = [...series([40, 45, 50, 55]), { t: LAST + 5 * DAY_MS, v: 100 }];
    const a = assess(pts, LAST + DAY_MS);
    expect(a.readings).toBe(4);
    expect(a.value).toBe(55);
    expect(a.level).not.toBe('met');
  });

  it('met when the latest value reaches the target', () => {
    const a = assess(series([80, 90, 100]), LAST);
    expect(a.level).toBe('met');
    expect(a.reason.kind).toBe('met');
    expect(a.value).toBe(100);
  });

  it('met when the latest value exceeds the target, even after the deadline', () => {
    const a = assess([{ t: local('2024-09-25T10:00:00'), v: 101 }], local('2024-10-05T10:00:00'), indicator({ max: 120 }));
    expect(a.level).toBe('met');
  });

  it('on_track when the achieved pace covers the required pace', () => {
    const a = assess(series([34, 46, 58, 70]), LAST); // 12 per 30 d, needs 30 in 89.75 d
    expect(a.level).toBe('on_track');
    expect(a.reason.kind).toBe('on_pace');
    expect(a.achievedPace).toBeCloseTo(12, 2);
    expect(a.requiredPace).toBeCloseTo((30 / DAYS_LEFT) * 30, 2);
  });

  it('at_risk when the pace ratio is between 0.75 and 1', () => {
    const a = assess(series([46, 54, 62, 70]), LAST); // 8 per 30 d vs 10.03 needed → r ≈ 0.80
    expect(a.level).toBe('at_risk');
    expect(a.reason.kind).toBe('behind_pace');
    expect(a.achievedPace! / a.requiredPace!).toBeGreaterThanOrEqual(0.75);
    expect(a.achievedPace! / a.requiredPace!).toBeLessThan(1);
    // Projected 93.9: the near-miss rule alone would not make it at_risk.
    expect(a.projected).toBeCloseTo(93.9, 5);
    expect(a.completionDate).toBe('2024-10-23'); // 112.5 days after the last reading
    expect(a.slackDays).toBe(-23);
  });

  it('at_risk ("near miss") when the pace is too slow but the projection is within 5 % of the target', () => {
    const a = assess(series([84, 86, 88, 90]), LAST); // 2 per 30 d vs 3.34 needed → r ≈ 0.6
    expect(a.achievedPace! / a.requiredPace!).toBeLessThan(0.75);
    expect(a.projected).toBeCloseTo(96, 5);
    expect(a.level).toBe('at_risk');
    expect(a.reason.kind).toBe('near_miss');
  });

  it('off_track when the pace is too slow and the projection misses by more than 5 %', () => {
    const a = assess(series([87, 88, 89, 90]), LAST); // 1 per 30 d → projected 93
    expect(a.projected).toBeCloseTo(93, 5);
    expect(a.level).toBe('off_track');
    expect(a.reason.kind).toBe('behind_pace');
  });

  it('off_track with kind no_progress when the trend is flat', () => {
    const a = assess(series([50, 50, 50, 50]), LAST);
    expect(a.level).toBe('off_track');
    expect(a.reason.kind).toBe('no_progress');
    expect(a.achievedPace).toBe(0);
    expect(a.completionDate).toBeNull();
    expect(a.slackDays).toBeNull();
    expect(a.projected).toBeCloseTo(50, 5);
  });

  it('off_track with kind no_progress when an "up" indicator is falling', () => {
    const a = assess(series([60, 58, 56, 54]), LAST);
    expect(a.level).toBe('off_track');
    expect(a.reason.kind).toBe('no_progress');
    expect(a.achievedPace).toBeCloseTo(-2, 2);
    expect(a.requiredPace).toBeGreaterThan(0);
    expect(a.projected).toBeCloseTo(54 - (2 * DAYS_LEFT) / 30, 1);
    expect(a.completionDate).toBeNull();
    expect(a.slackDays).toBeNull();
  });

  it('respects configured thresholds (atRiskRatio, nearMissShare)', () => {
    // r ≈ 0.80 is at_risk by default, off_track when at-risk needs r ≥ 0.85 (projected misses by 6.1).
    expect(assess(series([46, 54, 62, 70]), LAST, indicator(), { ...RISK, atRiskRatio: 0.85 }).level).toBe('off_track');
    // Projected 93 misses by 7 %: off_track by default, a near miss when 10 % is tolerated.
    const wide = assess(series([87, 88, 89, 90]), LAST, indicator(), { ...RISK, nearMissShare: 0.1 });
    expect(wide.level).toBe('at_risk');
    expect(wide.reason.kind).toBe('near_miss');
  });
});

describe('assessIndicator: staleness', () => {
  const pts = series([40, 45, 50, 55]);

  it('no_data (kind stale) when the last reading is older than staleDays', () => {
    const a = assess(pts, LAST + 46 * DAY_MS);
    expect(a.level).toBe('no_data');
    expect(a.reason.kind).toBe('stale');
    expect(a.reason.lastAt).toBe('2024-07-03T06:00:00.000+07:00');
    expect(a.value).toBe(55);
    expect(a.at).toBe('2024-07-03T06:00:00.000+07:00');
    expect(a.readings).toBe(4);
  });

  it('not stale at exactly staleDays', () => {
    expect(assess(pts, LAST + 45 * DAY_MS).level).not.toBe('no_data');
    expect(assess(pts, LAST + 45 * DAY_MS + 1).level).toBe('no_data');
  });

  it("an indicator's own staleDays overrides the province's (longer window)", () => {
    const now = LAST + 60 * DAY_MS;
    expect(assess(pts, now).level).toBe('no_data');
    const a = assess(pts, now, indicator({ staleDays: 100 }));
    expect(a.level).not.toBe('no_data');
    expect(a.reason.kind).not.toBe('stale');
  });

  it("an indicator's own staleDays overrides the province's (shorter window)", () => {
    const now = LAST + 20 * DAY_MS;
    expect(assess(pts, now).level).not.toBe('no_data');
    const a = assess(pts, now, indicator({ staleDays: 10 }));
    expect(a.level).toBe('no_data');
    expect(a.reason.kind).toBe('stale');
  });

  it('a reading at the target stays met when old: a claim of completion stands', () => {
    expect(assess(series([90, 100]), LAST + 60 * DAY_MS).level).toBe('met');
  });

  it('a stale reading below the target is no_data', () => {
    expect(assess(series([80, 90]), LAST + 60 * DAY_MS).level).toBe('no_data');
  });
});
