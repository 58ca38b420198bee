import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/index.js';
import { runMain, type Proc } from '../helpers/process.js';
import { connect, deltas, post, ROOT } from '../helpers/server.js';

const TINY = join(ROOT, 'tests/fixtures/tiny');

// Each test starts a real process: generous limits for a loaded 2-core machine.
describe('IOC_CONFIG selects another province (nothing about the shipped one is hard-coded)', { timeout: 60_000 }, () => {
  let proc: Proc | null = null;
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'ioc-prov-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await proc?.kill();
    proc = null;
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('serves a second, small province end to end', { timeout: 15_000 }, async () => {
    proc = runMain({ IOC_CONFIG: join(TINY, 'province.json'), IOC_GEO_DIR: TINY, DATA_DIR: tmp(), IOC_ADMIN_TOKEN: 'tiny-province-token' });
    const url = await proc.url;
    const s = (await (await fetch(`${url}/api/state`)).json()) as Snapshot;
    expect(s.province.name.vi).toBe('Tỉnh Thử Nghiệm');
    expect(s.demo).toBe(false);
    expect(s.units.map((u) => u.id)).toEqual(['doi-may', 'ben-da', 'hoa-hung', 'so-thu']);
    // Nothing reported yet: every indicator is no data, and the missing monthly reports show.
    expect(s.units.flatMap((u) => u.indicators).every((i) => i.level === 'no_data')).toBe(true);
    expect(s.units.every((u) => u.reason.kind === 'report_missing')).toBe(true);
    const geo = await (await fetch(`${url}/api/geo`)).json();
    expect(geo.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual(['doi-may', 'ben-da', 'hoa-hung']);

    const { socket: c, snapshot: snap } = await connect(url);
    const seen = deltas(c);
    const now = Date.now();
    const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();
    const res = await post(
      url,
      '/api/readings',
      {
        readings: [
          { unit: 'ben-da', indicator: 'ho-so-tre-han', value: 40, at: iso(40) },
          { unit: 'ben-da', indicator: 'ho-so-tre-han', value: 20, at: iso(20) },
          { unit: 'ben-da', indicator: 'ho-so-tre-han', value: 0, at: iso(1) },
        ],
      },
      'tiny-province-token',
    );
    expect(res.status).toBe(200);
    // The ticker may also emit deltas (time passing): take the one the write produced.
    const d = await seen.seq(res.json.seq);
    expect(d.seq).toBeGreaterThan(snap.seq);
    const ind = d.units.find((u) => u.id === 'ben-da')!.indicators!.find((i) => i.id === 'ho-so-tre-han')!;
    // A "lower is better" count that reached its target of 0.
    expect(ind.level).toBe('met');
    c.disconnect();
  });

  it('keeps every accepted reading when the process is killed right after the 200', async () => {
    const data = tmp();
    const env = { IOC_CONFIG: join(TINY, 'province.json'), IOC_GEO_DIR: TINY, DATA_DIR: data, IOC_ADMIN_TOKEN: 'crash-test-token' };
    proc = runMain(env);
    const url = await proc.url;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const res = await post(url, '/api/readings', { readings: [{ unit: 'doi-may', indicator: 'ho-so-truc-tuyen', value: 42.5, at }] }, 'crash-test-token');
    expect(res.status).toBe(200);
    proc.child.kill('SIGKILL');
    await proc.exited;
    proc = runMain(env);
    const s = (await (await fetch(`${await proc.url}/api/state`)).json()) as Snapshot;
    expect(s.units.find((u) => u.id === 'doi-may')!.indicators.find((i) => i.id === 'ho-so-truc-tuyen')!.value).toBe(42.5);
  });

  it('stops with a message naming the file, the field and what was expected', async () => {
    const dir = tmp();
    cpSync(TINY, dir, { recursive: true });
    const file = join(dir, 'province.json');
    const bad = JSON.parse(readFileSync(file, 'utf8'));
    bad.units[1].name.vi = 42;
    writeFileSync(file, JSON.stringify(bad));
    proc = runMain({ IOC_CONFIG: file, IOC_GEO_DIR: dir, DATA_DIR: tmp() });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain(`configuration error: ${file}: units[1].name.vi: Invalid input: expected string, received number`);
  });

  it('stops when the boundary file does not match the configured units', async () => {
    const dir = tmp();
    cpSync(TINY, dir, { recursive: true });
    const geoFile = join(dir, 'tiny.geojson');
    const geo = JSON.parse(readFileSync(geoFile, 'utf8'));
    geo.features.pop();
    writeFileSync(geoFile, JSON.stringify(geo));
    proc = runMain({ IOC_CONFIG: join(dir, 'province.json'), IOC_GEO_DIR: dir, DATA_DIR: tmp() });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('missing: hoa-hung');
  });

  it('stops with a pointer to IOC_GEO_DIR when the boundary folder is wrong', async () => {
    proc = runMain({ IOC_CONFIG: join(TINY, 'province.json'), IOC_GEO_DIR: tmp(), DATA_DIR: tmp() });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/tiny\.geojson: \(file\): cannot read the boundary file \(ENOENT\); set IOC_GEO_DIR/);
  });
});
