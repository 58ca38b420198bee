import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/types.js';
import { EngineInputs, type Recorded, type ReadingInput, type ReportInput } from '../engine/inputs.js';
import { frameAt, type Frame } from '../engine/frame.js';
import { assessState, snapshotOf } from '../engine/state.js';
import { applyDelta } from '../protocol/patch.js';
import type { Delta, IndicatorMeta, KindCounts, Snapshot, UnitPatch, UnitState } from '../protocol/state.js';
import { assessUnitAt, countByKind, type Instant, type RiskInput, type TaskRows } from '../risk/assess.js';
import { insertionPoint } from '../risk/rank.js';
import type { TargetVersion } from '../store/rows.js';
import type { DataClock } from '../time/clock.js';
import { toLocalIso } from '../time/local.js';
import { ChangeMemory } from './changes.js';
import { DeltaHistory } from './deltas.js';
import { rerank, withRank } from './rerank.js';
import { diffUnit, same, sameIds } from './diff.js';

type Listener = (delta: Delta) => void;

/** How old the last full pass may be for a write to be assessed at its instant (untouched units keep that pass's assessment; the tick moves time anyway). */
const DATA_LAG_MS = 60_000;

/**
 * The live state: the engine's inputs (engine/inputs.ts), the current assessment and its `seq`. Each recompute yields a Delta with the next seq.
 * No I/O here: the stream layer listens, the ingest layer feeds it (through `publish`) after the store has committed.
 */
export class LiveState {
  readonly #config: AppConfig;
  readonly #dataClock: DataClock;
  readonly #systemNow: () => number;
  readonly #inputs = new EngineInputs();
  readonly #listeners = new Set<Listener>();
  #indicators: IndicatorMeta[] = [];
  readonly #history: DeltaHistory;
  readonly #changes = new ChangeMemory();
  readonly epoch: string;
  #units: UnitState[] = [];
  /** The same units, worst first (the ranking), kept sorted so that one change re-ranks by binary search. */
  #ranking: UnitState[] = [];
  /** The geography of #asOf: its version, units and their ranking order (engine/frame.ts). */
  #frame: Frame;
  #counts: KindCounts | null = null;
  /** What every unit's assessment at #asOf shares; null when it must be worked out again. */
  #instant: Instant | null = null;
  /** Units whose readings or reports changed since the last assessment. */
  readonly #dirty = new Set<string>();
  /** The newest instant among the data added since the last recompute (a reading's time, a filing's). */
  #newestData = -Infinity;
  #seq = 0;
  #asOf = 0;
  #generatedAt = 0;

  /** `dataClock` says what "now" is for the engine; `systemNow` stamps when a state was computed. */
  constructor(config: AppConfig, dataClock: DataClock, systemNow: () => number = Date.now, epoch: string = randomUUID()) {
    this.epoch = epoch;
    this.#config = config;
    this.#dataClock = dataClock;
    this.#systemNow = systemNow;
    this.#frame = frameAt(config, dataClock.now());
    this.#history = new DeltaHistory(config.units.length + Math.max(0, ...config.geography.versions.map((v) => v.units.length)));
    this.#assessAll();
  }

  get seq(): number {
    return this.#seq;
  }

  /** Add committed readings to the index (no recompute). */
  addReadings(rows: Iterable<ReadingInput>): void {
    const n = this.#inputs.addReadings(rows, (r) => this.#touched(r.unit, r.at)); // one pass: rows may be a generator
    this.#changes.noteData(n, 0);
  }

  /** Add committed report submissions (the earliest per unit and period counts). */
  addReports(rows: readonly ReportInput[]): void {
    this.#inputs.addReports(rows);
    this.#changes.noteData(0, rows.length);
    for (const r of rows) this.#touched(r.unit, r.submittedAt);
  }

  /** Add target and deadline versions (decided after the configuration). */
  addVersions(rows: readonly TargetVersion[]): void {
    this.#inputs.addVersions(rows);
    this.#changes.noteData(0, 0);
    if (rows.length) this.#instant = null;
  }

  /** Add task versions and status reports: every unit is assessed again at the next recompute (tasks are few, their owners many). */
  addTasks(rows: Partial<TaskRows>): void {
    this.#inputs.addTasks(rows);
    this.#changes.noteData(0, 0);
    this.#instant = null;
  }

  /** Replace the whole index by what is recorded (boot, the demo starting over, a cluster reload); the next recompute shows it. */
  load(all: Recorded): void {
    this.#inputs.load(all);
    this.#changes.reload();
    this.#instant = null;
  }

