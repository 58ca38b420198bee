import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/index.js';
import { buildServer } from '../../server/serverbuild.js';
import { runMain, type Proc } from '../helpers/process.js';
import { post, ROOT } from '../helpers/server.js';

const TINY = join(ROOT, 'tests/fixtures/tiny');
const TOKEN = 'bundle-test-token';

// What `npm start` serves: the server bundled to plain JavaScript and run by node without tsx.
describe('the server bundle npm start runs', { timeout: 120_000 }, () => {
  const out = join(ROOT, `dist/test-server-${process.pid}`);
  const data = mkdtempSync(join(tmpdir(), 'ioc-bundle-'));
  let proc: Proc;
  beforeAll(async () => {
    await buildServer(ROOT, out);
    proc = runMain({ IOC_CONFIG: join(TINY, 'province.json'), IOC_GEO_DIR: TINY, DATA_DIR: data, IOC_ADMIN_TOKEN: TOKEN }, join(out, 'main.js'));
  });
  afterAll(async () => {
    await proc?.kill();
    rmSync(out, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it('finds the project from dist/, serves the province, stores a reading and reads sheets in place and in its worker', async () => {
    const url = await proc.url;
    const s = (await (await fetch(`${url}/api/state`)).json()) as Snapshot;
    expect(s.province.name.vi).toBe('Tỉnh Thử Nghiệm');
    const res = await post(url, '/api/readings', { readings: [{ unit: 'ben-da', indicator: 'ho-so-tre-han', value: 3, at: new Date().toISOString() }] }, TOKEN);
    expect(res.status).toBe(200);
    // The XLSX template read back through the import's dry run: exceljs, loaded on first use.
    const xlsx = await fetch(`${url}/api/import/template.xlsx`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(xlsx.status).toBe(200);
    const dry = await fetch(`${url}/api/import?dryRun=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: new Uint8Array(await xlsx.arrayBuffer()),
    });
    expect(dry.status).toBe(200);
    expect(((await dry.json()) as { format: string }).format).toBe('XLSX');
    // Past 256 KiB a sheet is read in a worker thread: the bundle's worker.js beside main.js.
    const csv = await (await fetch(`${url}/api/import/template.csv`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const [head, row] = csv.trim().split('\r\n');
    const big = await fetch(`${url}/api/import?dryRun=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: [head, ...Array.from({ length: 8_000 }, () => row)].join('\r\n'),
    });
    // Read whole (a missing worker would be a 500): every copy of the example row named as a duplicate of row 2.
    expect(big.status).toBe(400);
    const details = ((await big.json()) as { error: { details: { row: number; problem: string }[] } }).error.details;
    expect(details[0]).toMatchObject({ row: 3, problem: 'duplicate' });
  });
});
