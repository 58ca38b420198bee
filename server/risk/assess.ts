import { indicatorsAt } from '../config/indicators.js';
import type { AppConfig, GeoUnit, UnitConfig } from '../config/types.js';
import { LEVELS } from '../protocol/levels.js';
import type { KindCounts, LevelCounts, UnitState } from '../protocol/state.js';
import { assessIndicator, type TrendCache } from './indicator.js';
import { inForce, type RiskIndicator } from './targets.js';
import { excuseUnowed, reportCalendar, reportHistory, type ReportCalendar } from './reports.js';
import { EMPTY_SERIES, type Series } from './series.js';
import { rankUnits } from './rank.js';
import { unitTasks } from '../tasks/units.js';
import { assessUnit, notReportingUnit } from './unit.js';
import type { UnitMemo } from './unit-memo.js';
import type { TargetVersion } from '../store/rows.js';
import type { TaskReportRow, TaskVersionRow } from '../store/task-rows.js';
import type { UnitTask } from '../protocol/tasks.js';

/** The part of the configuration the engine reads. */
export type RiskModel = Pick<AppConfig, 'units' | 'indicators' | 'timezone' | 'reporting' | 'risk'> & Partial<Pick<AppConfig, 'tasks' | 'geography'>>;

/** Everything the engine reads: readings per unit and indicator, report submissions per unit. */
export interface RiskInput {
  /** unit id → indicator id → readings sorted by time, one per instant. */
  readings: ReadonlyMap<string, ReadonlyMap<string, Series>>;
  /** unit id → period (YYYY-MM) → earliest submission time (ms). */
  reports: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Targets and deadlines decided after the configuration. */
  versions?: readonly TargetVersion[];
  /** The task register's versions and status reports (absent: none). */
  tasks?: TaskRows;
  /** Trend lines and results kept between assessments by a caller that owns the series (LiveState); results are the same without. */
  trends?: TrendCache;
  /** Each unit's last assessment, by a caller that keeps it (risk/unit-memo.ts); results are the same without. */
  units?: UnitMemo;
}

/** The task register's stored rows as the engine reads them (config tasks come from the configuration). */
export interface TaskRows {
  versions: readonly TaskVersionRow[];
  reports: readonly TaskReportRow[];
}

/** A unit as the engine reads it: a GeoUnit's validity and reporting flag when it has them (open and reporting otherwise). */
export type EngineUnit = UnitConfig & Partial<Pick<GeoUnit, 'reporting' | 'start' | 'end'>>;

/** Every indicator as in force at `now` (pure): the catalogue's version then (config/indicators.ts), then the admin's recorded versions. */
export function indicatorsInForce(config: RiskModel, versions: readonly TargetVersion[] | undefined, now: number): RiskIndicator[] {
  return indicatorsAt(config.indicators, now, config.timezone).map((i) => inForce(i, versions ?? [], now, config.timezone));
}

const NO_REPORTS: ReadonlyMap<string, number> = new Map();

/**
 * What every unit's assessment at one instant shares: the indicators in force (per unit kind),
 * the catalogue and the report calendar. Computed once per instant, not once per unit.
 */
export interface Instant {
  now: number;
  inForce: readonly RiskIndicator[];
  catalogue: ReadonlyMap<string, RiskIndicator>;
  byKind: ReadonlyMap<UnitConfig['kind'], readonly RiskIndicator[]>;
  calendar: ReportCalendar;
  /** Each unit's tasks at `now` (engine/state.ts; absent: tasks not assessed). */
  tasks?: ReadonlyMap<string, readonly UnitTask[]>;
}

/** The shared part of every assessment at `now` (pure). */
export function instantOf(config: RiskModel, inForceNow: readonly RiskIndicator[], now: number): Instant {
  const kinds = new Set(config.units.map((u) => u.kind));
  return {
    now,
    inForce: inForceNow,
    catalogue: new Map(inForceNow.map((i) => [i.id, i])),
    byKind: new Map([...kinds].map((k) => [k, inForceNow.filter((i) => i.appliesTo.includes(k))])),
    calendar: reportCalendar(now, config.reporting, config.timezone),
  };
}

/** Assess one unit with the shared part of its instant (pure); its rank is 0 until `rankUnits`. */
export function assessUnitAt(config: RiskModel, unit: EngineUnit, input: RiskInput, at: Instant): UnitState {
  const history = reportHistory(input.reports.get(unit.id) ?? NO_REPORTS, at.now, config.reporting, config.timezone, at.calendar);
  const reports = excuseUnowed(history, unit, config.reporting, config.timezone);
  if (unit.reporting === false) return notReportingUnit(unit, reports);
  const series = input.readings.get(unit.id);
  const indicators = (at.byKind.get(unit.kind) ?? []).map((i) =>
    assessIndicator(series?.get(i.id) ?? EMPTY_SERIES, i, at.now, config.risk, config.timezone, input.trends),
  );
  const tasks = at.tasks?.get(unit.id);
  const kept = input.units?.reuse(unit, indicators, reports, tasks, at.catalogue);
  if (kept) return kept;
  const state = assessUnit(unit, indicators, at.catalogue, reports, config.risk, tasks);
  input.units?.keep(unit, state, at.catalogue);
  return state;
}

/** Assess one unit at `now` (pure); its rank is 0 until `rankUnits`. */
export function assessOne(
  config: RiskModel,
  unitId: string,
  input: RiskInput,
  now: number,
  inForceNow = indicatorsInForce(config, input.versions, now),
): UnitState {
  const unit = config.units.find((u) => u.id === unitId)!;
  return assessUnitAt(config, unit, input, instantOf(config, inForceNow, now));
}

/** Assess every configured unit at `now` and rank them (pure). */
export function assessAll(config: RiskModel, input: RiskInput, now: number): UnitState[] {
  const at = instantOf(config, indicatorsInForce(config, input.versions, now), now);
  // With a task register (a whole AppConfig), the units' tasks as engine/state.ts assesses them.
  const { tasks, geography, timezone } = config;
  if (tasks && geography) at.tasks = unitTasks({ tasks, geography, timezone }, input, now);
  return rankUnits(config.units.map((u) => assessUnitAt(config, u, input, at)));
}

/** Number of units at each level. */
export function countLevels(units: readonly UnitState[]): LevelCounts {
  const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as LevelCounts;
  for (const u of units) counts[u.level]++;
  return counts;
}

/** Number of units at each level, for areas and departments apart (units not reporting left out). */
export function countByKind(all: readonly UnitState[]): KindCounts {
  // Units not reporting (Hoàng Sa) are shown neutral and counted at no level.
  const units = all.filter((u) => !u.notReporting);
  return { area: countLevels(units.filter((u) => u.kind === 'area')), department: countLevels(units.filter((u) => u.kind === 'department')) };
}
