import pg from 'pg';
import { pgOutbox } from './pg-outbox.js';
import { pgSignin, pgWriteSigninLinks } from './signin-store.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { readingPageParams, StoreUnavailableError, type Store, type WriteBatch } from './store.js';
import { pgTaskLists, writeTasks } from './pg-tasks.js';
import { DATA_VERSION } from './rows.js';
import { PG_COPY_SUPERSEDED, VERSION_SELECT, type ReadingVersion } from './version-rows.js';
import type {
  AuditEntry,
  EngineReading,
  IdempotencyRecord,
  NewReading,
  NewReport,
  StoredAudit,
  StoredReading,
  StoredReport,
  TargetVersion,
  TokenRecord,
} from './rows.js';

/** The advisory lock key of migrations (one namespace for this product: server/cluster/ holds the others). */
const MIGRATE_LOCK = 0x10c_0002;

const INT8 = 20;
const NUMERIC = 1700;
/** BIGINT columns hold ms timestamps and ids: safe integers, read as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** SQLSTATE classes that mean "could not talk to the database", not "the query is wrong". */
const UNAVAILABLE_CLASSES = ['08', '53', '57', '58'];

/** A pg error that means the database is out of reach becomes StoreUnavailableError; a query error stays itself. */
export function classify(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !UNAVAILABLE_CLASSES.includes(code.slice(0, 2))) return err;
  return err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
}

export interface PgPoolOptions {
  /** How long to wait for a connection before failing (ms). */
  connectTimeoutMs?: number;
}

/** Runs first in every commit's transaction, with the batch and its time: what a user of the store adds to a write (the cluster's change log). */
export type CommitHook = (c: pg.ClientBase, batch: WriteBatch, now: number) => Promise<void>;

export interface PgStoreOptions extends PgPoolOptions {
  onCommit?: CommitHook;
}

/** A pool on DATABASE_URL that reads BIGINT as numbers and fails fast when the database is down. */
export function createPool(url: string, o: PgPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 3000,
    query_timeout: 15_000,
    idleTimeoutMillis: 10_000,
    types,
  });
  // An idle client losing its connection must not crash the process: the next query reports it.
  pool.on('error', () => {});
  return pool;
}

/** Run `fn` in one transaction on one connection; errors are classified (unavailable → 503). */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw classify(err);
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw classify(err);
  } finally {
    client.release(broken);
  }
}

/** Apply the migrations not yet applied, each in its own transaction, one node at a time. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  });
  for (const m of PG_MIGRATIONS) {
    await inTransaction(pool, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
      const done = await c.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (done.rowCount) return;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, new Date().toISOString()]);
    });
  }
}

const READING_COLS = 'id, unit, indicator, value, at, source, submitted_by AS "submittedBy", received_at AS "receivedAt"';
const REPORT_COLS = 'id, unit, period, submitted_at AS "submittedAt", source, submitted_by AS "submittedBy"';
const TOKEN_COLS = 'id, hash, role, unit, label, created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"';
const AUDIT_COLS = 'id, at, who, role, action, target, source, outcome, status, detail, count, request_id AS "requestId"';
const VERSION_COLS = 'indicator, target, deadline, effective_from AS "effectiveFrom", recorded_at AS "recordedAt", set_by AS "setBy", reason';
const DAY = 86_400_000;

export interface PostgresStore extends Store {
  /** The pool, shared with the cluster's logs. */
  readonly pool: pg.Pool;
}

/**
 * The PostgreSQL store behind the same `Store` interface as SQLite. Every write is one
 * transaction, durable at COMMIT (synchronous_commit on); `o.onCommit` runs first in it (a
 * cluster node logs the write's change there: server/cluster/changes.ts).
 */
