/** The task register as clients see it: each task's level, reasons and history (shared with web; no I/O). */
import type { Level } from './levels.js';
import type { Localized } from './state.js';

/** What the last status report says (done by an owner waits for the province office where confirmation is required). */
export type TaskProgress = 'not_started' | 'in_progress' | 'blocked' | 'awaiting_confirmation' | 'done';

/** Why a task has its level; the web app renders each as a sentence (vi, en). Durations in days, paces in points per 30 days. */
export type TaskReason =
  | { kind: 'done'; confirmed: boolean; late: boolean }
  | { kind: 'awaiting_confirmation'; at: string }
  | { kind: 'overdue'; daysLate: number; percent: number | null }
  | { kind: 'not_started'; daysLeft: number; shareLeft: number }
  | { kind: 'pace'; percent: number; requiredPace: number; achievedPace: number; projected: number }
  | { kind: 'on_track'; percent: number | null; daysLeft: number }
  | { kind: 'milestone'; title: Localized; date: string; daysLate: number }
  | { kind: 'blocked'; reason: string }
  | { kind: 'dependency'; task: string; title: Localized; daysLate: number }
  | { kind: 'deadline_moved'; from: string; to: string; reason: string; setBy: string; at: string };

/** One task as known at the state's instant. */
export interface TaskState {
  id: string;
  title: Localized;
  source: Localized;
  /** Unit ids (every commune spelled out as the units of the geography in force at the deadline). */
  owners: string[];
  /** As decided (2024-09-30, 2024-09, 2024-Q4) and as the instant it ends (ISO, provincial time). */
  deadline: string;
  deadlineAt: string;
  level: Level;
  progress: TaskProgress;
  percent: number | null;
  /** Days past the deadline, not done (0 when not late). */
  daysLate: number;
  /** Worst first; the first is the headline. */
  reasons: TaskReason[];
  milestones: { title: Localized; date: string }[];
  dependsOn: string[];
  /** Each owner's own status and level (an owner reports and is assessed on its own); the task's level is the worst of them. */
  byOwner: OwnerTask[];
  /** Owners counted by state: "12/94 xã đã xong, 5 quá hạn". */
  ownerCounts: OwnerCounts;
}

/** One owner's view of a task: its own status reports assessed alone. */
export interface OwnerTask {
  unit: string;
  level: Level;
  progress: TaskProgress;
  percent: number | null;
  daysLate: number;
  reasons: TaskReason[];
}

/** How many owners of a task are done (confirmed where required), awaiting confirmation, and past the deadline not done. */
export interface OwnerCounts {
  total: number;
  done: number;
  awaiting: number;
  overdue: number;
}

/** A task in a unit's state (the snapshot): what the wall, the map and the unit's level need; its headline reason. */
export interface UnitTask {
  id: string;
  title: Localized;
  level: Level;
  progress: TaskProgress;
  percent: number | null;
  daysLate: number;
  deadline: string;
  deadlineAt: string;
  reason: TaskReason;
}

/** A status report as kept (never overwritten), received at `at`. */
export interface TaskReportView {
  status: 'not_started' | 'in_progress' | 'done' | 'blocked' | 'confirmed';
  percent: number | null;
  reason: string | null;
  note: string | null;
  evidence: string | null;
  milestonesDone: number | null;
  unit: string | null;
  by: string;
  at: string;
}

/** A version of the task as decided: what it said, who recorded it, when (received) and why. */
export interface TaskVersionView {
  deadline: string;
  owners: string[];
  by: string;
  at: string | null;
  reason: string;
}

/** A task with its history (the unit page, touch). */
export interface TaskDetail extends TaskState {
  reports: TaskReportView[];
  versions: TaskVersionView[];
}
