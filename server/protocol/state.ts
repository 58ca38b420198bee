import type { ChangeGroup, DayChanges } from './changes.js';
import type { Level } from './levels.js';
import type { TaskReason, UnitTask } from './tasks.js';

/** A text in both UI languages. */
export interface Localized {
  vi: string;
  en: string;
}

export type Direction = 'up' | 'down';
export type ValueUnit = 'percent' | 'count' | 'points';

/** Indicator metadata as the web app needs it (from the config catalogue). */
export interface IndicatorMeta {
  id: string;
  name: Localized;
  short: Localized;
  unit: ValueUnit;
  direction: Direction;
  target: number;
  /** Local calendar date, YYYY-MM-DD: the target must be reached by the end of that day. */
  deadline: string;
  weight: number;
  source: Localized;
  appliesTo: UnitKind[];
  /** Set when the target or deadline in force differs from the configured one. */
  revision: Revision | null;
}

/** `area` units have a polygon on the map; `department` units report but have no geometry. */
export type UnitKind = 'area' | 'department';

export type ReasonKind =
  | 'met' // target reached
  | 'on_pace' // achieved pace covers the required pace
  | 'near_miss' // projected within the tolerance of the target
  | 'behind_pace' // pace too slow
  | 'no_progress' // trend flat or falling
  | 'no_trend' // only one usable reading: no pace yet
  | 'due_today' // less than a day left, target not reached
  | 'overdue' // deadline passed, target not reached
  | 'no_data' // nothing reported
  | 'stale' // last reading older than the staleness window
  | 'report_missing' // periodic report not filed
  | 'report_late' // periodic report filed after the due date
  | 'task'; // a task of the unit (server/protocol/tasks.ts) sets the level

/**
 * Why an indicator (or unit) has its level, as data; the web app renders it as a sentence.
 * Paces are in the indicator's unit per 30 days, signed so that positive means "towards the target".
 */
export interface Reason {
  kind: ReasonKind;
  indicator?: string;
  requiredPace: number | null;
  achievedPace: number | null;
  projected: number | null;
  target: number | null;
  deadline: string | null;
  slackDays: number | null;
  lastAt: string | null;
  period?: string;
  /** For `task`: which task and its own reason. */
  task?: { id: string; title: Localized; reason: TaskReason };
}

/**
 * A target or deadline changed by decision after the configuration: what it was, since when the
 * new one is in force and why. A moved deadline must never silently turn a unit green.
 */
export interface Revision {
  originalTarget: number;
  originalDeadline: string;
  /** When the version in force took effect (ISO). */
  effectiveFrom: string;
  reason: string;
  setBy: string;
}

export interface IndicatorState {
  id: string;
  value: number | null;
  at: string | null;
  target: number;
  deadline: string;
  level: Level;
  requiredPace: number | null;
  achievedPace: number | null;
  projected: number | null;
  /** Local date (YYYY-MM-DD) at which the trend reaches the target, if it ever does. */
  completionDate: string | null;
  /** Days between projected completion and deadline; positive means ahead. */
  slackDays: number | null;
  readings: number;
  reason: Reason;
  /** Set when the target or deadline in force differs from the configured one. */
  revision: Revision | null;
}

export type ReportStatus = 'on_time' | 'late' | 'missing' | 'not_yet_due';

export interface ReportState {
  /** Reporting period, YYYY-MM. */
  period: string;
  /** Instant the report is due (ISO): before this is on time. */
  dueAt: string;
  status: ReportStatus;
  submittedAt: string | null;
}

export interface UnitState {
  id: string;
  code: string | null;
  name: Localized;
  kind: UnitKind;
  type: string;
  level: Level;
  /** 0–100, higher is worse: weighted projected shortfall plus penalties. */
  score: number;
  /** 1 = worst in the province. */
  rank: number;
  /** 1 = worst among the units of its own kind (areas, or departments): the number screens show. */
  kindRank: number;
  /** No readings or reports expected (e.g. the Hoàng Sa special zone): shown neutral, never as no data or at risk. */
  notReporting?: boolean;
  reason: Reason;
  indicators: IndicatorState[];
  /** The last periods, oldest first, up to the current one (which may not be due yet). */
  reports: ReportState[];
  /** The unit's tasks as known at the state's instant (absent: none). */
  tasks?: UnitTask[];
}

export interface ProvinceMeta {
  id: string;
  code: string | null;
  name: Localized;
  timezone: string;
  attribution: Localized;
  /** The periodic-report rule in words, e.g. "Monthly report due before the 15th". */
  reportingRule: Localized;
}

/** The geography version in force at a state's `asOf`: its id names its boundaries (GET /api/geo?version=id). */
export interface GeographyMeta {
  id: string;
  name: Localized;
  /** First and last local date (YYYY-MM-DD) it is valid, inclusive; null when open. */
  from: string | null;
  until: string | null;
  attribution: Localized;
}

export type LevelCounts = Record<Level, number>;
/** Units per level, separately for the map's areas and for the departments. */
export type KindCounts = Record<UnitKind, LevelCounts>;

export interface Snapshot {
  /** Identifies one run of the server: seq numbers only compare within an epoch. */
  epoch: string;
  seq: number;
  /** Server wall-clock time this state was computed (ISO). */
  generatedAt: string;
  /** The data clock: the instant the assessment is "as of" (demo clock in demo mode). */
  asOf: string;
  demo: boolean;
  province: ProvinceMeta;
  geography: GeographyMeta;
  indicators: IndicatorMeta[];
  units: UnitState[];
  counts: KindCounts;
  /** The live state's level changes of the data clock's day, grouped by cause (absent in the time machine). */
  changes?: DayChanges;
  /** The live state's data identity: writes (readings, reports, target versions, reloads) taken in this epoch; time alone never moves it. */
  data?: number;
}

/** Changes since `seq - 1`: units listed here replace the client's copy field by field. */
export interface UnitPatch {
  id: string;
  level?: Level;
  score?: number;
  rank?: number;
  kindRank?: number;
  reason?: Reason;
  /** Only the indicators that changed. */
  indicators?: IndicatorState[];
  reports?: ReportState[];
  /** The unit's tasks, whole, when any changed. */
  tasks?: UnitTask[];
}

export interface Delta {
  seq: number;
  generatedAt: string;
  asOf: string;
  units: UnitPatch[];
  counts?: KindCounts;
  /** The geography version, when a new one came into force. */
  geography?: GeographyMeta;
  /** The whole catalogue again, when a target or deadline version came into force. */
  indicators?: IndicatorMeta[];
  /** Level changes of this recompute only, grouped by cause; `day` is the data clock's local date. */
  changes?: { day: string; groups: ChangeGroup[] };
  /** The new data identity, when writes were taken since the last delta. */
  data?: number;
}
