import type { AppConfig } from '../config/types.js';
import { LEVELS } from '../protocol/levels.js';
import type { KindCounts, LevelCounts, UnitState } from '../protocol/state.js';
import { assessIndicator } from './indicator.js';
import { inForce, type RiskIndicator, type TargetVersion } from './targets.js';
import { reportHistory } from './reports.js';
import type { Point } from './trend.js';
import { assessUnit, rankUnits } from './unit.js';

/** The part of the configuration the engine reads. */
export type RiskModel = Pick<AppConfig, 'units' | 'indicators' | 'timezone' | 'reporting' | 'risk'>;

/** Everything the engine reads: readings per unit and indicator, report submissions per unit. */
export interface RiskInput {
  /** unit id → indicator id → readings sorted by time, one per instant. */
  readings: ReadonlyMap<string, ReadonlyMap<string, readonly Point[]>>;
  /** unit id → period (YYYY-MM) → earliest submission time (ms). */
  reports: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Targets and deadlines decided after the configuration. */
  versions?: readonly TargetVersion[];
}

/** Every indicator as in force at `now` (pure). */
export function indicatorsInForce(config: RiskModel, versions: readonly TargetVersion[] | undefined, now: number): RiskIndicator[] {
  return config.indicators.map((i) => inForce(i, versions ?? [], now, config.timezone));
}

const NONE: readonly Point[] = [];
const NO_REPORTS: ReadonlyMap<string, number> = new Map();

/** Assess one unit at `now` (pure); its rank is 0 until `rankUnits`. */
export function assessOne(config: RiskModel, unitId: string, input: RiskInput, now: number, inForceNow = indicatorsInForce(config, input.versions, now)): UnitState {
  const unit = config.units.find((u) => u.id === unitId)!;
  const catalogue = new Map(inForceNow.map((i) => [i.id, i]));
  const series = input.readings.get(unitId);
  const indicators = inForceNow
    .filter((i) => i.appliesTo.includes(unit.kind))
    .map((i) => assessIndicator(series?.get(i.id) ?? NONE, i, now, config.risk, config.timezone));
  const reports = reportHistory(input.reports.get(unitId) ?? NO_REPORTS, now, config.reporting, config.timezone);
  return assessUnit(unit, indicators, catalogue, reports, config.risk);
}

/** Assess every configured unit at `now` and rank them (pure). */
export function assessAll(config: RiskModel, input: RiskInput, now: number): UnitState[] {
  const inForceNow = indicatorsInForce(config, input.versions, now);
  return rankUnits(config.units.map((u) => assessOne(config, u.id, input, now, inForceNow)));
}

/** Number of units at each level. */
export function countLevels(units: readonly UnitState[]): LevelCounts {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as LevelCounts;
  for (const u of units) counts[u.level]++;
  return counts;
}

/** Number of units at each level, for areas and departments apart. */
export function countByKind(units: readonly UnitState[]): KindCounts {
  return { area: countLevels(units.filter((u) => u.kind === 'area')), department: countLevels(units.filter((u) => u.kind === 'department')) };
}
