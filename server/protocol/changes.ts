import type { Level } from './levels.js';

/** One unit's level change. */
export interface LevelChange {
  unit: string;
  from: Level;
  to: Level;
  /** The indicator behind the new level, if any. */
  indicator: string | null;
}

/** A target or deadline version that came into force. */
export interface TargetChange {
  indicator: string;
  fromTarget: number;
  toTarget: number;
  fromDeadline: string;
  toDeadline: string;
}

/**
 * What caused a group of level changes: a target version (`target`), a write of readings or
 * reports (`data`), or the data clock alone: a deadline passing (`deadline`), data going stale
 * (`stale`), anything else with time (`time`).
 */
export type ChangeCause =
  | { kind: 'target'; targets: TargetChange[] }
  | { kind: 'data'; readings: number; reports: number }
  | { kind: 'deadline' }
  | { kind: 'stale' }
  | { kind: 'time' };

/** The level changes of one recompute that share a cause. */
export interface ChangeGroup {
  /** Unique within a server run: `seq.n`. */
  id: string;
  /** The data clock when it happened (ISO). */
  asOf: string;
  cause: ChangeCause;
  /** Worst first, at most CHANGES_PER_GROUP of them. */
  changes: LevelChange[];
  /** How many units changed, listed or not. */
  total: number;
}

/** The level changes of one provincial day (the data clock's local date), newest group last. */
export interface DayChanges {
  /** Local date, YYYY-MM-DD. */
  day: string;
  groups: ChangeGroup[];
  /** Older groups of the day left out to stay within GROUPS_PER_DAY. */
  dropped: number;
}

/** A day keeps at most this many groups (the newest): a wall needs the latest, and the snapshot stays small. */
export const GROUPS_PER_DAY = 50;
/** A group lists at most this many units (the worst first); `total` still counts them all. */
export const CHANGES_PER_GROUP = 40;

/** The day's changes with `groups` (of `day`) added: a new day starts afresh; bounded by GROUPS_PER_DAY (pure). */
export function mergeChanges(current: DayChanges | undefined, day: string, groups: readonly ChangeGroup[]): DayChanges {
  const base = current && current.day === day ? current : { day, groups: [], dropped: 0 };
  if (!groups.length) return base;
  const all = [...base.groups, ...groups];
  const cut = Math.max(0, all.length - GROUPS_PER_DAY);
  return { day, groups: cut ? all.slice(cut) : all, dropped: base.dropped + cut };
}
