/**
 * The two SQL schemas (server/store/migrations.ts for SQLite, pg-migrations.ts for PostgreSQL)
 * are written twice, in two dialects: this checks that, migrated, they have the same tables and
 * the same columns, on the real PostgreSQL these tests start. Only the cluster's own logs are
 * PostgreSQL's alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { startPostgres, type Postgres } from '../helpers/engines.js';

/** Tables of the cluster (server/cluster/): a single SQLite node has no change or delta log. */
const CLUSTER_ONLY = ['changes', 'cluster_state', 'deltas'];

let server: Postgres;
let dir: string;
beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'ioc-schema-'));
});
afterAll(async () => {
  await server?.stop();
  server?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Schema = Record<string, string[]>;

function sqliteSchema(): Schema {
  const db = new Database(join(dir, 'ioc.sqlite'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name).sort()]),
    );
  } finally {
    db.close();
  }
}

async function postgresSchema(url: string): Promise<Schema> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const rows = (
      await c.query<{ t: string; col: string }>(
        "SELECT table_name AS t, column_name AS col FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name",
      )
    ).rows;
    const schema: Schema = {};
    for (const r of rows) (schema[r.t] ??= []).push(r.col);
    return schema;
  } finally {
    await c.end();
  }
}

it('SQLite and PostgreSQL, migrated, have the same tables with the same columns (the cluster logs aside)', async () => {
  await openSqliteStore(dir).close();
  await (await openPostgresStore(server.url())).close();
  const lite = sqliteSchema();
  const pgAll = await postgresSchema(server.url());
  expect(Object.keys(pgAll)).toEqual(expect.arrayContaining(CLUSTER_ONLY));
  const pgStore = Object.fromEntries(Object.entries(pgAll).filter(([t]) => !CLUSTER_ONLY.includes(t)));
  expect(Object.keys(lite).length).toBeGreaterThan(5);
  expect(pgStore).toEqual(lite);
});
