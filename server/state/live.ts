import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/types.js';
import type { Clock } from '../clock.js';
import type { Delta, IndicatorMeta, KindCounts, ProvinceMeta, Snapshot, UnitPatch, UnitState } from '../protocol/state.js';
import type { TrendCache } from '../risk/indicator.js';
import { assessUnitAt, countByKind, indicatorsInForce, instantOf, type Instant, type RiskInput } from '../risk/assess.js';
import { applyDelta } from '../protocol/patch.js';
import type { TargetVersion } from '../risk/targets.js';
import { toLocalIso } from '../risk/time.js';
import type { Point } from '../risk/trend.js';
import type { NewReading, NewReport } from '../store/store.js';
import type { UnitConfig } from '../config/types.js';
import { SEVERITY } from '../protocol/levels.js';
import { indicatorMeta, provinceMeta } from './meta.js';
import { diffUnit, same } from './diff.js';

type Listener = (delta: Delta) => void;

/**
 * How old the last full pass may be for a write to be assessed at its instant (units the write
 * does not touch keep that pass's assessment; the ticker moves time every IOC_TICK_MS anyway).
 */
const DATA_LAG_MS = 60_000;

/** How many recent deltas are kept so that a reconnecting wall can catch up without a snapshot… */
const HISTORY = 2000;
/**
 * …and how many unit patches they may hold together: at national scale a tick can patch
 * thousands of units, and 2,000 such deltas would hold gigabytes. Beyond it, a snapshot.
 */
