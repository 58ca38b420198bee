import type { GuardDeps } from '../auth/guard.js';
import type { AppConfig } from '../config/types.js';
import type { ErrorDetail } from '../protocol/errors.js';
import type { LiveState } from '../state/live.js';
import type { Publish } from '../state/publish.js';
import type { DataClock } from '../time/clock.js';

/** What the write routes need. */
export interface IngestDeps extends GuardDeps {
  config: AppConfig;
  state: LiveState;
  /** Makes the live state show a committed write; resolves with its seq. */
  publish: Publish;
  /** The data clock: "now" for validation and filing times. */
  dataClock: DataClock;
}

/** A unit token may write for its own unit only: every other row is named. */
export function outsideUnit(unit: string | null, rows: readonly { unit: string }[]): ErrorDetail[] {
  if (unit === null) return [];
  return rows.flatMap((r, row) =>
    r.unit === unit ? [] : [{ row, field: 'unit', problem: 'forbidden_unit', message: `this token may write for "${unit}" only, not "${r.unit}"` }],
  );
}
