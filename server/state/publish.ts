import type { TargetVersion } from '../risk/targets.js';
import type { NewReading, NewReport } from '../store/store.js';
import type { LiveState } from './live.js';

/** What a committed write changed. */
export interface Committed {
  readings?: readonly Pick<NewReading, 'unit' | 'indicator' | 'value' | 'at'>[];
  reports?: readonly Pick<NewReport, 'unit' | 'period' | 'submittedAt'>[];
  versions?: readonly TargetVersion[];
}

/**
 * Called once a write has committed: make the live state show it; resolves with the seq that
 * does. One node: fold it in and recompute here. A cluster: the leader does (server/cluster/).
 */
export type Publish = (c: Committed) => Promise<number>;

/** The single-node publish: index the rows and recompute at once. */
export function localPublish(state: LiveState): Publish {
  return async (c) => {
    if (c.readings) state.addReadings(c.readings);
    if (c.reports) state.addReports(c.reports);
    if (c.versions) state.addVersions(c.versions);
    return state.recompute('data').seq;
  };
}
