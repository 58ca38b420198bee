/** The cluster's vocabulary on the write side: what a committed write changed, logged and announced in the write's own transaction. */
import type pg from 'pg';
import type { Recorded } from '../engine/inputs.js';
import { openPostgresStore, type CommitHook, type PgPoolOptions, type PostgresStore } from '../store/postgres.js';
import type { WriteBatch } from '../store/store.js';

/** The channel a commit notifies (delivered at commit) so that every node reads the change log at once. */
export const CHANGES_CHANNEL = 'ioc_changes';

/** Session advisory lock keys of the cluster (the store's own migration lock is in its namespace too). */
export const CLUSTER_LOCK = { writes: 0x10c_0001, leader: 0x10c_0003 } as const;

/** What a committed write changed in the state, as the cluster's change log keeps it. */
export interface ChangeBody {
  /** Every reading and report of this source was removed first (the demo starting over): reload. */
  reset?: boolean;
  readings?: Recorded['readings'];
  reports?: Recorded['reports'];
  versions?: Recorded['versions'];
  tasks?: Recorded['tasks'];
}

/** What a batch changed in the state (null: nothing the wall shows). */
export function changeOf(b: WriteBatch): ChangeBody | null {
  const body: ChangeBody = {};
  if (b.replaceSource) body.reset = true;
  if (b.readings?.length) body.readings = b.readings.map((r) => ({ unit: r.unit, indicator: r.indicator, value: r.value, at: r.at }));
  if (b.reports?.length) body.reports = b.reports.map((r) => ({ unit: r.unit, period: r.period, submittedAt: r.submittedAt }));
  if (b.targetVersions?.length) body.versions = [...b.targetVersions];
  if (b.taskVersions?.length || b.taskReports?.length) body.tasks = { versions: [...(b.taskVersions ?? [])], reports: [...(b.taskReports ?? [])] };
  return Object.keys(body).length ? body : null;
}

/**
 * The commit hook of a cluster node's store: one writer at a time cluster-wide (so that change
 * ids commit in the order they were taken), then the change appended and every node notified,
 * all in the write's own transaction.
 */
export const logChange: CommitHook = async (c: pg.ClientBase, batch: WriteBatch, now: number) => {
  await c.query('SELECT pg_advisory_xact_lock($1)', [CLUSTER_LOCK.writes]);
  const change = changeOf(batch);
  if (!change) return;
  await c.query('INSERT INTO changes (body, at) VALUES ($1, $2)', [JSON.stringify(change), now]);
  await c.query(`NOTIFY ${CHANGES_CHANNEL}`);
};

/** The PostgreSQL store of a cluster node: every commit logs its change (logChange). */
export function openClusterStore(url: string, systemNow: () => number = Date.now, o: PgPoolOptions = {}): Promise<PostgresStore> {
  return openPostgresStore(url, systemNow, { ...o, onCommit: logChange });
}
