import type { LiveState } from './live.js';
import type { TargetVersion } from '../store/rows.js';
import type { Recorded, ReadingInput, ReportInput } from '../engine/inputs.js';
import type { TaskRows } from '../risk/assess.js';

/** What a committed write changed. */
export interface Committed {
  readings?: readonly ReadingInput[];
  reports?: readonly ReportInput[];
  versions?: readonly TargetVersion[];
  /** Task versions and status reports. */
  tasks?: Partial<TaskRows>;
  /** Everything as now stored, when the write replaced it (the demo starting over). */
  replaced?: Recorded;
}

/**
 * Called once a write has committed: make the live state show it; resolves with the seq that
 * does. One node: fold it in and recompute here. A cluster: the leader does (server/cluster/).
 */
export type Publish = (c: Committed) => Promise<number>;

/** Fold a committed write into a live state's index (no recompute). */
export function foldInto(state: LiveState, c: Committed): void {
  if (c.replaced) state.load(c.replaced);
  if (c.readings) state.addReadings(c.readings);
  if (c.reports) state.addReports(c.reports);
  if (c.versions) state.addVersions(c.versions);
  if (c.tasks) state.addTasks(c.tasks);
}

/** The single-node publish: index the rows and recompute at once. */
export function localPublish(state: LiveState): Publish {
  return async (c) => {
    foldInto(state, c);
    return state.recompute('data').seq;
  };
}
