/** The cluster's shared logs in PostgreSQL: changes (what writes committed) and deltas (what the leader published). */
import type pg from 'pg';
import type { Recorded } from '../engine/inputs.js';
import type { Delta, Snapshot } from '../protocol/state.js';
import { classify, inTransaction } from '../store/postgres.js';
import type { ChangeBody } from './changes.js';
import type { TargetVersion } from '../store/rows.js';
import { pgTaskLists } from '../store/pg-tasks.js';

/** Notified when the leader has stored a delta. */
export const DELTAS_CHANNEL = 'ioc_deltas';
/**
 * Deltas kept for nodes catching up (walls resume from their node's memory): at most this
 * many, and only the newest within KEEP_DELTA_PATCHES unit patches (as LiveState keeps in
 * memory), but always those since the previous stored state (a node may have just started there).
 */
export const KEEP_DELTAS = 2000;
export const KEEP_DELTA_PATCHES = 20_000;
/** The whole state is stored with every this many deltas (and the first): a joining node starts there. */
export const SNAPSHOT_EVERY = 100;
/** Changes older than this (and already in a stored state) are pruned. */
const KEEP_CHANGES_MS = 86_400_000;

export interface ChangeRow {
  id: number;
  body: ChangeBody;
}
export interface DeltaRow {
  seq: number;
  epoch: string;
  upto: number;
  body: Delta;
}
export interface ClusterHead {
  epoch: string;
  /** The last stored delta. */
  seq: number;
  /** The last stored whole state, and the last change it includes. */
  snapshotSeq: number;
  snapshotUpto: number;
  snapshot: Snapshot;
}
/** Everything stored, as the engine reads it, and the change it reaches. */
export interface Everything extends Recorded {
  /** The last change these rows include. */
  upto: number;
}

async function q<R extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<R[]> {
  try {
    return (await pool.query<R>(sql, params)).rows;
  } catch (err) {
    throw classify(err);
  }
}

/** The cluster's epoch: made once by whichever node comes first, then shared by all. */
export async function clusterEpoch(pool: pg.Pool, fresh: string): Promise<string> {
  await q(pool, "INSERT INTO meta (key, value) VALUES ('cluster.epoch', $1) ON CONFLICT (key) DO NOTHING", [fresh]);
  return (await q<{ value: string }>(pool, "SELECT value FROM meta WHERE key = 'cluster.epoch'"))[0]!.value;
}

export const changesAfter = (pool: pg.Pool, id: number, limit = 200): Promise<ChangeRow[]> =>
  q<ChangeRow>(pool, 'SELECT id, body FROM changes WHERE id > $1 ORDER BY id LIMIT $2', [id, limit]);

export const changeHead = async (pool: pg.Pool): Promise<number> => (await q<{ id: number }>(pool, 'SELECT coalesce(max(id), 0) AS id FROM changes'))[0]!.id;

