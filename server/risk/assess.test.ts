import { describe, expect, it } from 'vitest';
import { indicatorConfig, local, RISK, TZ, UNITS } from '../../tests/helpers/fixtures.js';
import type { IndicatorConfig } from '../config/schema.js';
import { assessAll, assessOne, countLevels, type RiskInput, type RiskModel } from './assess.js';
import { DAY_MS } from '../time/local.js';
import { seriesOf } from './series.js';
import type { Point } from './trend.js';

const NOW = local('2024-08-20T09:00:00');
const indicator = (id: string, over: Partial<IndicatorConfig> = {}) => indicatorConfig(id, { appliesTo: ['area', 'department'], ...over });

const CONFIG: RiskModel = {
  timezone: TZ,
  units: [UNITS.tamKy, UNITS.hoiAn, UNITS.soTttt],
  indicators: [indicator('online'), indicator('land', { appliesTo: ['area'] })],
  reporting: { period: 'monthly', dueDay: 15, dueMonthOffset: 0, history: 3, rule: { vi: 'Trước ngày 15', en: 'Before the 15th' } },
  risk: RISK,
};

/** Readings every 10 days ending 2024-08-18T09:00+07:00. */
const line = (values: number[]): Point[] => values.map((v, k) => ({ t: local('2024-08-18T09:00:00') - (values.length - 1 - k) * 10 * DAY_MS, v }));

const INPUT: RiskInput = {
  readings: seriesOf(
    new Map([
      [
        'tam-ky',
        new Map([
          ['online', line([90, 95, 100])],
          ['land', line([60, 70, 80])],
        ]),
      ],
      ['hoi-an', new Map([['online', line([50, 50, 50])]])],
      ['so-tttt', new Map([['online', line([96, 98, 100])]])],
    ]),
  ),
  reports: new Map([
    [
      'tam-ky',
      new Map([
        ['2024-07', local('2024-07-10T08:00:00')],
        ['2024-08', local('2024-08-12T08:00:00')],
      ]),
    ],
    ['hoi-an', new Map([['2024-08', local('2024-08-16T08:00:00')]])],
    ['so-tttt', new Map([['2024-08', local('2024-08-01T08:00:00')]])],
  ]),
};

describe('assessOne', () => {
  it('assesses only the indicators that apply to the unit kind', () => {
    expect(assessOne(CONFIG, 'tam-ky', INPUT, NOW).indicators.map((i) => i.id)).toEqual(['online', 'land']);
    expect(assessOne(CONFIG, 'so-tttt', INPUT, NOW).indicators.map((i) => i.id)).toEqual(['online']);
  });

  it('treats a missing series as no_data', () => {
    const u = assessOne(CONFIG, 'hoi-an', INPUT, NOW);
    expect(u.indicators.find((i) => i.id === 'land')!.level).toBe('no_data');
  });

  it('combines indicators and reports', () => {
    const tamKy = assessOne(CONFIG, 'tam-ky', INPUT, NOW);
    expect(tamKy.indicators.map((i) => i.level)).toEqual(['met', 'on_track']);
    expect(tamKy.reports.map((r) => r.status)).toEqual(['missing', 'on_time', 'on_time']);
    expect(tamKy.level).toBe('on_track');
    const dept = assessOne(CONFIG, 'so-tttt', INPUT, NOW);
    expect(dept.level).toBe('met');
    const hoiAn = assessOne(CONFIG, 'hoi-an', INPUT, NOW);
    expect(hoiAn.reports.at(-1)!.status).toBe('late');
    expect(hoiAn.level).toBe('off_track'); // flat online rate
  });

  it('is pure: the same inputs give the same output', () => {
    expect(assessOne(CONFIG, 'tam-ky', INPUT, NOW)).toEqual(assessOne(CONFIG, 'tam-ky', INPUT, NOW));
  });
});

describe('assessAll and countLevels', () => {
  it('assesses every unit in config order and ranks the worst first', () => {
    const all = assessAll(CONFIG, INPUT, NOW);
    expect(all.map((u) => u.id)).toEqual(['tam-ky', 'hoi-an', 'so-tttt']);
    expect(all.map((u) => u.rank)).toEqual([2, 1, 3]);
  });

  it('counts units per level, every level present', () => {
    const counts = countLevels(assessAll(CONFIG, INPUT, NOW));
    expect(counts).toEqual({ met: 1, on_track: 1, at_risk: 0, off_track: 1, overdue: 0, no_data: 0 });
  });

  it('with no data at all, areas are no_data and reports are missing', () => {
    const empty: RiskInput = { readings: new Map(), reports: new Map() };
    const all = assessAll(CONFIG, empty, NOW);
    // Every unit has a missing 2024-08 report (due 15 Aug) → off_track beats no_data.
    expect(all.every((u) => u.level === 'off_track')).toBe(true);
    expect(all.every((u) => u.indicators.every((i) => i.level === 'no_data'))).toBe(true);
    const early = assessAll(CONFIG, empty, local('2024-08-10T09:00:00'));
    // Before 15 Aug the current period is not yet due.
    expect(early.every((u) => u.reports.at(-1)!.status === 'not_yet_due')).toBe(true);
    expect(countLevels([]).no_data).toBe(0);
  });
});
