/** Schema migrations, applied in order, each once, each in its own transaction. Never edit a shipped one. */
import { CONTACTS_MIGRATION, CONTACTS_TABLE } from './contact-rows.js';
import { SIGNIN_MIGRATION, SIGNIN_TABLE } from './signin-rows.js';
import { OUTBOX_MIGRATION, OUTBOX_TABLE } from './outbox-rows.js';
import { READING_VERSIONS_MIGRATION, READING_VERSIONS_TABLE } from './version-rows.js';
import { TIME_FIRST_MIGRATION, TIME_FIRST_SQLITE } from './series-index.js';

/** The same in SQLite and PostgreSQL (both migrations use it): refusals counted under one key. */
export const AUDIT_COALESCING = {
  name: 'audit: repeated refusals coalesced (one row per address, minute and answer, with a count)',
  sql: `
    ALTER TABLE audit ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE audit ADD COLUMN coalesce_key TEXT;
    CREATE UNIQUE INDEX audit_coalesce ON audit (coalesce_key);
  `,
};

/** The same in both: the request id of the HTTP request behind each audit entry (joins the audit trail to the logs). */
export const AUDIT_REQUEST_ID = {
  name: 'audit: the request id of the HTTP request that caused each entry',
  sql: `ALTER TABLE audit ADD COLUMN request_id TEXT;`,
};

import { TASK_MIGRATION_SQLITE } from './task-rows.js';

export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'readings, reports, meta',
    sql: `
      CREATE TABLE readings (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        indicator TEXT NOT NULL,
        value REAL NOT NULL,
        at INTEGER NOT NULL,
        source TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
      CREATE INDEX readings_series ON readings (unit, indicator, at);
      CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        period TEXT NOT NULL,
        submitted_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        submitted_by TEXT NOT NULL
      );
      CREATE INDEX reports_unit_period ON reports (unit, period);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    id: 2,
    name: 'one reading per unit, indicator and instant (a later one is a correction)',
    sql: `
      DELETE FROM readings WHERE id NOT IN (SELECT max(id) FROM readings GROUP BY unit, indicator, at);
      DROP INDEX readings_series;
      CREATE UNIQUE INDEX readings_series ON readings (unit, indicator, at);
    `,
  },
  {
    id: 3,
    name: 'access tokens and the audit trail',
    sql: `
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'unit', 'display')),
        unit TEXT,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        revoked_at INTEGER
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        who TEXT NOT NULL,
        role TEXT,
        action TEXT NOT NULL,
        target TEXT,
        source TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused')),
        status INTEGER NOT NULL,
        detail TEXT
      );
      CREATE INDEX audit_at ON audit (at);
    `,
  },
  {
    id: 4,
    name: 'idempotency keys: a retried write is answered, not repeated',
    sql: `
      CREATE TABLE idempotency (
        who TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (who, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);
    `,
  },
  {
    id: 5,
    name: 'target and deadline versions, with who, when and why',
    sql: `
      CREATE TABLE target_versions (
        id INTEGER PRIMARY KEY,
        indicator TEXT NOT NULL,
        target REAL NOT NULL,
        deadline TEXT NOT NULL,
        effective_from INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        set_by TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX target_versions_indicator ON target_versions (indicator, effective_from);
    `,
  },
  { id: 6, ...AUDIT_COALESCING },
  { id: 7, ...AUDIT_REQUEST_ID },
  TASK_MIGRATION_SQLITE,
  { id: 10, name: OUTBOX_MIGRATION, sql: OUTBOX_TABLE('INTEGER') },
  { id: 11, name: CONTACTS_MIGRATION, sql: CONTACTS_TABLE('INTEGER') },
  { id: 12, name: SIGNIN_MIGRATION, sql: SIGNIN_TABLE('INTEGER') },
  { id: 13, name: READING_VERSIONS_MIGRATION, sql: READING_VERSIONS_TABLE('INTEGER', 'REAL') },
  { id: 14, name: TIME_FIRST_MIGRATION, sql: TIME_FIRST_SQLITE },
];
