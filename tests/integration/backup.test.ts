import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from '../../server/ops/backup.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { DEMO_NOW, manualClock, startServer, type TestServer } from '../helpers/server.js';
import { readingKey as key, writeStream, type Row } from '../helpers/writes.js';

// Each command starts tsx: seconds on a busy machine.
describe('npm run backup / npm run restore (SQLite, while the server writes)', { timeout: 30_000 }, () => {
  let server: TestServer;
  const work = mkdtempSync(join(tmpdir(), 'ioc-backup-'));
  const file = join(work, 'ioc-backup.sqlite');
  const restored = join(work, 'restored');
  let before: Row[] = [];
  let during = 0;
  let backup: CliResult;

  beforeAll(async () => {
    server = await startServer({ demo: false, clock: manualClock(DEMO_NOW, false), writeLimitPerMinute: 100_000 });
    const w = writeStream(server.url, DEMO_NOW);
    // Start the backup only once writes are flowing, and keep writing while it runs.
    await w.reached(60);
    before = w.acked.slice();
    backup = await runCli('backup.ts', [file], { DATA_DIR: server.dataDir, DATABASE_URL: undefined });
    during = w.count() - before.length;
    await w.stop();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while writes go on, with a sha256 file beside the backup', () => {
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/backed up to .*ioc-backup\.sqlite .*sha256 [0-9a-f]{64}/);
    expect(during, 'writes acknowledged while the backup ran').toBeGreaterThan(0);
    expect(readFileSync(`${file}.sha256`, 'utf8')).toMatch(/^[0-9a-f]{64} {2}ioc-backup\.sqlite\n$/);
  });

  it('restores into an empty DATA_DIR with every reading acknowledged before the backup, and no others', async () => {
    const r = await runCli('restore.ts', [file], { DATA_DIR: restored, DATABASE_URL: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/checksum ok; restored into .*ioc\.sqlite/);
    const store = openSqliteStore(restored);
    const rows = await store.listReadings();
    await store.close();
    const got = new Map(rows.map((x) => [key(x), x.value]));
    for (const a of before) expect(got.get(key(a)), key(a)).toBe(a.value);
    expect(rows.length).toBeGreaterThanOrEqual(before.length);
    expect(rows.length).toBeLessThanOrEqual(before.length + during);
  });

  it('the restored folder serves: a server started on it shows the readings', async () => {
    const again = await startServer({ dataDir: restored, demo: false, clock: manualClock(DEMO_NOW, false) });
    try {
      const res = await fetch(`${again.url}/api/units/tam-ky`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { indicators: { id: string; series: unknown[] }[] };
      expect(body.indicators.find((i) => i.id === 'online-dossier-rate')?.series.length).toBeGreaterThan(0);
    } finally {
      await again.stop();
    }
  });

  it('refuses a non-empty DATA_DIR, saying what to do', async () => {
    const r = await runCli('restore.ts', [file], { DATA_DIR: restored, DATABASE_URL: undefined });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^restore: DATA_DIR .*restored is not empty: restore only into an empty folder/);
  });

  it('refuses a damaged copy (checksum mismatch) and restores nothing', async () => {
    const bad = join(work, 'damaged.sqlite');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(bad, bytes);
    writeFileSync(`${bad}.sha256`, readFileSync(`${file}.sha256`));
    const target = join(work, 'empty');
    await expect(restoreSqlite(bad, target)).rejects.toThrow(/checksum mismatch .*nothing was restored/);
    expect(existsSync(target)).toBe(false);
  });

  it('points a PostgreSQL deployment to pg_dump, and never overwrites a backup', async () => {
    const pg = await runCli('backup.ts', [join(work, 'x.sqlite')], { DATABASE_URL: 'postgres://ioc@127.0.0.1:1/ioc' });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toMatch(/pg_dump/);
    await expect(backupSqlite(server.dataDir, file)).rejects.toThrow(/already exists: choose a new file name/);
  });
});