export const deltasAfter = (pool: pg.Pool, seq: number, limit = 500): Promise<DeltaRow[]> =>
  q<DeltaRow>(pool, 'SELECT seq, epoch, upto, body FROM deltas WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit]);

export const clusterHead = async (pool: pg.Pool): Promise<ClusterHead | null> =>
  (
    await q<ClusterHead>(pool, 'SELECT epoch, seq, snapshot_seq AS "snapshotSeq", snapshot_upto AS "snapshotUpto", snapshot FROM cluster_state WHERE id = 1')
  )[0] ?? null;

/** Changes up to this id were pruned: a node that has not folded them must reload everything. */
export const prunedUpto = async (pool: pg.Pool): Promise<number> =>
  Number((await q<{ value: string }>(pool, "SELECT value FROM meta WHERE key = 'changes.pruned'"))[0]?.value ?? 0);

/**
 * Every reading, report and version, and the change they reach, read in one consistent
 * snapshot. They reach the newest change, or the pruned ones when every change was pruned (no
 * write for a day): otherwise a node would start behind the pruned mark and reload forever.
 * Versions come in the order they were stored (id).
 */
export async function loadEverything(pool: pg.Pool): Promise<Everything> {
  return inTransaction(pool, async (c) => {
    await c.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const upto = (
      await c.query<{ id: number }>(
        "SELECT greatest(coalesce(max(id), 0), coalesce((SELECT value::bigint FROM meta WHERE key = 'changes.pruned'), 0)) AS id FROM changes",
      )
    ).rows[0]!.id;
    const readings = (await c.query<Everything['readings'][number]>('SELECT unit, indicator, value, at FROM readings ORDER BY at, id')).rows;
    const reports = (await c.query<Everything['reports'][number]>('SELECT unit, period, submitted_at AS "submittedAt" FROM reports ORDER BY submitted_at, id'))
      .rows;
    const versions = (
      await c.query(
        'SELECT indicator, target, deadline, effective_from AS "effectiveFrom", recorded_at AS "recordedAt", set_by AS "setBy", reason FROM target_versions ORDER BY id',
      )
    ).rows as TargetVersion[];
    const lists = pgTaskLists((sql, params) => c.query(sql, params));
    const tasks = { versions: await lists.listTaskVersions(), reports: await lists.listTaskReports() };
    return { readings, reports, versions, tasks, upto };
  });
}

/** Prune the changes up to `upto` (already in a stored state) and older than `before`, and record how far. */
export async function pruneChanges(c: pg.ClientBase, upto: number, before: number): Promise<void> {
  await c.query(
    `WITH gone AS (DELETE FROM changes WHERE id <= $1 AND at < $2 RETURNING id)
     INSERT INTO meta (key, value) SELECT 'changes.pruned', max(id)::text FROM gone HAVING count(*) > 0
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [upto, before],
  );
}

/**
 * Store the leader's delta (and, every SNAPSHOT_EVERY deltas, the whole state after it) in one
 * transaction, and notify every node. `seq` must follow the stored head and is the primary
 * key: two leaders can never both publish a seq (the loser's write fails and it steps down).
 */
export async function storeDelta(
  pool: pg.Pool,
  epoch: string,
  delta: Delta,
  upto: number,
  snapshot: () => Snapshot,
  now: number,
  keep: { deltas: number; patches: number } = { deltas: KEEP_DELTAS, patches: KEEP_DELTA_PATCHES },
): Promise<void> {
  await inTransaction(pool, async (c) => {
    const head = (await c.query<{ seq: number }>('SELECT seq FROM cluster_state WHERE id = 1 FOR UPDATE')).rows[0];
    if ((head?.seq ?? 0) !== delta.seq - 1) throw new Error(`delta ${delta.seq} does not follow the stored seq ${head?.seq ?? 0}`);
    await c.query('INSERT INTO deltas (seq, epoch, upto, body, patches) VALUES ($1, $2, $3, $4, $5)', [
      delta.seq,
      epoch,
      upto,
      JSON.stringify(delta),
      delta.units.length,
    ]);
    if (!head || delta.seq % SNAPSHOT_EVERY === 0) {
      await c.query(
        `INSERT INTO cluster_state (id, epoch, seq, snapshot_seq, snapshot_upto, snapshot) VALUES (1, $1, $2, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq, snapshot_seq = excluded.snapshot_seq,
           snapshot_upto = excluded.snapshot_upto, snapshot = excluded.snapshot`,
        [epoch, delta.seq, upto, JSON.stringify(snapshot())],
      );
      // The oldest beyond the count, or beyond the patch budget but before the previous stored state.
      await c.query(
        `DELETE FROM deltas WHERE seq <= $1::bigint - $2::bigint OR (seq <= $1::bigint - $3::bigint AND seq < coalesce(
           (SELECT min(seq) FROM (SELECT seq, sum(patches) OVER (ORDER BY seq DESC) AS total FROM deltas) t WHERE total <= $4::bigint), $1::bigint))`,
        [delta.seq, keep.deltas, SNAPSHOT_EVERY, keep.patches],
      );
      await pruneChanges(c, upto, now - KEEP_CHANGES_MS);
    } else {
      await c.query('UPDATE cluster_state SET seq = $1 WHERE id = 1', [delta.seq]);
    }
    await c.query(`NOTIFY ${DELTAS_CHANNEL}`);
  });
}
