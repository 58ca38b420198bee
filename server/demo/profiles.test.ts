import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { loadScenario } from './profiles.js';

const GEO = resolve(process.env.IOC_GEO_DIR ?? resolve(import.meta.dirname, '../../../shared/geo'));
const NOW = Date.parse('2026-11-29T10:00:00+07:00');
const config = loadConfig('config/province.json');

/** The parts of the scenario file these tests change. */
interface Editable {
  clockStart: string;
  units: Record<string, unknown>;
  today: { units: Record<string, unknown>; fromPredecessors: { shift: Record<string, number> } };
}

/** The shipped Đà Nẵng scenario changed by `edit`, in a temp file. */
function scenarioWith(edit: (s: Editable) => void): string {
  const s = JSON.parse(readFileSync('config/demo/da-nang.json', 'utf8')) as Editable;
  edit(s);
  const file = join(mkdtempSync(join(tmpdir(), 'ioc-demo-')), 'demo.json');
  writeFileSync(file, JSON.stringify(s));
  return file;
}
const load = (file: string) => loadScenario(file, config, { geoDir: GEO, now: NOW });

describe('the demo scenario is validated with errors naming the field', () => {
  it('derives a profile for every reporting 2025 unit from its predecessor district', () => {
    const s = load('config/demo/da-nang.json');
    const reporting = config.geography.versions.at(-1)!.units.filter((u) => u.reporting);
    expect(reporting).toHaveLength(93);
    for (const u of reporting) expect(s.today!.units[u.id], u.id).toBeDefined();
    expect(s.today!.units['dac-khu-hoang-sa']).toBeUndefined();
    // Seeded: the same file gives the same profiles.
    expect(load('config/demo/da-nang.json').today!.units).toEqual(s.today!.units);
  });

  it('a fixed clockStart stays as written; "now" becomes the given instant', () => {
    const qn = loadConfig('config/quang-nam-2024.json');
    const s = loadScenario(qn.demoFile!, qn, { geoDir: GEO, now: NOW });
    expect([s.clockStart, s.fromNow]).toEqual(['2024-08-31T08:00:00+07:00', false]);
    expect(Date.parse(load('config/demo/da-nang.json').clockStart)).toBe(NOW);
  });

  it('refuses a bad clockStart', () => {
    const file = scenarioWith((s) => (s.clockStart = 'tomorrow'));
    expect(() => load(file)).toThrow(`${file}: clockStart: expected "now" or a date-time with offset`);
  });

  it('refuses an unknown unit id in units and in today.units', () => {
    const a = scenarioWith((s) => (s.units['nowhere'] = { base: 'met' }));
    expect(() => load(a)).toThrow(`${a}: units.nowhere: expected a unit id of the province config`);
    const b = scenarioWith((s) => (s.today.units['tam-ky'] = { base: 'met' }));
    expect(() => load(b)).toThrow(`${b}: today.units.tam-ky: expected a unit id of geography "communes-2025" or a department`);
  });

  it('refuses a profile for a unit that does not report (Hoàng Sa)', () => {
    const file = scenarioWith((s) => (s.today.units['dac-khu-hoang-sa'] = { base: 'met' }));
    expect(() => load(file)).toThrow(`${file}: today.units.dac-khu-hoang-sa: expected a reporting unit (dac-khu-hoang-sa is marked not reporting`);
  });

  it('refuses a bad shift', () => {
    const file = scenarioWith((s) => (s.today.fromPredecessors.shift['49'] = 9));
    expect(() => load(file)).toThrow(`${file}: today.fromPredecessors.shift.49:`);
  });
});
