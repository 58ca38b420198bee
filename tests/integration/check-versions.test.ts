import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectProblems } from '../../server/ops/problems.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/server.js';

const VERSIONS = resolve(ROOT, 'tests/fixtures/ops/versions');
const tmp = mkdtempSync(join(tmpdir(), 'ioc-check-versions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the versions fixture with `edit` applied to its province file (and the crosswalk's wrong row dropped). */
function fixed(
  name: string,
  edit: (p: {
    localTargets: Record<string, unknown>[];
    geographies: { from?: string; units: unknown[]; boundaries: { files: Record<string, unknown>[] } }[];
  }) => void,
): string {
  const dir = join(tmp, name);
  cpSync(VERSIONS, dir, { recursive: true });
  const file = join(dir, 'province.json');
  const p = JSON.parse(readFileSync(file, 'utf8')) as Parameters<typeof edit>[0];
  edit(p);
  writeFileSync(file, JSON.stringify(p));
  const csv = join(dir, 'crosswalk.csv');
  writeFileSync(
    csv,
    readFileSync(csv, 'utf8')
      .split('\n')
      .filter((l) => !l.includes(',009,'))
      .join('\n'),
  );
  return file;
}

describe('collectProblems: geography versions, their boundary files and the crosswalk', () => {
  it('an overlap, a unit missing from its version file and an unknown crosswalk code, all at once', () => {
    const problems = collectProblems(join(VERSIONS, 'province.json'), VERSIONS);
    expect(problems).toEqual([
      {
        file: join(VERSIONS, 'province.json'),
        field: 'geographies[1].from',
        expected: "expected the day after the previous geography's until (2025-01-01): no gap, no overlap",
      },
      expect.objectContaining({ file: join(VERSIONS, 'huyen-2024.geojson'), field: 'features', expected: expect.stringMatching(/missing: huyen-b$/) }),
      {
        file: join(VERSIONS, 'crosswalk.csv'),
        field: 'row 4: district_2024_code',
        expected: 'expected the code of a unit of geography "huyen-2024", got "009"',
      },
    ]);
  });

  it('once fixed, the filter, the dissolve and a version of two files pass the server too', () => {
    const file = fixed('ok', (p) => {
      p.geographies[1]!.from = '2025-01-01';
      p.geographies[0]!.boundaries.files.push({ file: 'huyen-b.geojson' });
    });
    const square = [
      [106.1, 10],
      [106.2, 10],
      [106.2, 10.1],
      [106.1, 10.1],
      [106.1, 10],
    ];
    const feature = { type: 'Feature', properties: { id: 'huyen-b' }, geometry: { type: 'Polygon', coordinates: [square] } };
    writeFileSync(join(tmp, 'ok/huyen-b.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
    expect(collectProblems(file, join(tmp, 'ok'))).toEqual([]);
  });

  it('every wrong row of a crosswalk, each with its row and field', () => {
    const dir = join(tmp, 'rows');
    cpSync(VERSIONS, dir, { recursive: true });
    writeFileSync(join(dir, 'crosswalk.csv'), `${readFileSync(join(dir, 'crosswalk.csv'), 'utf8')}xa-5,10005,001,99,whole,x\nxa-1,10001,001,99,sometimes,x\n`);
    const rows = collectProblems(join(dir, 'province.json'), dir).filter((p) => p.file.endsWith('.csv'));
    expect(rows.map((p) => p.field)).toEqual(['row 4: district_2024_code', 'row 5: unit_2025_id', 'row 6: share']);
  });

  it('a dissolve naming an unknown part, a wrong id property of a version file and two wrong local targets, each with its field', () => {
    const file = fixed('dissolve', (p) => {
      p.geographies[1]!.from = '2025-01-01';
      p.geographies[1]!.boundaries.files[0]!.dissolve = [{ into: 'xa-2', parts: ['xa-2', 'xa-7'] }];
      p.geographies[0]!.boundaries.files[0]!.idProperty = 'ma';
      p.localTargets.push({ ...p.localTargets[0], indicator: 'khong-co' }, { ...p.localTargets[0], target: 200 });
    });
    const fields = collectProblems(file, join(tmp, 'dissolve')).map((p) => p.field);
    expect(fields).toContain('(dissolve into xa-2)');
    expect(fields).toContain('geographies[0].boundaries.files[0].idProperty');
    expect(fields).toEqual(expect.arrayContaining(['localTargets[1].indicator', 'localTargets[2].target']));
  });
});

// Each command starts tsx: seconds on a busy machine.
describe('npm run check on versioned provinces', { timeout: 60_000 }, () => {
  it('the broken fixture: three problems in three files, exit 1', async () => {
    const r = await runCli('check.ts', [join(VERSIONS, 'province.json'), '--geo-dir', VERSIONS]);
    expect(r.stdout).toMatch(/\n3 problem\(s\) in 3 file\(s\): the server would refuse this configuration\.\n$/);
    expect(r.code).toBe(1);
  });

  it('config/province.json passes with a summary of its versions', async () => {
    const r = await runCli('check.ts', ['config/province.json']);
    expect(r.stdout).toMatch(
      /\nok( \(\d+ warning\(s\)\))?: Đà Nẵng — 3 geography versions \(districts-2024: 26 area units, .*\) with boundaries, 1 crosswalk\(s\), \d+ departments, \d+ indicators\n$/,
    );
    expect(r.code).toBe(0);
  });

  it('a generated province file passes', async () => {
    const out = join(tmp, 'province-12.json');
    expect((await runCli('province.ts', ['12', '--out', out])).code).toBe(0);
    const r = await runCli('check.ts', [out]);
    expect(r.stdout).toMatch(/^ok: Lai Châu — \d+ area units with boundaries, \d+ departments, \d+ indicators\n$/);
    expect(r.code).toBe(0);
  });
});
