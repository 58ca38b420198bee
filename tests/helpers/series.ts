/**
 * The indicator tests' shared footing: one indicator, monthly series on fixed instants, and
 * `assess` with the shipped thresholds.
 */
import type { IndicatorConfig, RiskConfig } from '../../server/config/schema.js';
import type { IndicatorState } from '../../server/protocol/state.js';
import { assessIndicator } from '../../server/risk/indicator.js';
import { DAY_MS } from '../../server/time/local.js';
import { Series } from '../../server/risk/series.js';
import type { Point } from '../../server/risk/trend.js';
import { indicatorConfig, local, RISK, TZ } from './fixtures.js';

/** Quảng Nam's online dossier rate: a percentage of areas rising to 100 by 30 Sep 2024. */
export function indicator(over: Partial<IndicatorConfig> = {}): IndicatorConfig {
  return indicatorConfig('online-dossiers', {
    name: { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Online dossier rate' },
    short: { vi: 'HS trực tuyến', en: 'Online' },
    source: { vi: 'QĐ 06/QĐ-TTg', en: 'Decision 06/QĐ-TTg' },
    ...over,
  });
}

// Readings 30 days apart at 06:00 local; the last is 2024-07-03T06:00+07:00,
// 89.75 days before the deadline ends (2024-10-01T00:00+07:00).
export const FIRST = local('2024-04-04T06:00:00');
export const LAST = local('2024-07-03T06:00:00');
export const DEADLINE_END = local('2024-10-01T00:00:00');
export const DAYS_LEFT = 89.75;

/** Readings of the given values, `stepDays` apart from `first`. */
export function series(values: number[], first = FIRST, stepDays = 30): Point[] {
  return values.map((v, k) => ({ t: first + k * stepDays * DAY_MS, v }));
}

/** assessIndicator in the province's time zone, with the shipped thresholds unless given others. */
export const assess = (points: Point[], now: number, ind = indicator(), risk: RiskConfig = RISK): IndicatorState =>
  assessIndicator(Series.of(points), ind, now, risk, TZ);
