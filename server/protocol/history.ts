import { z } from 'zod';
import type { Localized, ReportState, UnitState } from './state.js';

/** One reading as charted: local ISO instant and value. */
export interface SeriesPoint {
  at: string;
  value: number;
  /** Unit detail only: the values this point had before corrections replaced them, oldest first (absent when never corrected). */
  versions?: SeriesVersion[];
}

/** A value a correction replaced: when it was received and when the correction superseded it (ISO). */
export interface SeriesVersion {
  value: number;
  receivedAt: string;
  supersededAt: string;
}

/**
 * The path from now to the deadline behind an assessment: the trend's value now, the projected
 * value at the deadline, and the band Sen's 80 % interval of the trend's slope allows.
 */
export interface Projection {
  from: SeriesPoint;
  to: SeriesPoint;
  low: number;
  high: number;
}

export interface IndicatorDetail {
  id: string;
  /** Every reading known at `asOf`, oldest first. */
  series: SeriesPoint[];
  projection: Projection | null;
}

/** GET /api/units/:id — one unit in depth, for touch screens and briefings. */
export interface UnitDetail {
  asOf: string;
  /** True when this is the live state; false for a past ("as of") view. */
  live: boolean;
  unit: UnitState;
  /** How many units `unit.rank` is among (every unit of the province). */
  of: number;
  /** Its rank among the units of its own kind (localities, or departments), 1 = most at risk, and how many there are. */
  kindRank: number;
  ofKind: number;
  indicators: IndicatorDetail[];
  /** The last 12 reporting periods, oldest first. */
  reports: ReportState[];
  /** Where a unit of a later geography came from (null when it has no predecessor). */
  lineage: Lineage | null;
  /** The unit's latest reminder and whether it was acknowledged, as known at the detail's instant (server/notify/acknowledged.ts). */
  reminder?: UnitReminder | null;
}

/** The latest reminder or late notice to a unit and whether it was acknowledged, as the touch screens and the briefing show it. */
export interface UnitReminder {
  kind: string;
  period: string | null;
  /** When it was queued (ISO). */
  at: string;
  /** When it was first acknowledged (ISO), or null. */
  ackedAt: string | null;
  /** Whether the period's report has been filed since. */
  filed: boolean;
  /** "đã nhận nhắc 12/11, chưa nộp" / "reminder of 12/11 acknowledged, not filed". */
  note: Localized;
}

/**
 * `?asOf=` on the read API: an instant with its offset ("2024-09-27T08:00:00+07:00"), or a
 * local date ("2024-09-27": the end of that day in the province's time zone).
 */
export const asOfQuerySchema = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'an ISO instant with its offset, or a date YYYY-MM-DD')
    .optional(),
});

export interface LineageLink {
  id: string;
  name: Localized;
  /** Only part of the predecessor went into this unit. */
  partial: boolean;
  /** The geography version the predecessor belongs to. */
  version: string;
}
/** "từ 01/07/2025; trước đó thuộc huyện Quế Sơn" and the links behind it. */
export interface Lineage {
  from: string;
  text: Localized;
  predecessors: LineageLink[];
}