const HISTORY_PATCHES = 20_000;

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
  /** Trend lines per series, kept across recomputes: time moving does not change a fitted line. */
  readonly #trends: TrendCache = new WeakMap();
  readonly #listeners = new Set<Listener>();
  readonly #province: ProvinceMeta;
  #indicators: IndicatorMeta[] = [];
  readonly #versions: TargetVersion[] = [];
  readonly #history: Delta[] = [];
  #historyPatches = 0;
  readonly epoch: string;
  #units: UnitState[] = [];
  /** The same units, worst first (the ranking), kept sorted so that one change re-ranks by binary search. */
  #order: UnitState[] = [];
  /** Config position of each unit id. */
  readonly #position: Map<string, number>;
  /** The ranking order of `compareRank` (risk/unit.ts), with each id's collation place worked out once. */
  readonly #compare: (a: UnitState, b: UnitState) => number;
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

  constructor(config: AppConfig, clock: Clock, wall: () => number = Date.now, epoch: string = randomUUID()) {
    this.epoch = epoch;
    this.#config = config;
    this.#clock = clock;
    this.#wall = wall;
    this.#province = provinceMeta(config);
    this.#position = new Map(config.units.map((u, i) => [u.id, i]));
    // Ties on level and score fall back to the ids' locale order (as rankUnits): compare places, not strings.
    const place = new Map([...config.units.map((u) => u.id)].sort((a, b) => a.localeCompare(b)).map((id, i) => [id, i]));
    this.#compare = (a, b) => SEVERITY[b.level] - SEVERITY[a.level] || b.score - a.score || place.get(a.id)! - place.get(b.id)!;
    this.#assessAll();
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
      // The series changed in place: its fitted trend no longer holds.
      this.#trends.delete(pts);
      this.#dirty.add(r.unit);
      if (r.at > this.#newestData) this.#newestData = r.at;
    }
  }

  /** Add committed report submissions (the earliest per unit and period counts). */
  addReports(rows: readonly Pick<NewReport, 'unit' | 'period' | 'submittedAt'>[]): void {
    for (const r of rows) {
      let byPeriod = this.#reports.get(r.unit);
      if (!byPeriod) this.#reports.set(r.unit, (byPeriod = new Map()));
      const prev = byPeriod.get(r.period);
      if (prev === undefined || r.submittedAt < prev) byPeriod.set(r.period, r.submittedAt);
      this.#dirty.add(r.unit);
      if (r.submittedAt > this.#newestData) this.#newestData = r.submittedAt;
    }
  }

  /** Forget every reading and report (the demo starting over); the next recompute shows it. */
  clear(): void {
    this.#readings.clear();
    this.#reports.clear();
    this.#instant = null;
  }

  /** When a unit's report for a period was first filed (ms), if it was. */
  reportFiledAt(unit: string, period: string): number | null {
    return this.#reports.get(unit)?.get(period) ?? null;
  }

  /** The stored value of a series at exactly `t`, if any (to preview what an import would change). */
  valueAt(unit: string, indicator: string, t: number): number | null {
    return this.#readings.get(unit)?.get(indicator)?.find((p) => p.t === t)?.v ?? null;
  }

  /** One unit's data as the engine reads it, from memory: the live unit detail without reading the store. */
  unitInput(unitId: string): RiskInput {
    const readings = this.#readings.get(unitId);
    const reports = this.#reports.get(unitId);
    return { readings: new Map(readings ? [[unitId, readings]] : []), reports: new Map(reports ? [[unitId, reports]] : []), versions: this.#versions };
  }

  /** Add target and deadline versions (decided after the configuration). */
  addVersions(rows: readonly TargetVersion[]): void {
    this.#versions.push(...rows);
    if (rows.length) this.#instant = null;
  }

  /**
   * Recompute, bump seq, tell listeners; returns the delta. `time` (the periodic tick): at the
   * clock's now, every unit when the clock has moved. `data` (a write): only the units whose
   * data changed, re-ranked by binary search, at the instant of the last full pass, unless the
   * new data is newer than that instant, the pass is older than DATA_LAG_MS or targets changed
   * (then every unit at now). Both give the same state as `assessAll` at their instant.
   */
  recompute(cause: 'time' | 'data' = 'time'): Delta {
    const now = this.#clock.now();
    const incremental =
      this.#instant !== null && (now === this.#asOf || (cause === 'data' && this.#newestData <= this.#asOf && now - this.#asOf <= DATA_LAG_MS));
    this.#newestData = -Infinity;
    const { units, counts, indicators } = incremental ? this.#assessDirty() : this.#assessAll();
    this.#seq++;
    const delta: Delta = {
      seq: this.#seq,
      generatedAt: new Date(this.#generatedAt).toISOString(),
      asOf: toLocalIso(this.#asOf, this.#config.timezone),
      units,
      ...(counts && { counts }),
      ...(indicators && { indicators: this.#indicators }),
    };
    this.#remember(delta);
    for (const l of this.#listeners) l(delta);
    return delta;
  }

  /** Keep a delta for catching up, within the count and patch budgets. */
  #remember(delta: Delta): void {
    this.#history.push(delta);
    this.#historyPatches += delta.units.length;
    while (this.#history.length > HISTORY || (this.#historyPatches > HISTORY_PATCHES && this.#history.length > 1)) {
      this.#historyPatches -= this.#history.shift()!.units.length;
    }
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
      counts: this.#counts ?? countByKind(this.#units),
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
    this.#counts = s.counts;
    this.#seq = s.seq;
    this.#asOf = Date.parse(s.asOf);
    this.#generatedAt = Date.parse(s.generatedAt);
    this.#history.length = 0;
    this.#historyPatches = 0;
    // Assessed elsewhere: the next recompute reassesses every unit (and rebuilds the ranking).
    this.#instant = null;
  }

  /** Apply the next delta computed elsewhere (the cluster's leader) and tell listeners. */
  adopt(delta: Delta): void {
    if (delta.seq !== this.#seq + 1) throw new Error(`delta ${delta.seq} does not follow seq ${this.#seq}`);
    const next = applyDelta(this.snapshot(), delta);
    this.#units = next.units;
    this.#indicators = next.indicators;
    this.#counts = next.counts;
    this.#seq = delta.seq;
    this.#asOf = Date.parse(delta.asOf);
    this.#generatedAt = Date.parse(delta.generatedAt);
    // Assessed elsewhere: if this node recomputes later, it reassesses every unit.
    this.#instant = null;
    this.#remember(delta);
    for (const l of this.#listeners) l(delta);
  }

  onDelta(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #input(): RiskInput {
    return { readings: this.#readings, reports: this.#reports, versions: this.#versions, trends: this.#trends };
  }

  /** Every unit at the clock's now: the patches of those that changed, counts and indicator metadata when they changed. */
  #assessAll(): { units: UnitPatch[]; counts: KindCounts | null; indicators: boolean } {
    this.#asOf = this.#clock.now();
    this.#generatedAt = this.#wall();
    this.#dirty.clear();
    const inForceNow = indicatorsInForce(this.#config, this.#versions, this.#asOf);
    this.#instant = instantOf(this.#config, inForceNow, this.#asOf);
    const indicators = indicatorMeta(inForceNow);
    const indicatorsChanged = !same(indicators, this.#indicators);
    if (indicatorsChanged) this.#indicators = indicators;

    const input = this.#input();
    const before = this.#units;
    const assessed = this.#config.units.map((u) => assessUnitAt(this.#config, u, input, this.#instant!));
    this.#order = [...assessed].sort(this.#compare);
    this.#order.forEach((u, i) => (u.rank = i + 1));
    this.#units = assessed;

    const units: UnitPatch[] = [];
    // Units are kept in config order; a state taken from elsewhere (resumeFrom) is matched by id.
    const byId = before.every((u, i) => u.id === assessed[i]?.id) ? null : new Map(before.map((u) => [u.id, u]));
    for (let i = 0; i < assessed.length; i++) {
      const u = assessed[i]!;
      const p = byId ? byId.get(u.id) : before[i];
      const patch = p ? diffUnit(p, u) : ({ ...u } as UnitPatch);
      if (patch) units.push(patch);
    }
    const countsBefore = this.#counts;
    this.#counts = countByKind(assessed);
    return { units, counts: countsBefore && same(countsBefore, this.#counts) ? null : this.#counts, indicators: indicatorsChanged };
  }

  /** Only the units whose data changed since the last assessment (the clock has not moved). */
  #assessDirty(): { units: UnitPatch[]; counts: KindCounts | null; indicators: boolean } {
    this.#generatedAt = this.#wall();
    const input = this.#input();
    const units = this.#units.slice();
    const patches = new Map<string, UnitPatch>();
    let levelsChanged = false;
    let lo = Infinity;
    let hi = -Infinity;
    // Many units at once (a big import): sort once rather than move each by binary search.
    const bulk = this.#dirty.size * 16 > units.length;
    for (const id of this.#dirty) {
      const at = this.#position.get(id);
      if (at === undefined) continue; // not a configured unit: nothing shows it
      const prev = units[at]!;
      const next = assessUnitAt(this.#config, this.#config.units[at] as UnitConfig, input, this.#instant!);
      next.rank = prev.rank;
      const patch = diffUnit(prev, next);
      if (!patch) continue;
      units[at] = next;
      patches.set(id, patch);
      if (next.level !== prev.level) levelsChanged = true;
      if (bulk) continue;
      // Where it stands now (its rank field may be stale if another unit moved in this pass).
      const from = insertionPoint(this.#order, prev, this.#compare);
      if (this.#compare(prev, next) === 0) {
        // Same level, score and id: the ranking is unchanged; the new object takes the old place.
        this.#order[from] = next;
        continue;
      }
      this.#order.splice(from, 1);
      const to = insertionPoint(this.#order, next, this.#compare);
      this.#order.splice(to, 0, next);
      lo = Math.min(lo, from, to);
      hi = Math.max(hi, from, to);
    }
    this.#dirty.clear();
    if (bulk && patches.size) {
      this.#order = units.slice().sort(this.#compare);
      lo = 0;
      hi = units.length - 1;
    }
    // Only the places between the old and new positions of a moved unit change rank.
    for (let i = lo; i <= hi; i++) {
      const u = this.#order[i]!;
      if (u.rank === i + 1) continue;
      const moved = { ...u, rank: i + 1 };
      this.#order[i] = moved;
      const at = this.#position.get(u.id)!;
      units[at] = moved;
      const patch = patches.get(u.id);
      if (patch) patch.rank = moved.rank;
      else patches.set(u.id, { id: u.id, rank: moved.rank });
    }
    this.#units = units;
    // Patches in config order, as the full recompute lists them.
    const list = [...patches.values()].sort((a, b) => this.#position.get(a.id)! - this.#position.get(b.id)!);
    if (!levelsChanged) return { units: list, counts: null, indicators: false };
    const countsBefore = this.#counts;
    this.#counts = countByKind(units);
    return { units: list, counts: countsBefore && same(countsBefore, this.#counts) ? null : this.#counts, indicators: false };
  }
}

/** Where `u` goes in a list sorted by `compare` (binary search). */
function insertionPoint(order: readonly UnitState[], u: UnitState, compare: (a: UnitState, b: UnitState) => number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(order[mid]!, u) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert keeping time order; a reading at the same instant replaces the earlier one (a correction). */
function insertPoint(pts: Point[], p: Point): void {
  let i = pts.length;
  while (i > 0 && pts[i - 1]!.t > p.t) i--;
  if (i > 0 && pts[i - 1]!.t === p.t) pts[i - 1] = p;
  else pts.splice(i, 0, p);
}
