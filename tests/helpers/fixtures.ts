/**
 * Builders the tests share: configuration and protocol objects with every field filled, each
 * test overriding only what it is about.
 */
import { expect } from 'vitest';
import { riskSchema, type IndicatorConfig, type RiskConfig } from '../../server/config/schema.js';
import type { UnitConfig } from '../../server/config/types.js';
import type { IndicatorMeta } from '../../server/protocol/index.js';

/** The province's time zone (UTC+7, no daylight saving). */
export const TZ = 'Asia/Ho_Chi_Minh';

/** An instant given as a local (UTC+7) wall-clock time, e.g. `local('2024-08-20T09:00:00')`. */
export const local = (iso: string): number => Date.parse(`${iso}+07:00`);

/** The shipped risk thresholds (DESIGN.md's defaults): stale after 45 days, at risk from 0.75 of the pace. */
export const RISK: RiskConfig = riskSchema.parse({
  staleDays: 45,
  atRiskRatio: 0.75,
  nearMissShare: 0.05,
  trendWindowDays: 120,
  minPairDays: 7,
  reportLevels: { missing: 'off_track', late: 'at_risk' },
});

/** An indicator: a percentage of areas rising to 100 by 30 Sep 2024, named after its id unless overridden. */
export function indicatorConfig(id: string, over: Partial<IndicatorConfig> = {}): IndicatorConfig {
  return {
    id,
    name: { vi: id, en: id },
    short: { vi: id, en: id },
    unit: 'percent',
    direction: 'up',
    min: 0,
    max: 100,
    target: 100,
    deadline: '2024-09-30',
    weight: 1,
    appliesTo: ['area'],
    source: { vi: 'QĐ 06', en: 'Decision 06' },
    ...over,
  };
}

/** The indicator as the web app receives it (no range, a revision slot) from the same defaults. */
export function indicatorMeta(id: string, over: Partial<IndicatorMeta> = {}): IndicatorMeta {
  const { min: _min, max: _max, staleDays: _stale, ...meta } = indicatorConfig(id);
  return { ...meta, revision: null, ...over };
}

/** Units of Quảng Nam as configured: two cities (areas) and a department without geometry. */
export const UNITS: Record<'tamKy' | 'hoiAn' | 'soTttt', UnitConfig> = {
  tamKy: { id: 'tam-ky', code: '502', name: { vi: 'Tam Kỳ', en: 'Tam Ky' }, kind: 'area', type: 'city' },
  hoiAn: { id: 'hoi-an', code: '503', name: { vi: 'Hội An', en: 'Hoi An' }, kind: 'area', type: 'city' },
  soTttt: { id: 'so-tttt', code: null, name: { vi: 'Sở TT&TT', en: 'DIC' }, kind: 'department', type: 'department' },
};

/** The error `fn` throws, checked to be a `type` (fails the test when nothing is thrown). */
export function thrown<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    return err as E;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}

/** Refusal details as `row N field: problem` lines, to compare a whole list of them in one look. */
export const problems = (details: readonly { row?: number; field: string; problem: string }[]): string[] =>
  details.map((d) => `row ${d.row ?? '-'} ${d.field}: ${d.problem}`);
