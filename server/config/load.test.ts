import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thrown } from '../../tests/helpers/fixtures.js';
import { ConfigError, loadConfig } from './load.js';

const PROVINCE = resolve('config/quang-nam-2024.json');
const CATALOGUE = resolve('config/indicators-de-an-06.json');
const DISPLAY = resolve('config/display.json');

type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;

/** Loading `file` fails with a message that names `named` (the file at fault) and says each of `says`. */
function expectRefusal(file: string, says: (string | RegExp)[], named = file): ConfigError {
  const err = thrown(() => loadConfig(file), ConfigError);
  expect(err.file).toBe(named);
  expect(err.message).toContain(named);
  for (const s of says) expect(err.message).toMatch(s);
  return err;
}

/** As expectRefusal, and the message names `field` too. */
const expectMistake = (file: string, field: string, says: (string | RegExp)[], named = file): void =>
  expect(expectRefusal(file, says, named).field).toBe(field);

describe('loadConfig: the shipped configuration', () => {
  it('loads Quảng Nam: 18 area units, 6 departments, 8 indicators, Asia/Ho_Chi_Minh', () => {
    const cfg = loadConfig('config/quang-nam-2024.json');
    expect(cfg.file).toBe(PROVINCE);
    expect(cfg.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(cfg.province.id).toBe('quang-nam');
    expect(cfg.units.filter((u) => u.kind === 'area')).toHaveLength(18);
    expect(cfg.units.filter((u) => u.kind === 'department')).toHaveLength(6);
    expect(cfg.units).toHaveLength(24);
    expect(cfg.indicators).toHaveLength(8);
    expect(new Set(cfg.units.map((u) => u.id)).size).toBe(24);
    for (const i of cfg.indicators) {
      expect(i.target).toBeGreaterThanOrEqual(i.min);
      expect(i.target).toBeLessThanOrEqual(i.max);
    }
    expect(cfg.units.find((u) => u.id === 'tam-ky')).toMatchObject({ kind: 'area', code: '502', name: { vi: 'Tam Kỳ' } });
    expect(cfg.units.find((u) => u.id === 'so-tu-phap')).toMatchObject({ kind: 'department', code: null });
    expect(cfg.boundaries).toMatchObject({ file: 'quang-nam-districts.geojson', idProperty: 'id' });
    expect(cfg.demoFile).toBe(resolve('config/demo/quang-nam-2024.json'));
  });
});

describe('loadConfig: mistakes name the file, the field and what was expected', () => {
  let dir: string;
  let province: Json;
  let catalogue: Json;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-config-'));
    province = readJson(PROVINCE);
    catalogue = readJson(CATALOGUE);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Write the (modified) province file and catalogue into the temp dir; returns the province path. */
  function write(p: Json = province, c: Json | null = catalogue): string {
    const file = join(dir, 'province.json');
    writeFileSync(file, JSON.stringify(p, null, 2));
    if (c) writeFileSync(join(dir, 'indicators-de-an-06.json'), JSON.stringify(c, null, 2));
    copyFileSync(DISPLAY, join(dir, 'display.json'));
    return file;
  }
  const units = (): Json[] => province.units as Json[];
  const indicators = (): Json[] => catalogue.indicators as Json[];

  it('an unmodified copy in another folder loads (the catalogue is resolved beside the province file)', () => {
    copyFileSync(PROVINCE, join(dir, 'province.json'));
    copyFileSync(CATALOGUE, join(dir, 'indicators-de-an-06.json'));
    copyFileSync(DISPLAY, join(dir, 'display.json'));
    copyFileSync(resolve('config/tasks-quang-nam-2024.json'), join(dir, 'tasks-quang-nam-2024.json'));
    const cfg = loadConfig(join(dir, 'province.json'));
    expect(cfg.units).toHaveLength(24);
    expect(cfg.indicators).toHaveLength(8);
  });

  it('missing file', () => {
    expectRefusal(join(dir, 'nope.json'), [/cannot read the file \(ENOENT\)/]);
  });

  it('invalid JSON', () => {
    const file = join(dir, 'province.json');
    writeFileSync(file, '{ "province": ');
    expectRefusal(file, [/expected valid JSON/]);
  });

  it('wrong type: units[2].name.vi is a number', () => {
    (units()[2]!.name as Json).vi = 42;
    expectMistake(write(), 'units[2].name.vi', ['units[2].name.vi', /expected string/i]);
  });

  it('bad time zone', () => {
    province.timezone = 'Asia/Hanoi_City';
    expectMistake(write(), 'timezone', ['IANA time zone', 'Asia/Hanoi_City']);
  });

  it('duplicate unit id', () => {
    units()[5]!.id = 'tam-ky';
    expectMistake(write(), 'units[5].id', [/unique id, "tam-ky" appears twice/]);
  });

  it('duplicate id between a unit and a department', () => {
    (province.departments as Json[])[0]!.id = 'hoi-an';
    expectMistake(write(), 'departments[0].id', ['"hoi-an" is also a unit']);
  });

  it('indicator target outside [min, max] (the error names the catalogue file)', () => {
    indicators()[3]!.target = 120;
    expectMistake(write(), 'indicators[3].target', ['expected target within [min, max]'], join(dir, 'indicators-de-an-06.json'));
  });

  it('missing indicator catalogue file', () => {
    expectRefusal(write(province, null), [/cannot read the file \(ENOENT\)/], join(dir, 'indicators-de-an-06.json'));
  });

  it('unknown extra key in a unit', () => {
    units()[1]!.colour = 'red';
    expectMistake(write(), 'units[1]', ['units[1]', /unrecognized key.*colour/i]);
  });

  it('unknown extra key at the top level', () => {
    province.colours = {};
    expectMistake(write(), '', ['(top level)', /unrecognized key.*colours/i]);
  });
});

describe('display config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-display-'));
    copyFileSync(PROVINCE, join(dir, 'province.json'));
    copyFileSync(CATALOGUE, join(dir, 'indicators-de-an-06.json'));
    copyFileSync(resolve('config/tasks-quang-nam-2024.json'), join(dir, 'tasks-quang-nam-2024.json'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const withDisplay = (d: Json) => {
    writeFileSync(join(dir, 'display.json'), JSON.stringify(d));
    return join(dir, 'display.json');
  };

  it('loads the shipped playlists', () => {
    copyFileSync(DISPLAY, join(dir, 'display.json'));
    const cfg = loadConfig(join(dir, 'province.json'));
    expect(cfg.display.playlists[cfg.display.defaultPlaylist]!.length).toBeGreaterThan(3);
  });
  it('names an unknown indicator in a playlist', () => {
    const file = withDisplay({ playlists: { a: [{ scene: 'indicator', indicator: 'nope', seconds: 5 }] }, defaultPlaylist: 'a' });
    expect(() => loadConfig(join(dir, 'province.json'))).toThrow(`${file}: playlists.a[0].indicator: expected an indicator id from the catalogue, got "nope"`);
  });
  it('names a default playlist that does not exist', () => {
    const file = withDisplay({ playlists: { a: [{ scene: 'overview', seconds: 5 }] }, defaultPlaylist: 'b' });
    expect(() => loadConfig(join(dir, 'province.json'))).toThrow(`${file}: defaultPlaylist: expected one of the playlists (a)`);
  });
  it('names an unknown scene kind', () => {
    withDisplay({ playlists: { a: [{ scene: 'fireworks', seconds: 5 }] }, defaultPlaylist: 'a' });
    expect(() => loadConfig(join(dir, 'province.json'))).toThrow(/playlists\.a\[0\]\.scene/);
  });
});
