import type { NotificationSchedule } from '../notify/schedule.js';
import type { Localized, UnitKind } from '../protocol/state.js';
import type { DisplayConfig } from '../protocol/display.js';
import type { TaskRegister } from '../tasks/schema.js';
import type { BoundaryFileConfig, IndicatorConfig, ReportingConfig, RiskConfig } from './schema.js';

export interface UnitConfig {
  id: string;
  code: string | null;
  name: Localized;
  kind: UnitKind;
  type: string;
}

/** A unit as one geography version (or, for departments, every version) knows it. */
export interface GeoUnit extends UnitConfig {
  /** First and last local day of validity, inclusive; null when open. */
  from: string | null;
  until: string | null;
  /** The same range as instants: [start, end), ±Infinity when open. */
  start: number;
  end: number;
  /** false: no readings or reports are expected (e.g. đặc khu Hoàng Sa). */
  reporting: boolean;
  /** Drawn in its own inset box (e.g. Hoàng Sa), never by zooming the main map out. */
  inset: boolean;
  /** Code of the province the unit belonged to in its version (null: the configured province). */
  province: string | null;
  /** Id of the geography version; null for departments (valid across versions). */
  version: string | null;
}

/** One geography: its boundary files and area units, valid over [from, until] (local dates). */
export interface GeographyVersion {
  id: string;
  name: Localized;
  from: string | null;
  until: string | null;
  start: number;
  end: number;
  files: BoundaryFileConfig[];
  attribution: Localized;
  units: GeoUnit[];
}

/** The province's geographies by date, in order, without gaps or overlaps. */
export interface Geography {
  timezone: string;
  versions: GeographyVersion[];
  departments: GeoUnit[];
  /** Crosswalk files (in IOC_GEO_DIR) between two version ids. */
  crosswalks: { file: string; from: string; to: string }[];
}

/** The validated, resolved configuration the server runs on. */
export interface AppConfig {
  /** Absolute path of the province file, for messages. */
  file: string;
  province: { id: string; code: string | null; name: Localized };
  timezone: string;
  /** The latest geography's first boundary file (callers not yet on `geography`). */
  boundaries: { file: string; idProperty: string; attribution: Localized; filter?: { property: string; equals: string } };
  /** The latest geography's area units, then the departments (callers not yet on `geography`). */
  units: UnitConfig[];
  /** Every geography version by date (see server/geography/). */
  geography: Geography;
  indicators: IndicatorConfig[];
  reporting: ReportingConfig;
  risk: RiskConfig;
  display: DisplayConfig;
  access: { read: 'open' | 'token' };
  /** Absolute path of the demo scenario, if any. */
  demoFile: string | null;
  /** Reminders and alerts (server/notify/); the defaults when the file has none. */
  notifications?: NotificationSchedule;
  /** The task register (server/tasks/): its rules and configured tasks; empty without a `tasks` file. */
  tasks: TaskRegister;
}
