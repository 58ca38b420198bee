import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { crashPoint } from './crash-point.js';
import { MIGRATIONS } from './migrations.js';
import { DATA_VERSION } from './rows.js';
import { sqliteAccess } from './sqlite-access.js';
import { sqliteOutbox } from './sqlite-outbox.js';
import { sqliteTasks } from './sqlite-tasks.js';
import { sqliteSignin } from './signin-store.js';
import { withUnavailable } from './sqlite-failures.js';
import { VERSION_SELECT, type ReadingVersion } from './version-rows.js';
import { readingPageParams, type Store, type WriteBatch } from './store.js';
import type { EngineReading, NewReading, NewReport, StoredReading, StoredReport, TargetVersion } from './rows.js';

/**
 * Open (and migrate) the SQLite store in `dataDir/ioc.sqlite`. WAL with synchronous=FULL:
 * a write is durable when its promise resolves, even across a crash or power loss.
 */
export function openSqliteStore(dataDir: string, systemNow: () => number = Date.now): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'ioc.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insReading = db.prepare(
    `INSERT INTO readings (unit, indicator, value, at, source, submitted_by, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (unit, indicator, at) DO UPDATE SET value = excluded.value, source = excluded.source,
       submitted_by = excluded.submitted_by, received_at = excluded.received_at
     WHERE readings.value IS NOT excluded.value`,
  );
  const insReport = db.prepare('INSERT INTO reports (unit, period, submitted_at, source, submitted_by) VALUES (?, ?, ?, ?, ?)');
  // A corrected reading's old row goes to reading_versions by trigger (migration 14), in the same statement.
  // Plain functions, run inside the caller's transaction: a nested db.transaction is a SAVEPOINT, whose
  // sub-journal copies every page a batch touches (3× the SQLite time of a 10,000-reading batch).
  const writeReadings = (rows: readonly NewReading[], now: number) => {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      insReading.run(r.unit, r.indicator, r.value, r.at, r.source, r.submittedBy, now);
      crashPoint(i + 1, db.inTransaction);
    }
    return rows.length;
  };
  const writeReports = (rows: readonly NewReport[]) => {
    for (const r of rows) insReport.run(r.unit, r.period, r.submittedAt, r.source, r.submittedBy);
    return rows.length;
  };
  const selReadings = db.prepare(
    'SELECT id, unit, indicator, value, at, source, submitted_by AS submittedBy, received_at AS receivedAt FROM readings ORDER BY at, id',
  );
  // One page of readings by their unique key (series-index.ts), which the key's own index walks.
  const page = db.prepare(
    'SELECT unit, indicator, value, at FROM readings WHERE (at, unit, indicator) > (?, ?, ?) AND at <= ? AND received_at <= ? ORDER BY at, unit, indicator LIMIT ?',
  );
  const selReports = db.prepare(
    'SELECT id, unit, period, submitted_at AS submittedAt, source, submitted_by AS submittedBy FROM reports ORDER BY submitted_at, id',
  );
  const delReadings = db.prepare('DELETE FROM readings WHERE source = ?');
  const delReports = db.prepare('DELETE FROM reports WHERE source = ?');
  const delVersions = db.prepare('DELETE FROM reading_versions WHERE source = ?');
  const selSuperseded = db.prepare(VERSION_SELECT);
  const delMeta = db.prepare('DELETE FROM meta WHERE key = ?');
  const anyReading = db.prepare('SELECT 1 FROM readings WHERE source = ? LIMIT 1');
  const anyReport = db.prepare('SELECT 1 FROM reports WHERE source = ? LIMIT 1');
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const access = sqliteAccess(db, systemNow);
  const tasks = sqliteTasks(db);
  const bumpData = db.prepare(
    `INSERT INTO meta (key, value) VALUES ('${DATA_VERSION}', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
  );
  const insertReadings = db.transaction((rows: readonly NewReading[]) => (bumpData.run(), writeReadings(rows, systemNow())));
  const insertReports = db.transaction((rows: readonly NewReport[]) => (bumpData.run(), writeReports(rows)));
  const insVersion = db.prepare(
    'INSERT INTO target_versions (indicator, target, deadline, effective_from, recorded_at, set_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selVersions = db.prepare(
    'SELECT indicator, target, deadline, effective_from AS effectiveFrom, recorded_at AS recordedAt, set_by AS setBy, reason FROM target_versions ORDER BY recorded_at, id',
  );
  const signin = sqliteSignin(db);
  const commit = db.transaction((b: WriteBatch, now: number) => {
    if (b.replaceSource || b.readings || b.reports || b.targetVersions || b.taskVersions || b.taskReports) bumpData.run();
    if (b.replaceSource) {
      delReadings.run(b.replaceSource);
      delReports.run(b.replaceSource);
      delVersions.run(b.replaceSource);
    }
    if (b.readings) writeReadings(b.readings, now);
    if (b.reports) writeReports(b.reports);
    for (const [k, v] of Object.entries(b.meta ?? {})) {
      if (v === null) delMeta.run(k);
      else setMeta.run(k, v);
    }
    if (b.tokens) access.writeTokens(b.tokens);
    if (b.signinLinks) signin.write(b.signinLinks);
    if (b.revoke) access.writeRevocations(b.revoke);
    if (b.idempotency) access.writeIdempotency(b.idempotency);
    for (const v of b.targetVersions ?? []) insVersion.run(v.indicator, v.target, v.deadline, v.effectiveFrom, v.recordedAt, v.setBy, v.reason);
    tasks.write(b);
    if (b.audit) access.writeAudit(b.audit);
  });

  return withUnavailable({
    ...access.part,
    ...sqliteOutbox(db),
    ...tasks.part,
    ...signin.part,
    insertReadings: async (rows) => insertReadings(rows),
    insertReports: async (rows) => insertReports(rows),
    dataVersion: async () => (getMeta.get(DATA_VERSION) as { value: string } | undefined)?.value ?? '0',
    listReadings: async () => selReadings.all() as StoredReading[],
    readingPage: async (after, limit, filter) => page.all(...readingPageParams(after, filter), limit) as EngineReading[],
    listReports: async () => selReports.all() as StoredReport[],
    listReadingVersions: async () => selSuperseded.all() as ReadingVersion[],
    listTargetVersions: async () => selVersions.all() as TargetVersion[],
    counts: async () => {
      const readings = (db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
      const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
      return { readings, reports };
    },
    commit: async (batch) => {
      commit(batch, systemNow());
    },
    hasSource: async (source) => anyReading.get(source) !== undefined || anyReport.get(source) !== undefined,
    getMeta: async (key) => (getMeta.get(key) as { value: string } | undefined)?.value ?? null,
    setMeta: async (key, value) => {
      setMeta.run(key, value);
    },
    close: async () => {
      db.close();
    },
  });
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[]).map((r) => r.id));
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)').run(m.id, m.name, new Date().toISOString());
    })();
  }
}
