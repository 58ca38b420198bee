import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectProblems } from '../../server/ops/problems.js';
import { ringFlaw } from '../../server/ops/rings.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, SHARED_GEO } from '../helpers/server.js';

const BROKEN = resolve(ROOT, 'tests/fixtures/ops/broken');
const file = (name: string) => resolve(BROKEN, name);

describe('collectProblems: every problem at once, without starting the server', () => {
  const problems = collectProblems(file('province.json'), BROKEN);
  const find = (f: string, field: string) => problems.find((p) => p.file === file(f) && p.field === field);

  it('schema problems of the province file, each with its field', () => {
    expect(find('province.json', 'units[1].name.vi')?.expected).toMatch(/expected string, received number/);
    expect(find('province.json', 'deparments')).toMatchObject({
      expected: expect.stringMatching(/Unrecognized key/),
      fix: expect.stringMatching(/remove "deparments"/),
    });
  });

  it('ids under another property: says which property to set', () => {
    expect(find('province.json', 'boundaries.idProperty')?.fix).toBe('set `boundaries.idProperty` to "ma" (its values are the unit ids)');
  });

  it('latitude,longitude swapped', () => {
    expect(find('boundaries.geojson', 'features[0] (doi-may).geometry.coordinates')).toMatchObject({
      expected: 'coordinates look like latitude,longitude swapped',
      fix: expect.stringMatching(/\[longitude, latitude\]/),
    });
  });

  it('a bowtie ring is a warning (the server accepts it) with the place it crosses', () => {
    expect(find('boundaries.geojson', 'features[1] (ben-da).geometry.coordinates[0]')).toMatchObject({
      expected: 'expected a simple ring; it crosses itself at [106.166667, 10.066667]',
      warning: true,
      fix: expect.stringMatching(/npm run geo/),
    });
  });

  it('the display file: freshness and an indicator that is not in the catalogue', () => {
    expect(find('display.json', 'staleAfterSeconds')?.expected).toMatch(/at least twice heartbeatSeconds \(20\)/);
    expect(find('display.json', 'playlists.default[1].indicator')?.fix).toBe('one of: ho-so-truc-tuyen, ho-so-tre-han');
  });

  it('nothing else: six problems and one warning', () => {
    expect(problems.filter((p) => !p.warning)).toHaveLength(6);
    expect(problems.filter((p) => p.warning)).toHaveLength(1);
  });

  it('a missing boundary file names the folder it was looked for in', () => {
    const [p] = collectProblems(file('province.json'), resolve(BROKEN, 'nowhere')).filter((x) => x.field === '(file)');
    expect(p?.expected).toMatch(/boundary file \(looked for in .*nowhere; set IOC_GEO_DIR or --geo-dir\) \(ENOENT\)/);
  });

  it('the shipped configuration has no problem (its self-touching rings are warnings)', () => {
    const shipped = collectProblems(resolve(ROOT, 'config/province.json'), SHARED_GEO);
    expect(shipped.filter((p) => !p.warning)).toEqual([]);
  });
});

describe('ringFlaw', () => {
  const square = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  it('a simple ring has none; a touching one and a crossing one are found', () => {
    expect(ringFlaw(square)).toBeNull();
    expect(
      ringFlaw([
        [0, 0],
        [1, 1],
        [2, 0],
        [2, 2],
        [1, 1],
        [0, 2],
        [0, 0],
      ]),
    ).toEqual({ kind: 'touches', at: [1, 1] });
    expect(
      ringFlaw([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    ).toEqual({ kind: 'crosses', at: [1, 1] });
  });
});

// Each command starts tsx: seconds on a busy machine.
describe('npm run check', { timeout: 30_000 }, () => {
  it('prints every problem grouped by file with its fix, and exits 1', async () => {
    const r = await runCli('check.ts', ['tests/fixtures/ops/broken/province.json', '--geo-dir', BROKEN]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  boundaries.idProperty: expected the feature property that holds the unit ids');
    expect(r.stdout).toContain('    fix: set `boundaries.idProperty` to "ma"');
    expect(r.stdout).toContain('  warning: features[1] (ben-da)');
    expect(r.stdout).toMatch(/6 problem\(s\) and 1 warning\(s\) in 3 file\(s\): the server would refuse this configuration\.\n$/);
  });

  it('exits 0 for a good configuration', async () => {
    const r = await runCli('check.ts', ['tests/fixtures/tiny/province.json', '--geo-dir', 'tests/fixtures/tiny']);
    expect(r.stdout).toBe('ok: Tỉnh Thử Nghiệm — 3 area units with boundaries, 1 departments, 2 indicators\n');
    expect(r.code).toBe(0);
  });
});
