import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/types.js';
import type { Clock } from '../clock.js';
import type { Delta, IndicatorMeta, ProvinceMeta, Snapshot, UnitPatch, UnitState } from '../protocol/state.js';
import { applyDelta } from '../protocol/patch.js';
import { assessAll, countByKind, indicatorsInForce } from '../risk/assess.js';
import type { TargetVersion } from '../risk/targets.js';
import { toLocalIso } from '../risk/time.js';
import type { Point } from '../risk/trend.js';
import type { NewReading, NewReport } from '../store/store.js';
import { diffUnit } from './diff.js';

type Listener = (delta: Delta) => void;

/** How many recent deltas are kept so that a reconnecting wall can catch up without a snapshot. */
const HISTORY = 2000;

/**
 * The live state: an in-memory index of readings and reports, the current assessment and
 * its `seq`. Each recompute yields a Delta with the next seq. No I/O here: the stream
 * layer listens, the ingest layer feeds it after the store has committed.
 */
export class LiveState {
  readonly #config: AppConfig;
  readonly #clock: Clock;
  readonly #wall: () => number;
  readonly #readings = new Map<string, Map<string, Point[]>>();
  readonly #reports = new Map<string, Map<string, number>>();
  readonly #listeners = new Set<Listener>();
  readonly #province: ProvinceMeta;
  #indicators: IndicatorMeta[] = [];
  readonly #versions: TargetVersion[] = [];
  readonly #history: Delta[] = [];
  readonly epoch: string;
  #units: UnitState[] = [];
  #seq = 0;
  #asOf = 0;
  #generatedAt = 0;

  constructor(config: AppConfig, clock: Clock, wall: () => number = Date.now, epoch: string = randomUUID()) {
    this.epoch = epoch;
    this.#config = config;
    this.#clock = clock;
    this.#wall = wall;
    this.#province = { ...config.province, timezone: config.timezone, attribution: config.boundaries.attribution, reportingRule: config.reporting.rule };
    this.#assess();
  }

  get seq(): number {
    return this.#seq;
  }

  /** Add committed readings to the index (no recompute). */
  addReadings(rows: readonly Pick<NewReading, 'unit' | 'indicator' | 'value' | 'at'>[]): void {
    for (const r of rows) {
      let byInd = this.#readings.get(r.unit);
      if (!byInd) this.#readings.set(r.unit, (byInd = new Map()));
      let pts = byInd.get(r.indicator);
      if (!pts) byInd.set(r.indicator, (pts = []));
      insertPoint(pts, { t: r.at, v: r.value });
    }
  }

  /** Add committed report submissions (the earliest per unit and period counts). */
  addReports(rows: readonly Pick<NewReport, 'unit' | 'period' | 'submittedAt'>[]): void {
    for (const r of rows) {
      let byPeriod = this.#reports.get(r.unit);
      if (!byPeriod) this.#reports.set(r.unit, (byPeriod = new Map()));
      const prev = byPeriod.get(r.period);
      if (prev === undefined || r.submittedAt < prev) byPeriod.set(r.period, r.submittedAt);
    }
  }

  /** Forget every reading and report (the demo starting over); the next recompute shows it. */
  clear(): void {
    this.#readings.clear();
    this.#reports.clear();
  }

  /** When a unit's report for a period was first filed (ms), if it was. */
  reportFiledAt(unit: string, period: string): number | null {
    return this.#reports.get(unit)?.get(period) ?? null;
  }

  /** The stored value of a series at exactly `t`, if any (to preview what an import would change). */
  valueAt(unit: string, indicator: string, t: number): number | null {
    return this.#readings.get(unit)?.get(indicator)?.find((p) => p.t === t)?.v ?? null;
  }

  /** Add target and deadline versions (decided after the configuration). */
  addVersions(rows: readonly TargetVersion[]): void {
    this.#versions.push(...rows);
  }

