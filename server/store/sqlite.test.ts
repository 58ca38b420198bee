import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite.js';
import { reading, RECEIVED, storeContract } from './contract.js';
import type { Store } from './store.js';
import { outboxContract } from './outbox-contract.js';
import { signinContract } from './signin-contract.js';
import { readingVersionsContract } from './versions-contract.js';
import { readingPagesContract } from './pages-contract.js';

storeContract('SQLite', sqliteFactory());
outboxContract('SQLite', sqliteFactory());
signinContract('SQLite', sqliteFactory());
readingVersionsContract('SQLite', sqliteFactory());
readingPagesContract('SQLite', sqliteFactory());

describe('openSqliteStore (SQLite only)', () => {
  let dir: string;
  let store: Store | null;
  /** Other connections opened by a test, closed afterwards. */
  const extra: Database.Database[] = [];

  const open = (): Store => (store = openSqliteStore(dir, () => RECEIVED));
  const reopen = async (): Promise<Store> => {
    await store?.close();
    return open();
  };
  const raw = (): Database.Database => {
    const db = new Database(join(dir, 'ioc.sqlite'), { readonly: true });
    extra.push(db);
    return db;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-store-'));
    store = null;
  });
  afterEach(async () => {
    for (const db of extra.splice(0)) db.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data folder and the tables', async () => {
    const nested = join(dir, 'a', 'b');
    const s = openSqliteStore(nested);
    const db = new Database(join(nested, 'ioc.sqlite'), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    db.close();
    await s.close();
    expect(tables).toEqual(expect.arrayContaining(['meta', 'readings', 'reports', 'schema_migrations']));
  });

  it('applies every migration once and is idempotent on reopen', async () => {
    open();
    await store!.insertReadings([reading()]);
    await reopen();
    await reopen();
    const rows = raw().prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
    expect(await store!.counts()).toEqual({ readings: 1, reports: 0 });
  });

  it('runs in WAL mode', async () => {
    open();
    const mode = raw().pragma('journal_mode', { simple: true });
    expect(mode).toBe('wal');
  });
});

/** A fresh folder per test; reopening opens the same file. */
function sqliteFactory() {
  let dir: string | null = null;
  return {
    fresh: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = mkdtempSync(join(tmpdir(), 'ioc-contract-'));
    },
    open: async (systemNow: () => number) => openSqliteStore(dir!, systemNow),
    done: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