export async function openPostgresStore(url: string, systemNow: () => number = Date.now, o: PgStoreOptions = {}): Promise<PostgresStore> {
  const pool = createPool(url, o);
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const q = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(sql, params);
    } catch (err) {
      throw classify(err);
    }
  };

  /**
   * Upsert readings in one statement (one round trip while the writes lock is held). One
   * statement cannot touch a row twice, so a series point given twice in the batch is reduced
   * first to what one upsert per row, in order, would leave: a later row replaces an earlier one
   * only when its value differs.
   */
  const writeReadings = async (c: pg.PoolClient, rows: readonly NewReading[], now: number) => {
    const last = new Map<string, NewReading>();
    for (const r of rows) {
      const key = JSON.stringify([r.unit, r.indicator, r.at]);
      const prev = last.get(key);
      if (!prev || !Object.is(prev.value, r.value)) last.set(key, r);
    }
    const batch = [...last.values()];
    if (!batch.length) return;
    await c.query(PG_COPY_SUPERSEDED, [batch.map((r) => r.unit), batch.map((r) => r.indicator), batch.map((r) => r.at), batch.map((r) => r.value), now]);
    await c.query(
      `INSERT INTO readings (unit, indicator, value, at, source, submitted_by, received_at)
       SELECT unit, indicator, value, at, source, submitted_by, $7
       FROM unnest($1::text[], $2::text[], $3::float8[], $4::int8[], $5::text[], $6::text[]) AS r(unit, indicator, value, at, source, submitted_by)
       ON CONFLICT (unit, indicator, at) DO UPDATE SET value = excluded.value, source = excluded.source,
         submitted_by = excluded.submitted_by, received_at = excluded.received_at
       WHERE readings.value IS DISTINCT FROM excluded.value`,
      [
        batch.map((r) => r.unit),
        batch.map((r) => r.indicator),
        batch.map((r) => r.value),
        batch.map((r) => r.at),
        batch.map((r) => r.source),
        batch.map((r) => r.submittedBy),
        now,
      ],
    );
  };
  const writeAudit = async (c: pg.PoolClient | pg.Pool, entries: readonly AuditEntry[]) => {
    for (const e of entries) {
      await c.query(
        'INSERT INTO audit (at, who, role, action, target, source, outcome, status, detail, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [e.at, e.who, e.role, e.action, e.target, e.source, e.outcome, e.status, e.detail, e.requestId ?? null],
      );
    }
  };

  const commit = async (b: WriteBatch): Promise<void> => {
    const now = systemNow();
    await inTransaction(pool, async (c) => {
      await o.onCommit?.(c, b, now);
      if (b.replaceSource || b.readings || b.reports || b.targetVersions || b.taskVersions || b.taskReports) {
        await c.query(`INSERT INTO meta (key, value) VALUES ('${DATA_VERSION}', '1') ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text`);
      }
      if (b.replaceSource) {
        await c.query('DELETE FROM readings WHERE source = $1', [b.replaceSource]);
        await c.query('DELETE FROM reports WHERE source = $1', [b.replaceSource]);
        await c.query('DELETE FROM reading_versions WHERE source = $1', [b.replaceSource]);
      }
      if (b.readings) await writeReadings(c, b.readings, now);
      for (const r of b.reports ?? []) {
        await c.query('INSERT INTO reports (unit, period, submitted_at, source, submitted_by) VALUES ($1, $2, $3, $4, $5)', [
          r.unit,
          r.period,
          r.submittedAt,
          r.source,
          r.submittedBy,
        ]);
      }
      if (b.signinLinks) await pgWriteSigninLinks(c, b.signinLinks);
      for (const [k, v] of Object.entries(b.meta ?? {})) {
        if (v === null) await c.query('DELETE FROM meta WHERE key = $1', [k]);
        else await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [k, v]);
      }
      for (const t of b.tokens ?? []) {
        await c.query('INSERT INTO tokens (id, hash, role, unit, label, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          t.id,
          t.hash,
          t.role,
          t.unit,
          t.label,
          t.createdAt,
          t.expiresAt,
          t.revokedAt,
        ]);
      }
      for (const [id, at] of Object.entries(b.revoke ?? {})) await c.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
      if (b.idempotency) {
        const r: IdempotencyRecord = b.idempotency;
        await c.query('DELETE FROM idempotency WHERE created_at < $1', [r.createdAt - DAY]);
        await c.query('INSERT INTO idempotency (who, key, request_hash, accepted, created_at) VALUES ($1, $2, $3, $4, $5)', [
          r.who,
          r.key,
          r.requestHash,
          r.accepted,
          r.createdAt,
        ]);
      }
      for (const v of b.targetVersions ?? []) {
        await c.query(
          'INSERT INTO target_versions (indicator, target, deadline, effective_from, recorded_at, set_by, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [v.indicator, v.target, v.deadline, v.effectiveFrom, v.recordedAt, v.setBy, v.reason],
        );
      }
      await writeTasks(c, b);
      if (b.audit) await writeAudit(c, b.audit);
    });
  };

  return {
    pool,
    commit,
    ...pgOutbox(q, (fn) => inTransaction(pool, fn)),
    ...pgSignin(q),
    insertReadings: async (rows) => {
      await commit({ readings: rows });
      return rows.length;
    },
    insertReports: async (rows: readonly NewReport[]) => {
      await commit({ reports: rows });
      return rows.length;
    },
    hasSource: async (source) => {
      const r = await q('SELECT 1 FROM readings WHERE source = $1 UNION ALL SELECT 1 FROM reports WHERE source = $1 LIMIT 1', [source]);
      return (r.rowCount ?? 0) > 0;
    },
    dataVersion: async () => (await q<{ value: string }>('SELECT value FROM meta WHERE key = $1', [DATA_VERSION])).rows[0]?.value ?? '0',
    listReadings: async () => (await q<StoredReading>(`SELECT ${READING_COLS} FROM readings ORDER BY at, id`)).rows,
    readingPage: async (after, limit, filter) =>
      (
        await q<EngineReading>(
          'SELECT unit, indicator, value, at FROM readings WHERE (at, unit, indicator) > ($1, $2, $3) AND at <= $4 AND received_at <= $5 ORDER BY at, unit, indicator LIMIT $6',
          [...readingPageParams(after, filter), limit],
        )
      ).rows,
    listReports: async () => (await q<StoredReport>(`SELECT ${REPORT_COLS} FROM reports ORDER BY submitted_at, id`)).rows,
    listReadingVersions: async () => (await q<ReadingVersion>(VERSION_SELECT)).rows,
    ...pgTaskLists(q),
    listTargetVersions: async () => (await q<TargetVersion>(`SELECT ${VERSION_COLS} FROM target_versions ORDER BY recorded_at, id`)).rows,
    counts: async () => {
      const r = await q<{ readings: number; reports: number }>('SELECT (SELECT count(*) FROM readings) AS readings, (SELECT count(*) FROM reports) AS reports');
      return { readings: r.rows[0]!.readings, reports: r.rows[0]!.reports };
    },
    listTokens: async () => (await q<TokenRecord>(`SELECT ${TOKEN_COLS} FROM tokens ORDER BY created_at, id`)).rows,
    findToken: async (hash) => (await q<TokenRecord>(`SELECT ${TOKEN_COLS} FROM tokens WHERE hash = $1`, [hash])).rows[0] ?? null,
    revokeToken: async (id, at) => ((await q('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])).rowCount ?? 0) > 0,
    findIdempotency: async (who, key) =>
      (
        await q<IdempotencyRecord>(
          'SELECT who, key, request_hash AS "requestHash", accepted, created_at AS "createdAt" FROM idempotency WHERE who = $1 AND key = $2 AND created_at >= $3',
          [who, key, systemNow() - DAY],
        )
      ).rows[0] ?? null,
    appendAudit: async (e) => {
      try {
        await writeAudit(pool, [e]);
      } catch (err) {
        throw classify(err);
      }
    },
    countAudit: async (e, key, n) => {
      await q(
        `INSERT INTO audit (at, who, role, action, target, source, outcome, status, detail, count, coalesce_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (coalesce_key) DO UPDATE SET count = audit.count + excluded.count`,
        [e.at, e.who, e.role, e.action, e.target, e.source, e.outcome, e.status, e.detail, n, key],
      );
    },
    pruneAudit: async (before) => (await q('DELETE FROM audit WHERE at < $1', [before])).rowCount ?? 0,
    listAudit: async ({ limit, before }) =>
      (await q<StoredAudit>(`SELECT ${AUDIT_COLS} FROM audit WHERE id < $1 ORDER BY id DESC LIMIT $2`, [before ?? Number.MAX_SAFE_INTEGER, limit])).rows,
    getMeta: async (key) => (await q<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value ?? null,
    setMeta: async (key, value) => {
      await q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },
    close: async () => {
      await pool.end();
    },
  };
}
