/**
 * PostgreSQL backup and restore as the README documents it: `pg_dump -Fc` while a server node
 * takes a stream of writes, `pg_restore` into a new database, and every reading acknowledged
 * before the dump began is there (pg_dump reads one consistent snapshot).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { startPostgres, type Postgres } from '../helpers/engines.js';
import { DEMO_NOW, manualClock, startServer, type TestServer } from '../helpers/server.js';
import { readingKey, writeStream, type Row } from '../helpers/writes.js';

/** The client tools of the newest installed server (a dump needs pg_dump at least as new as the server). */
function pgTool(name: string): string {
  const root = '/usr/lib/postgresql';
  const v = readdirSync(root)
    .filter((x) => existsSync(join(root, x, 'bin', name)))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!v) throw new Error(`${name} not found under ${root}: apt-get install -y postgresql`);
  return join(root, v, 'bin', name);
}

function run(cmd: string, args: string[]): Promise<void> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  return new Promise((res, rej) => {
    child.once('error', rej);
    child.once('close', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${err}`))));
  });
}

describe('pg_dump / pg_restore while a node writes', () => {
  let db: Postgres;
  let server: TestServer;
  const work = mkdtempSync(join(tmpdir(), 'ioc-pgdump-'));
  const dump = join(work, 'ioc.dump');
  let before: Row[] = [];
  let during = 0;

  beforeAll(async () => {
    db = await startPostgres();
    const admin = new pg.Client({ connectionString: db.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE ioc');
    await admin.query('CREATE DATABASE restored');
    await admin.end();
    server = await startServer({ databaseUrl: db.url('ioc'), demo: false, clock: manualClock(DEMO_NOW, false), writeLimitPerMinute: 100_000 });
    const w = writeStream(server.url, DEMO_NOW);
    await w.reached(60);
    before = w.acked.slice();
    await run(pgTool('pg_dump'), ['--format=custom', '--file', dump, '--dbname', db.url('ioc')]);
    during = w.count() - before.length;
    await w.stop();
  });

  afterAll(async () => {
    await server?.stop();
    await db?.stop();
    db?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it('restores into a new database with every reading acknowledged before the dump', async () => {
    expect(during, 'writes acknowledged while pg_dump ran').toBeGreaterThan(0);
    await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--dbname', db.url('restored'), dump]);
    const store = await openPostgresStore(db.url('restored'));
    try {
      const rows = await store.listReadings();
      const got = new Map(rows.map((r) => [readingKey(r), r.value]));
      for (const a of before) expect(got.get(readingKey(a)), readingKey(a)).toBe(a.value);
      expect(rows.length).toBeLessThanOrEqual(before.length + during);
    } finally {
      await store.close();
    }
  });
});
