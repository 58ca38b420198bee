import {
  mergeChanges,
  CHANGES_PER_GROUP,
  type ChangeCause,
  type ChangeGroup,
  type DayChanges,
  type LevelChange,
  type TargetChange,
} from '../protocol/changes.js';
import { SEVERITY } from '../protocol/levels.js';
import type { Delta, IndicatorMeta, Snapshot, UnitPatch, UnitState } from '../protocol/state.js';

/** What one recompute saw: the state before and after it. */
export interface Passes {
  before: readonly UnitState[];
  after: readonly UnitState[];
  indicatorsBefore: readonly IndicatorMeta[];
  indicatorsAfter: readonly IndicatorMeta[];
  /** The unit set changed: not changes of units, so none is recorded. */
  reset: boolean;
}

/**
 * The day's level changes, grouped by cause, so that a wall (re)loaded later shows them. The first
 * recompute after a load (boot, the demo starting over) is a baseline: its differences did not happen.
 */
export class ChangeMemory {
  #day: DayChanges | undefined;
  #baseline = true;
  #readings = 0;
  #reports = 0;
  /** Writes taken (the data identity) and the value the last delta or snapshot carried. */
  #writes = 0;
  #sent = 0;

  /** Count a committed write, for the cause of the next recompute and the data identity. */
  noteData(readings: number, reports: number): void {
    this.#readings += readings;
    this.#reports += reports;
    this.#writes++;
  }

  /** The inputs were replaced: the next recompute sets a baseline. */
  reload(): void {
    this.#baseline = true;
    this.#writes++;
  }

  /** A snapshot with the day's changes and the data identity. */
  stamp(s: Snapshot): Snapshot {
    return { ...s, ...(this.#day && { changes: this.#day }), data: this.#writes };
  }

  /** Continue from a state computed elsewhere (a cluster node). */
  take(s: Pick<Snapshot, 'changes' | 'data'>): void {
    this.#day = s.changes;
    this.#writes = this.#sent = s.data ?? 0;
    this.#baseline = false;
  }

  /** Record a recompute (its delta, why it ran, the states around it); returns what its delta carries (only new groups, or the new day). */
  record(delta: Delta, cause: 'time' | 'data', passes: Passes): Delta['changes'] | undefined {
    const r: Recomputed = { ...passes, seq: delta.seq, asOf: delta.asOf, patches: delta.units, cause };
    // The data clock's local date: the provincial day.
    const day = r.asOf.slice(0, 10);
    const counts = { readings: this.#readings, reports: this.#reports };
    this.#readings = this.#reports = 0;
    const baseline = this.#baseline || r.reset;
    this.#baseline = false;
    const groups = baseline ? [] : groupChanges(r, counts);
    if (this.#writes !== this.#sent) delta.data = this.#sent = this.#writes;
    // A new day empties the clients' lists (the first recompute sets the day: no client has one yet).
    const newDay = this.#day !== undefined && this.#day.day !== day;
    this.#day = mergeChanges(this.#day, day, groups);
    return groups.length || newDay ? { day, groups } : undefined;
  }
}

/** A recompute as `groupChanges` reads it. */
export interface Recomputed extends Passes {
  seq: number;
  /** The data clock after it, as local ISO. */
  asOf: string;
  cause: 'time' | 'data';
  patches: readonly UnitPatch[];
}

/** The level changes of a recompute, grouped by cause (pure). */
export function groupChanges(r: Recomputed, counts: { readings: number; reports: number }): ChangeGroup[] {
  const moved = r.patches.filter((p) => p.level !== undefined);
  if (!moved.length) return [];
  const before = new Map(r.before.map((u) => [u.id, u]));
  const after = new Map(r.after.map((u) => [u.id, u]));
  const changes: LevelChange[] = [];
  for (const p of moved) {
    const from = before.get(p.id)?.level;
    const now = after.get(p.id);
    if (!from || !now || from === now.level) continue;
    changes.push({ unit: p.id, from, to: now.level, indicator: now.reason.indicator ?? null });
  }
  const targets = targetChanges(r.indicatorsBefore, r.indicatorsAfter);
  const byCause = new Map<string, { cause: ChangeCause; changes: LevelChange[] }>();
  for (const c of changes) {
    const cause = causeOf(c, r.cause, targets, counts);
    const key = cause.kind;
    const g = byCause.get(key) ?? { cause, changes: [] };
    g.changes.push(c);
    byCause.set(key, g);
  }
  return [...byCause.values()].map((g, n) => ({
    id: `${r.seq}.${n}`,
    asOf: r.asOf,
    cause: g.cause,
    // Worst first: the ticker names the most severe.
    changes: g.changes.sort((a, b) => SEVERITY[b.to] - SEVERITY[a.to]).slice(0, CHANGES_PER_GROUP),
    total: g.changes.length,
  }));
}

function causeOf(c: LevelChange, cause: 'time' | 'data', targets: TargetChange[], counts: { readings: number; reports: number }): ChangeCause {
  // A target or deadline in force changed: it explains every change of this pass.
  if (targets.length) return { kind: 'target', targets };
  if (cause === 'data' || counts.readings || counts.reports) return { kind: 'data', ...counts };
  if (c.to === 'overdue') return { kind: 'deadline' };
  if (c.to === 'no_data') return { kind: 'stale' };
  return { kind: 'time' };
}

/** The indicators whose target or deadline in force differs between two catalogues. */
function targetChanges(before: readonly IndicatorMeta[], after: readonly IndicatorMeta[]): TargetChange[] {
  if (before === after) return [];
  const old = new Map(before.map((i) => [i.id, i]));
  const out: TargetChange[] = [];
  for (const i of after) {
    const o = old.get(i.id);
    if (o && (o.target !== i.target || o.deadline !== i.deadline))
      out.push({ indicator: i.id, fromTarget: o.target, toTarget: i.target, fromDeadline: o.deadline, toDeadline: i.deadline });
  }
  return out;
}