  /** `load`, the readings streamed a page at a time (boot: no whole table of rows in memory). */
  async loadStreaming(rest: Omit<Recorded, 'readings'>, pages: AsyncIterable<readonly ReadingInput[]>): Promise<void> {
    this.load({ ...rest, readings: [] });
    for await (const page of pages) this.#inputs.addReadings(page);
  }

  #touched(unit: string, at: number): void {
    this.#dirty.add(unit);
    if (at > this.#newestData) this.#newestData = at;
  }

  /** When a unit's report for a period was first filed (ms), if it was. */
  reportFiledAt(unit: string, period: string): number | null {
    return this.#inputs.reportFiledAt(unit, period);
  }

  /** The stored value of a series at exactly `t`, if any (to preview what an import would change). */
  valueAt(unit: string, indicator: string, t: number): number | null {
    return this.#inputs.valueAt(unit, indicator, t);
  }

  /** One unit's data as the engine reads it, from memory: the live unit detail without reading the store. */
  unitInput(unitId: string): RiskInput {
    return this.#inputs.unitInput(unitId);
  }

  /**
   * Recompute, bump seq, tell listeners; returns the delta. `time` (the periodic tick): at the
   * data clock's now, every unit when the clock has moved. `data` (a write): only the units whose
   * data changed, re-ranked by binary search, at the instant of the last full pass, unless the
   * new data is newer than that instant, the pass is older than DATA_LAG_MS or targets changed
   * (then every unit at now). Both give the same state as `assessState` at their instant.
   */
  recompute(cause: 'time' | 'data' = 'time'): Delta {
    const now = this.#dataClock.now();
    const incremental =
      this.#instant !== null && (now === this.#asOf || (cause === 'data' && this.#newestData <= this.#asOf && now - this.#asOf <= DATA_LAG_MS));
    this.#newestData = -Infinity;
    const [before, indicatorsBefore] = [this.#units, this.#indicators];
    const { units, counts, indicators, reset } = incremental ? this.#assessDirty() : this.#assessAll();
    this.#seq++;
    const delta: Delta = {
      seq: this.#seq,
      generatedAt: new Date(this.#generatedAt).toISOString(),
      asOf: toLocalIso(this.#asOf, this.#config.timezone),
      units,
      ...(counts && { counts }),
      ...(indicators && { indicators: this.#indicators }),
      // The unit set changed (a new geography version, a department starting or ending): every unit in full.
      ...(reset && { geography: this.#frame.geography }),
    };
    const after = { before, indicatorsBefore, after: this.#units, indicatorsAfter: this.#indicators, reset };
    const changes = this.#changes.record(delta, cause, after);
    if (changes) delta.changes = changes;
    this.#tell(delta);
    return delta;
  }

  #tell(delta: Delta): void {
    this.#history.remember(delta);
    for (const l of this.#listeners) l(delta);
  }

  /** The deltas after `seq` in order, or null when they are no longer all kept (send a snapshot). */
  since(seq: number): Delta[] | null {
    return this.#history.since(seq, this.#seq);
  }

  /** The whole state, as sent on connect and from GET /api/state. */
  snapshot(): Snapshot {
    const run = { epoch: this.epoch, seq: this.#seq, demo: this.#dataClock.demo, generatedAt: this.#generatedAt };
    const s = snapshotOf(this.#config.timezone, run, this.#frame, this.#asOf, {
      indicators: this.#indicators,
      units: this.#units,
      counts: this.#counts ?? countByKind(this.#units),
    });
    return this.#changes.stamp(s);
  }

  /** Take the assessed state and seq from a snapshot (a cluster node joining, a new leader): the next recompute diffs against it; the readings index is kept, the delta history restarts. */
  resumeFrom(s: Snapshot): void {
    this.#take(s);
    this.#history.clear();
  }

  /** Apply the next delta computed elsewhere (the cluster's leader) and tell listeners. */
  adopt(delta: Delta): void {
    if (delta.seq !== this.#seq + 1) throw new Error(`delta ${delta.seq} does not follow seq ${this.#seq}`);
    this.#take(applyDelta(this.snapshot(), delta));
    this.#tell(delta);
  }

  /** A state assessed elsewhere: if this node recomputes later, it reassesses every unit (and rebuilds the ranking). */
  #take(s: Snapshot): void {
    this.#units = s.units;
    this.#indicators = s.indicators;
    this.#counts = s.counts;
    this.#changes.take(s);
    this.#seq = s.seq;
    this.#asOf = Date.parse(s.asOf);
    this.#generatedAt = Date.parse(s.generatedAt);
    this.#instant = null;
    this.#frame = frameAt(this.#config, this.#asOf, this.#frame);
  }

  onDelta(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Every unit at the data clock's now: the patches of those that changed, counts and indicator
   * metadata when they changed. When the unit set or the indicator list changed (the clock
   * crossed a geography boundary), `reset`: every unit in full, which replaces the client's list.
   */
  #assessAll(): Assessment {
    this.#asOf = this.#dataClock.now();
    this.#generatedAt = this.#systemNow();
    this.#dirty.clear();
    const frame = frameAt(this.#config, this.#asOf, this.#frame);
    const next = assessState(this.#config, this.#inputs.input(), this.#asOf, frame, this.#ranking);
    this.#instant = next.instant;
    const indicatorsChanged = !same(next.indicators, this.#indicators);
    const reset = this.#units.length > 0 && (frame !== this.#frame || !sameIds(next.indicators, this.#indicators));
    if (indicatorsChanged) this.#indicators = next.indicators;
    this.#frame = frame;
    const before = this.#units;
    this.#ranking = next.ranking;
    this.#units = next.units;
    if (reset) return { units: next.units.map((u) => ({ ...u }) as UnitPatch), counts: (this.#counts = next.counts), indicators: true, reset };

    const units: UnitPatch[] = [];
    // Units are kept in config order; a state taken from elsewhere (resumeFrom) is matched by id.
    const byId = before.every((u, i) => u.id === next.units[i]?.id) ? null : new Map(before.map((u) => [u.id, u]));
    next.units.forEach((u, i) => {
      const p = byId ? byId.get(u.id) : before[i];
      const patch = p ? diffUnit(p, u) : ({ ...u } as UnitPatch);
      if (patch) units.push(patch);
    });
    const countsBefore = this.#counts;
    this.#counts = next.counts;
    return { units, counts: countsBefore && same(countsBefore, this.#counts) ? null : this.#counts, indicators: indicatorsChanged, reset: false };
  }

  /** Only the units whose data changed since the last assessment (the data clock has not moved). */
  #assessDirty(): Assessment {
    this.#generatedAt = this.#systemNow();
    const input = this.#inputs.input();
    const units = this.#units.slice();
    const patches = new Map<string, UnitPatch>();
    let levelsChanged = false;
    let lo = Infinity;
    let hi = -Infinity;
    // Many units at once (a big import): sort once rather than move each by binary search.
    const bulk = this.#dirty.size * 16 > units.length;
    for (const id of this.#dirty) {
      const at = this.#frame.position.get(id);
      if (at === undefined) continue; // not a configured unit: nothing shows it
      const prev = units[at]!;
      const next = withRank(assessUnitAt(this.#config, this.#frame.units[at]!, input, this.#instant!), prev, input);
      const patch = diffUnit(prev, next);
      if (!patch) continue;
      units[at] = next;
      patches.set(id, patch);
      if (next.level !== prev.level) levelsChanged = true;
      if (bulk) continue;
      // Where it stands now (its rank field may be stale if another unit moved in this pass).
      const from = insertionPoint(this.#ranking, prev, this.#frame.order);
      if (this.#frame.order(prev, next) === 0) {
        // Same level, score and id: the ranking is unchanged; the new object takes the old place.
        this.#ranking[from] = next;
        continue;
      }
      this.#ranking.splice(from, 1);
      const to = insertionPoint(this.#ranking, next, this.#frame.order);
      this.#ranking.splice(to, 0, next);
      lo = Math.min(lo, from, to);
      hi = Math.max(hi, from, to);
    }
    this.#dirty.clear();
    if (bulk && patches.size) {
      this.#ranking = units.slice().sort(this.#frame.order);
      lo = 0;
      hi = units.length - 1;
    }
    // Only the places between the old and new positions of a moved unit change rank: the same units, reordered.
    if (lo <= hi) rerank(this.#ranking, units, this.#frame.position, patches, lo, hi);
    this.#units = units;
    // Patches in config order, as the full recompute lists them.
    const list = [...patches.values()].sort((a, b) => this.#frame.position.get(a.id)! - this.#frame.position.get(b.id)!);
    if (!levelsChanged) return { units: list, counts: null, indicators: false, reset: false };
    const countsBefore = this.#counts;
    this.#counts = countByKind(units);
    return { units: list, counts: countsBefore && same(countsBefore, this.#counts) ? null : this.#counts, indicators: false, reset: false };
  }
}

/** What one recompute changed; `reset`: the unit set or the indicator list changed, `units` holds every unit in full. */
type Assessment = { units: UnitPatch[]; counts: KindCounts | null; indicators: boolean; reset: boolean };