  /** Recompute at the clock's now, bump seq, tell listeners; returns the delta. */
  recompute(): Delta {
    const before = this.#units;
    const metaBefore = JSON.stringify(this.#indicators);
    const beforeCounts = JSON.stringify(countByKind(before));
    this.#assess();
    const prev = new Map(before.map((u) => [u.id, u]));
    const units: UnitPatch[] = [];
    for (const u of this.#units) {
      const p = prev.get(u.id);
      const patch = p ? diffUnit(p, u) : ({ ...u } as UnitPatch);
      if (patch) units.push(patch);
    }
    this.#seq++;
    const counts = countByKind(this.#units);
    const delta: Delta = {
      seq: this.#seq,
      generatedAt: new Date(this.#generatedAt).toISOString(),
      asOf: toLocalIso(this.#asOf, this.#config.timezone),
      units,
      ...(JSON.stringify(counts) !== beforeCounts && { counts }),
      ...(JSON.stringify(this.#indicators) !== metaBefore && { indicators: this.#indicators }),
    };
    this.#history.push(delta);
    if (this.#history.length > HISTORY) this.#history.shift();
    for (const l of this.#listeners) l(delta);
    return delta;
  }

  /** The deltas after `seq` in order, or null when they are no longer all kept (send a snapshot). */
  since(seq: number): Delta[] | null {
    if (seq === this.#seq) return [];
    const first = this.#history[0];
    if (seq > this.#seq || !first || first.seq > seq + 1) return null;
    return this.#history.slice(seq + 1 - first.seq);
  }

  /** The whole state, as sent on connect and from GET /api/state. */
  snapshot(): Snapshot {
    return {
      epoch: this.epoch,
      seq: this.#seq,
      generatedAt: new Date(this.#generatedAt).toISOString(),
      asOf: toLocalIso(this.#asOf, this.#config.timezone),
      demo: this.#clock.demo,
      province: this.#province,
      indicators: this.#indicators,
      units: this.#units,
      counts: countByKind(this.#units),
    };
  }

  /**
   * Take the assessed state and seq from a snapshot (a cluster node joining, or a new leader
   * continuing from the published state): the next recompute diffs against it. The readings
   * index is not touched; the delta history restarts here.
   */
  resumeFrom(s: Snapshot): void {
    this.#units = s.units;
    this.#indicators = s.indicators;
    this.#seq = s.seq;
    this.#asOf = Date.parse(s.asOf);
    this.#generatedAt = Date.parse(s.generatedAt);
    this.#history.length = 0;
  }

  /** Apply the next delta computed elsewhere (the cluster's leader) and tell listeners. */
  adopt(delta: Delta): void {
    if (delta.seq !== this.#seq + 1) throw new Error(`delta ${delta.seq} does not follow seq ${this.#seq}`);
    const next = applyDelta(this.snapshot(), delta);
    this.#units = next.units;
    this.#indicators = next.indicators;
    this.#seq = delta.seq;
    this.#asOf = Date.parse(delta.asOf);
    this.#generatedAt = Date.parse(delta.generatedAt);
    this.#history.push(delta);
    if (this.#history.length > HISTORY) this.#history.shift();
    for (const l of this.#listeners) l(delta);
  }

  onDelta(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #assess(): void {
    this.#asOf = this.#clock.now();
    this.#generatedAt = this.#wall();
    const inForceNow = indicatorsInForce(this.#config, this.#versions, this.#asOf);
    // Metadata for the web app: the version in force, without the engine's range and staleness.
    this.#indicators = inForceNow.map(({ min: _min, max: _max, staleDays: _s, ...meta }) => meta);
    this.#units = assessAll(this.#config, { readings: this.#readings, reports: this.#reports, versions: this.#versions }, this.#asOf);
  }
}

/** Insert keeping time order; a reading at the same instant replaces the earlier one (a correction). */
function insertPoint(pts: Point[], p: Point): void {
  let i = pts.length;
  while (i > 0 && pts[i - 1]!.t > p.t) i--;
  if (i > 0 && pts[i - 1]!.t === p.t) pts[i - 1] = p;
  else pts.splice(i, 0, p);
}
