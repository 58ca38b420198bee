import { describe, expect, it } from 'vitest';
import { riskSchema, type IndicatorConfig, type RiskConfig } from '../config/schema.js';
import type { IndicatorState } from '../protocol/state.js';
import { assessIndicator, shortfallShare } from './indicator.js';
import { DAY_MS } from '../time/local.js';
import type { Point } from './trend.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** An instant given as a local (UTC+7) wall-clock time. */
const local = (iso: string) => Date.parse(`${iso}+07:00`);

const RISK: RiskConfig = riskSchema.parse({
  staleDays: 45,
  atRiskRatio: 0.75,
  nearMissShare: 0.05,
  trendWindowDays: 120,
  minPairDays: 7,
  reportLevels: { missing: 'off_track', late: 'at_risk' },
});

function indicator(over: Partial<IndicatorConfig> = {}): IndicatorConfig {
  return {
    id: 'online-dossiers',
    name: { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Online dossier rate' },
    short: { vi: 'HS trực tuyến', en: 'Online' },
    unit: 'percent',
    direction: 'up',
    min: 0,
    max: 100,
    target: 100,
    deadline: '2024-09-30',
    weight: 1,
    appliesTo: ['area'],
    source: { vi: 'QĐ 06/QĐ-TTg', en: 'Decision 06/QĐ-TTg' },
    ...over,
  };
}

// Readings 30 days apart at 06:00 local; the last is 2024-07-03T06:00+07:00,
// 89.75 days before the deadline ends (2024-10-01T00:00+07:00).
const FIRST = local('2024-04-04T06:00:00');
const LAST = local('2024-07-03T06:00:00');
const DEADLINE_END = local('2024-10-01T00:00:00');
const DAYS_LEFT = 89.75;

function series(values: number[], first = FIRST, stepDays = 30): Point[] {
  return values.map((v, k) => ({ t: first + k * stepDays * DAY_MS, v }));
}

const assess = (points: Point[], now: number, ind = indicator(), risk = RISK) => assessIndicator(points, ind, now, risk, TZ);

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
    const a = assess([{ t: LAST - 3 * DAY_MS, v: 50 }, { t: LAST, v: 55 }], LAST);
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

describe('shortfallShare', () => {
  const ind = indicator({ target: 80 }); // range 0..100
  const state = (over: Partial<IndicatorState>): IndicatorState => ({
    ...assess([], LAST, ind),
    ...over,
  });

  it('is 0 when met and 1 when there is no data', () => {
    expect(shortfallShare(state({ level: 'met', value: 90 }), ind)).toBe(0);
    expect(shortfallShare(state({ level: 'no_data' }), ind)).toBe(1);
  });

  it('uses the current value, at least 0.1, when overdue', () => {
    expect(shortfallShare(state({ level: 'overdue', value: 50 }), ind)).toBeCloseTo(0.3, 9);
    expect(shortfallShare(state({ level: 'overdue', value: 79 }), ind)).toBeCloseTo(0.1, 9);
  });

  it('uses the projection when there is one, clamped to 0..1', () => {
    expect(shortfallShare(state({ level: 'off_track', value: 40, projected: 60 }), ind)).toBeCloseTo(0.2, 9);
    expect(shortfallShare(state({ level: 'on_track', value: 70, projected: 95 }), ind)).toBe(0);
  });

  it('counts an unknown future as half missing', () => {
    expect(shortfallShare(state({ level: 'at_risk', value: 40, projected: null }), ind)).toBeCloseTo(0.25, 9);
  });

  it('is mirrored for "down" indicators', () => {
    const down = indicator({ direction: 'down', target: 10 });
    expect(shortfallShare(state({ level: 'off_track', value: 40, projected: 30 }), down)).toBeCloseTo(0.2, 9);
  });

  it('is higher for worse projections', () => {
    const a = assess(series([46, 54, 62, 70]), LAST);
    const b = assess(series([87, 88, 89, 90]), LAST);
    const c = assess(series([60, 58, 56, 54]), LAST);
    const i = indicator();
    // Projected 93.9 (at_risk), 93.0 (off_track), 48.0 (falling).
    expect(shortfallShare(b, i)).toBeGreaterThan(shortfallShare(a, i));
    expect(shortfallShare(c, i)).toBeGreaterThan(shortfallShare(b, i));
  });
});
