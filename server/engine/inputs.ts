import type { RiskInput } from '../risk/assess.js';
import type { TrendCache } from '../risk/indicator.js';
import { UnitMemo } from '../risk/unit-memo.js';
import { Series } from '../risk/series.js';
import type { NewReading, NewReport } from '../store/rows.js';
import type { TargetVersion } from '../store/rows.js';
import type { TaskRows } from '../risk/assess.js';

/** A reading as the engine reads it. */
export type ReadingInput = Pick<NewReading, 'unit' | 'indicator' | 'value' | 'at'>;
/** A report filing as the engine reads it. */
export type ReportInput = Pick<NewReport, 'unit' | 'period' | 'submittedAt'>;

/** Everything recorded, as loaded from the store (live boot, the demo starting over, a cluster reload, the time machine). */
export interface Recorded {
  readings: readonly ReadingInput[];
  reports: readonly ReportInput[];
  versions: readonly TargetVersion[];
  /** The task register's versions and status reports (absent: none). */
  tasks?: TaskRows;
}

/**
 * The engine's inputs, indexed: readings per unit and indicator in time order (one per instant:
 * a correction replaces), the first filing of each unit's report per period (the first filing
 * counts), the target versions, and the trend lines fitted to the series. The one place that
 * turns rows into a RiskInput, for the live state and for any past instant alike.
 */
export class EngineInputs {
  /** unit → indicator → its series (two typed arrays: risk/series.ts). */
  readonly #readings = new Map<string, Map<string, Series>>();
  readonly #reports = new Map<string, Map<string, number>>();
  readonly #versions: TargetVersion[] = [];
  readonly #tasks = { versions: [] as TaskRows['versions'][number][], reports: [] as TaskRows['reports'][number][] };
  /** Trend lines per series, kept across assessments: time moving does not change a fitted line. */
  readonly #trends: TrendCache = new WeakMap();
  /** Each unit's last assessment, handed back while its inputs are the same (risk/unit-memo.ts). */
  readonly #units = new UnitMemo();

  /** Index readings (any iterable: the boot feeds chunks), calling `each` with every row indexed; returns how many. */
  addReadings(rows: Iterable<ReadingInput>, each?: (r: ReadingInput) => void): number {
    let n = 0;
    for (const r of rows) {
      n++;
      each?.(r);
      let byInd = this.#readings.get(r.unit);
      if (!byInd) this.#readings.set(r.unit, (byInd = new Map()));
      let series = byInd.get(r.indicator);
      if (!series) byInd.set(r.indicator, (series = new Series()));
      series.add(r.at, r.value);
      // The series changed in place: its fitted trend no longer holds.
      this.#trends.delete(series);
    }
    return n;
  }

  /** Index report filings: the earliest per unit and period counts. */
  addReports(rows: readonly ReportInput[]): void {
    for (const r of rows) {
      let byPeriod = this.#reports.get(r.unit);
      if (!byPeriod) this.#reports.set(r.unit, (byPeriod = new Map()));
      const prev = byPeriod.get(r.period);
      if (prev === undefined || r.submittedAt < prev) byPeriod.set(r.period, r.submittedAt);
    }
  }

  /** Add target and deadline versions (decided after the configuration). */
  addVersions(rows: readonly TargetVersion[]): void {
    this.#versions.push(...rows);
  }

  /** Add task versions and status reports (each dated by when it was received). */
  addTasks(rows: Partial<TaskRows>): void {
    this.#tasks.versions.push(...(rows.versions ?? []));
    this.#tasks.reports.push(...(rows.reports ?? []));
  }

  /** Replace everything by what is recorded. */
  load(all: Recorded): void {
    this.#readings.clear();
    this.#reports.clear();
    this.#units.clear();
    this.#versions.length = 0;
    this.#tasks.versions.length = 0;
    this.#tasks.reports.length = 0;
    this.addReadings(all.readings);
    this.addReports(all.reports);
    this.addVersions(all.versions);
    if (all.tasks) this.addTasks(all.tasks);
  }

  /** Everything indexed, as the engine reads it. */
  input(): RiskInput {
    return { readings: this.#readings, reports: this.#reports, versions: this.#versions, trends: this.#trends, units: this.#units, tasks: this.#tasks };
  }

  /** One unit's data as the engine reads it (the unit detail). */
  unitInput(unitId: string): RiskInput {
    const readings = this.#readings.get(unitId);
    const reports = this.#reports.get(unitId);
    return {
      readings: new Map(readings ? [[unitId, readings]] : []),
      reports: new Map(reports ? [[unitId, reports]] : []),
      versions: this.#versions,
      tasks: this.#tasks,
    };
  }

  /** When a unit's report for a period was first filed (ms), if it was. */
  reportFiledAt(unit: string, period: string): number | null {
    return this.#reports.get(unit)?.get(period) ?? null;
  }

  /** The indexed value of a series at exactly `t`, if any. */
  valueAt(unit: string, indicator: string, t: number): number | null {
    return this.#readings.get(unit)?.get(indicator)?.valueAt(t) ?? null;
  }
}
