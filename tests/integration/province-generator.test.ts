import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadVersionBoundaries } from '../../geo/load.js';
import { provinceConfig, type NationalCommune, type NationalProvince } from '../../server/config/generate.js';
import { loadConfig } from '../../server/config/load.js';
import type { Snapshot } from '../../server/protocol/index.js';
import { runMain, type Proc } from '../helpers/process.js';
import { ROOT } from '../helpers/server.js';

const GEO = join(ROOT, '../shared/geo');
const provinces = JSON.parse(readFileSync(join(GEO, 'vn-provinces-2025.json'), 'utf8')) as NationalProvince[];
const communes = (JSON.parse(readFileSync(join(GEO, 'vn-communes-2025.geojson'), 'utf8')) as { features: { properties: NationalCommune }[] }).features.map(
  (f) => f.properties,
);
const dir = mkdtempSync(join(tmpdir(), 'ioc-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Generate a province file into the temp folder and load it with the server's own loaders. */
function generate(code: string) {
  const outFile = join(dir, `${code}.json`);
  const p = provinces.find((x) => x.code === code)!;
  const cfg = provinceConfig(p, communes, {
    outFile,
    catalogues: [join(ROOT, 'config/indicators-de-an-06.json'), join(ROOT, 'config/indicators-2025.json')],
    displayFile: join(ROOT, 'config/display.json'),
    since: '2026-11-01',
  });
  writeFileSync(outFile, JSON.stringify(cfg));
  const config = loadConfig(outFile);
  return { config, boundaries: loadVersionBoundaries(GEO, config.geography.versions[0]!) };
}

describe('npm run province: a configuration for any of the 34 provinces', () => {
  it('Hồ Chí Minh City (79): 168 units, boundaries from the national file by filter', () => {
    const { config, boundaries } = generate('79');
    expect(config.province).toMatchObject({ code: '79', name: { vi: 'Hồ Chí Minh' } });
    expect(config.geography.versions[0]!.units).toHaveLength(168);
    expect(config.boundaries).toMatchObject({ file: 'vn-communes-2025.geojson', filter: { property: 'province', equals: '79' } });
    expect(boundaries.features).toHaveLength(168);
    expect(config.indicators.map((i) => i.id)).toContain('procedures-online');
    expect(config.reporting.since).toBe('2026-11-01');
  });

  it('Lai Châu (12), a small one: 38 units and the departments template', () => {
    const { config, boundaries } = generate('12');
    expect(boundaries.features).toHaveLength(38);
    expect(config.units.filter((u) => u.kind === 'department').map((u) => u.id)).toContain('van-phong-ubnd');
  });

  it.each(['01', '22', '33'])('province %s loads although its file has a self-touching ring or 6-decimal coordinates', (code) => {
    expect(generate(code).boundaries.features.length).toBeGreaterThan(50);
  });

  it('Đà Nẵng (48) from the national file: Hoàng Sa not reporting', () => {
    const hs = generate('48').config.geography.versions[0]!.units.find((u) => u.code === '20333')!;
    expect(hs.reporting).toBe(false);
  });
});

describe('the generated file runs: IOC_CONFIG=… IOC_DEMO=0 npm start', { timeout: 90_000 }, () => {
  let proc: Proc | null = null;
  afterEach(async () => {
    await proc?.kill();
    proc = null;
  });

  it('the CLI writes it, the server starts and GET /api/state lists the communes and departments', { timeout: 60_000 }, async () => {
    const out = join(dir, 'cli', 'province-12.json');
    const said = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/province.ts', '12', '--out', out, '--since', '2026-11-01'], {
      cwd: ROOT,
      env: { ...process.env, IOC_GEO_DIR: GEO },
    }).toString();
    expect(said).toContain('Lai Châu, 38 communes and wards');
    proc = runMain({ IOC_CONFIG: out, IOC_GEO_DIR: GEO, IOC_DEMO: '0', DATA_DIR: join(dir, 'data') });
    const url = await proc.url;
    const s = (await (await fetch(`${url}/api/state`)).json()) as Snapshot;
    expect(s.province.name.vi).toBe('Lai Châu');
    expect(s.units).toHaveLength(38 + 7);
    const geo = (await (await fetch(`${url}/api/geo`)).json()) as { features: unknown[] };
    expect(geo.features).toHaveLength(38);
  });

  it("config/province.json runs on today's engine as its latest geography: 94 units and the departments in office", { timeout: 60_000 }, async () => {
    proc = runMain({ IOC_CONFIG: join(ROOT, 'config/province.json'), IOC_GEO_DIR: GEO, IOC_DEMO: '0', DATA_DIR: join(dir, 'data-dn') });
    const url = await proc.url;
    const s = (await (await fetch(`${url}/api/state`)).json()) as Snapshot;
    expect(s.province.name.vi).toBe('Đà Nẵng');
    expect(s.units.filter((u) => u.kind === 'area')).toHaveLength(94);
    expect(s.units.some((u) => u.id === 'so-nong-nghiep-moi-truong') && !s.units.some((u) => u.id === 'so-tnmt')).toBe(true);
  });
});
