import { AUDIT_COALESCING, AUDIT_REQUEST_ID } from './migrations.js';
import { TASK_MIGRATION_PG } from './task-rows.js';
import { CONTACTS_MIGRATION, CONTACTS_TABLE } from './contact-rows.js';
import { SIGNIN_MIGRATION, SIGNIN_TABLE } from './signin-rows.js';
import { OUTBOX_MIGRATION, OUTBOX_TABLE } from './outbox-rows.js';
import { READING_VERSIONS_MIGRATION, READING_VERSIONS_TABLE } from './version-rows.js';
import { TIME_FIRST_MIGRATION, TIME_FIRST_PG } from './series-index.js';

/**
 * PostgreSQL schema migrations: the same tables as SQLite's (server/store/migrations.ts) in
 * PostgreSQL's dialect, plus the cluster's change and delta logs. Applied in order, each once,
 * each in its own transaction, under an advisory lock so that two nodes starting together do
 * not race. Never edit a shipped one. Times are ms since the epoch (BIGINT), as in SQLite.
 */
export const PG_MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'readings, reports, meta, tokens, audit, idempotency, target versions',
    sql: `
      CREATE TABLE readings (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        unit TEXT NOT NULL,
        indicator TEXT NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        at BIGINT NOT NULL,
        source TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        received_at BIGINT NOT NULL
      );
      CREATE UNIQUE INDEX readings_series ON readings (unit, indicator, at);
      CREATE INDEX readings_source ON readings (source);
      CREATE TABLE reports (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        unit TEXT NOT NULL,
        period TEXT NOT NULL,
        submitted_at BIGINT NOT NULL,
        source TEXT NOT NULL,
        submitted_by TEXT NOT NULL
      );
      CREATE INDEX reports_unit_period ON reports (unit, period);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'unit', 'display')),
        unit TEXT,
        label TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        revoked_at BIGINT
      );
      CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
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
      CREATE TABLE idempotency (
        who TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        accepted INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (who, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);
      CREATE TABLE target_versions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        indicator TEXT NOT NULL,
        target DOUBLE PRECISION NOT NULL,
        deadline TEXT NOT NULL,
        effective_from BIGINT NOT NULL,
        recorded_at BIGINT NOT NULL,
        set_by TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX target_versions_indicator ON target_versions (indicator, effective_from);
    `,
  },
  {
    id: 2,
    name: 'cluster: the change log (every committed write that moves the state) and the delta log',
    sql: `
      CREATE TABLE changes (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        body JSONB NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE TABLE deltas (
        seq BIGINT PRIMARY KEY,
        epoch TEXT NOT NULL,
        upto BIGINT NOT NULL,
        body JSONB NOT NULL
      );
      CREATE TABLE cluster_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        epoch TEXT NOT NULL,
        seq BIGINT NOT NULL,
        snapshot_seq BIGINT NOT NULL,
        snapshot_upto BIGINT NOT NULL,
        snapshot JSONB NOT NULL
      );
    `,
  },
  {
    id: 3,
    name: "cluster: each stored delta's patch count (the delta log is bounded by patches too)",
    sql: `ALTER TABLE deltas ADD COLUMN patches INTEGER NOT NULL DEFAULT 0;`,
  },
  { id: 4, ...AUDIT_COALESCING },
  { id: 5, ...AUDIT_REQUEST_ID },
  TASK_MIGRATION_PG,
  { id: 10, name: OUTBOX_MIGRATION, sql: OUTBOX_TABLE('BIGINT') },
  { id: 11, name: CONTACTS_MIGRATION, sql: CONTACTS_TABLE('BIGINT') },
  { id: 12, name: SIGNIN_MIGRATION, sql: SIGNIN_TABLE('BIGINT') },
  { id: 13, name: READING_VERSIONS_MIGRATION, sql: READING_VERSIONS_TABLE('BIGINT', 'DOUBLE PRECISION') },
  { id: 14, name: TIME_FIRST_MIGRATION, sql: TIME_FIRST_PG },
];
