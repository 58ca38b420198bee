import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { csv, SAMPLE_VI, upload } from '../helpers/import.js';
import { runMain } from '../helpers/process.js';
import { ROOT, startServer, TOKEN } from '../helpers/server.js';

/** The import through its command line, and a process killed in the middle of an import's transaction. */
describe('npm run import (CLI)', () => {
  it('dry-runs, imports, and names problems by row and column', { timeout: 60_000 }, async () => {
    const srv = await startServer();
    const dir = mkdtempSync(join(tmpdir(), 'ioc-import-cli-'));
    const run = promisify(execFile);
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], { cwd: ROOT, env: { ...process.env, IOC_URL: srv.url, IOC_TOKEN: TOKEN } });
    try {
      writeFileSync(join(dir, 'thang-8.csv'), csv(SAMPLE_VI, ';'));
      const dry = await cli(join(dir, 'thang-8.csv'), '--dry-run');
      expect(dry.stdout).toContain('4 row(s) → 4 new');
      expect(dry.stdout).toContain('row 2: que-son · land-database · 2024-08: — → 45.5');
      expect(dry.stdout).toContain('dry run: nothing was stored');
      expect((await cli(join(dir, 'thang-8.csv'))).stdout).toContain('stored 4 reading(s)');
      writeFileSync(join(dir, 'sai.csv'), 'Đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị\nAtlantis;land-database;08/2024;5\n');
      await expect(cli(join(dir, 'sai.csv'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('row 2, Đơn vị: unknown unit "Atlantis"') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await srv.stop();
    }
  });
});

describe('a crash in the middle of an import', () => {
  it('leaves none of it when the process dies inside the transaction', { timeout: 40_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-crash-import-'));
    // The store's crash point (server/store/crash-point.ts) kills the process after this many rows.
    const CRASH_AFTER = 2_000;
    const env = { IOC_CONFIG: join(ROOT, 'config/quang-nam-2024.json'), DATA_DIR: dataDir, IOC_DEMO: '0', IOC_ADMIN_TOKEN: TOKEN, IOC_WRITE_LIMIT: '1000' };
    try {
      let proc = runMain({ ...env, IOC_TEST_CRASH_AFTER_ROWS: String(CRASH_AFTER) });
      const url = await proc.url;
      // 4,320 rows: every district × indicator, one a day for 30 days.
      const units = [
        'tam-ky',
        'hoi-an',
        'dien-ban',
        'que-son',
        'nam-giang',
        'dai-loc',
        'duy-xuyen',
        'thang-binh',
        'tien-phuoc',
        'phu-ninh',
        'nui-thanh',
        'bac-tra-my',
        'nam-tra-my',
        'phuoc-son',
        'hiep-duc',
        'dong-giang',
        'tay-giang',
        'nong-son',
      ];
      const inds = [
        'online-dossier-rate',
        'online-payment-rate',
        'dossier-digitisation',
        'electronic-results',
        'igate-entry',
        'civil-registry-digitisation',
        'land-database',
        'service-index-766',
      ];
      const lines = ['unit;indicator;period;value;date'];
      for (let d = 1; d <= 30; d++) {
        const date = `${String(d).padStart(2, '0')}/06/2024`;
        for (const u of units) for (const i of inds) lines.push(`${u};${i};06/2024;${(d % 90) + 5};${date}`);
      }
      const file = Buffer.from(lines.join('\n'), 'utf8');
      const answer = await upload(url, file).catch(() => 'no answer');
      expect(await proc.exited).toBeNull();
      // The kill landed inside the import's one transaction, with rows already written in it.
      expect(proc.child.signalCode).toBe('SIGKILL');
      expect(proc.output()).toContain(`crash point: killed after ${CRASH_AFTER} row(s) written, inside a transaction: true`);
      // The answer never came: the process died before it could acknowledge anything.
      expect(answer).toBe('no answer');

      proc = runMain(env);
      const after = await proc.url;
      const stored = async () => {
        const state = (await (await fetch(`${after}/api/state`)).json()) as { units: { indicators: { readings: number }[] }[] };
        return state.units.flatMap((u) => u.indicators).reduce((n, i) => n + i.readings, 0);
      };
      expect(await stored(), `${lines.length - 1} rows sent, killed after ${CRASH_AFTER}`).toBe(0);
      // The same file, uncrashed, is counted in full: zero above means none stored, not none counted.
      expect((await upload(after, file)).json.accepted).toBe(lines.length - 1);
      expect(await stored()).toBe(lines.length - 1);
      await proc.kill();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
