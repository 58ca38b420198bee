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
  /**
   * Index it on the next tick, after the caller's answer is sent (a route that reads nothing back):
   * still before any timer, I/O or recompute, and before any later write is folded.
   */
  afterAnswer?: boolean;
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

/**
 * The single-node publish: index the rows at once (or, `afterAnswer`, on the next tick) and resolve with the seq of the next recompute,
 * which shows them (any recompute after the fold does). That recompute runs once, just after the
 * current I/O callbacks, for every write folded meanwhile: a write is answered once durable, not
 * after a recompute that after a 10k batch costs about a full pass. Everything replaced (the demo
 * starting over) is recomputed at once. `failed` hears a deferred recompute's error.
 */
export function localPublish(state: LiveState, failed: (err: unknown) => void = (err) => process.emitWarning(String(err))): Publish {
  let scheduled = false;
  let pending: Committed[] = [];
  const flush = () => {
    const writes = pending;
    pending = [];
    for (const w of writes) foldInto(state, w);
  };
  const run = () => {
    scheduled = false;
    try {
      flush();
      state.recompute('data');
    } catch (err) {
      failed(err);
    }
  };
  return async (c) => {
    // Writes fold in commit order: one deferred meanwhile goes first.
    flush();
    if (c.afterAnswer && !c.replaced) {
      pending.push(c);
      process.nextTick(() => {
        try {
          flush();
        } catch (err) {
          failed(err);
        }
      });
    } else foldInto(state, c);
    // Its caller reads the state next.
    if (c.replaced) return state.recompute('data').seq;
    if (!scheduled) {
      scheduled = true;
      setImmediate(run);
    }
    return state.seq + 1;
  };
}
