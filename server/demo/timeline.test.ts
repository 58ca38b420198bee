import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { AppConfig } from '../config/types.js';
import { reportOwed, unitById } from '../geography/index.js';
import type { NewReading, NewReport } from '../store/rows.js';
import { loadScenario } from './profiles.js';
import type { Scenario } from './scenario.js';
import { demoHistory, demoReports } from './timeline.js';

const GEO = resolve(process.env.IOC_GEO_DIR ?? resolve(import.meta.dirname, '../../../shared/geo'));
/** The demo's "now" in these tests: late November 2026. */
const NOW = Date.parse('2026-11-29T10:00:00+07:00');
const SPLIT = Date.parse('2025-07-01T00:00:00+07:00');

let config: AppConfig;
let scenario: Scenario;
let readings: NewReading[];
let reports: NewReport[];
const of = (unit: string) => readings.filter((r) => r.unit === unit);

beforeAll(() => {
  config = loadConfig('config/province.json');
  scenario = loadScenario(config.demoFile!, config, { geoDir: GEO, now: NOW });
  readings = demoHistory(config, scenario);
  reports = demoReports(config, scenario, Number.NEGATIVE_INFINITY, NOW);
});

describe('the Đà Nẵng demo from 2024 to now', () => {
  it('runs from "now": the clock starts at the given real time', () => {
    expect(scenario.fromNow).toBe(true);
    expect(Date.parse(scenario.clockStart)).toBe(NOW);
    expect(Math.max(...readings.map((r) => r.at))).toBeLessThan(NOW);
  });

  it('has history back to January 2024 on the 2024 districts, and the 2024 seed moment in it', () => {
    const tamKy = of('tam-ky');
    expect(Math.min(...tamKy.map((r) => r.at))).toBeLessThan(Date.parse('2024-02-01T00:00:00+07:00'));
    expect(tamKy.some((r) => r.at > Date.parse('2024-08-01T00:00:00+07:00') && r.at < Date.parse('2024-09-15T00:00:00+07:00'))).toBe(true);
  });

  it('gives a 2025 commune readings from 1 Jul 2025 only', () => {
    for (const id of ['phuong-tam-ky', 'xa-que-son', 'phuong-hai-chau']) {
      const rs = of(id);
      expect(rs.length).toBeGreaterThan(0);
      expect(Math.min(...rs.map((r) => r.at))).toBeGreaterThanOrEqual(SPLIT);
    }
  });

  it('stops each 2024 district at the end of its validity (Nông Sơn on 31 Dec 2024, the others on 30 Jun 2025)', () => {
    expect(Math.max(...of('nong-son').map((r) => r.at))).toBeLessThan(Date.parse('2025-01-01T00:00:00+07:00'));
    expect(Math.max(...of('que-son').map((r) => r.at))).toBeGreaterThan(Date.parse('2025-01-01T00:00:00+07:00'));
    for (const id of ['tam-ky', 'que-son', 'hai-chau']) expect(Math.max(...of(id).map((r) => r.at))).toBeLessThan(SPLIT);
  });

  it("makes every reading within its unit's validity", () => {
    const units = new Map([...new Set(readings.map((r) => r.unit))].map((id) => [id, unitById(config.geography, id)!]));
    for (const r of readings) {
      const u = units.get(r.unit)!;
      expect(r.at >= u.start && r.at < u.end, `${r.unit} at ${new Date(r.at).toISOString()}`).toBe(true);
    }
  });

  it('never makes data for Hoàng Sa (not reporting)', () => {
    expect([...readings, ...reports].filter((r) => r.unit === 'hoang-sa' || r.unit === 'dac-khu-hoang-sa')).toEqual([]);
  });

  it('files monthly reports only where one is owed', () => {
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports)
      expect(reportOwed(unitById(config.geography, r.unit)!, r.period, config.reporting.since, config.timezone), `${r.unit} ${r.period}`).toBe(true);
    expect(reports.some((r) => r.unit === 'phuong-tam-ky' && r.period < '2025-07')).toBe(false);
    expect(reports.some((r) => r.unit === 'nong-son' && r.period > '2024-12')).toBe(false);
  });

  it('tells the 2024 Quảng Nam story as the 2024 demo does (same readings for the 18 districts before the seed moment)', () => {
    const qnConfig = loadConfig('config/quang-nam-2024.json');
    const qn = demoHistory(qnConfig, loadScenario(qnConfig.demoFile!, qnConfig, { geoDir: GEO, now: NOW }));
    const before = (r: NewReading) => r.at < Date.parse('2024-08-01T00:00:00+07:00');
    const key = (r: NewReading) => `${r.unit}|${r.indicator}|${r.at}|${r.value}`;
    const mine = new Set(readings.filter(before).map(key));
    const theirs = qn.filter((r) => before(r) && qnConfig.units.some((u) => u.id === r.unit && u.kind === 'area'));
    expect(theirs.length).toBeGreaterThan(100);
    expect(theirs.filter((r) => !mine.has(key(r)))).toEqual([]);
  });

  it("shows a strong urban core and lagging former Quảng Nam communes at the demo's now", () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Share of the target reached by each unit's last reading, averaged over its indicators.
    const latest = (ids: string[]) =>
      ids.map((id) => {
        const last = new Map<string, NewReading>();
        for (const r of of(id)) if ((last.get(r.indicator)?.at ?? -1) < r.at) last.set(r.indicator, r);
        return [...last.values()].reduce((s, r) => s + Math.min(1, r.value / 100), 0) / Math.max(1, last.size);
      });
    // Each 2025 unit by the province of the district its profile came from (the derived profile's note).
    const from = (province: string) =>
      config.geography.versions
        .at(-1)!
        .units.filter((u) => u.reporting && (scenario.today!.units[u.id]?.note ?? '').startsWith('from '))
        .filter((u) => unitById(config.geography, scenario.today!.units[u.id]!.note!.split(' ')[1]!)?.province === province)
        .map((u) => u.id);
    const oldDaNang = from('48');
    const quangNam = from('49');
    expect(oldDaNang.length).toBeGreaterThanOrEqual(10);
    expect(quangNam.length).toBeGreaterThanOrEqual(60);
    expect(median(latest(oldDaNang))).toBeGreaterThan(median(latest(quangNam)) + 0.05);
  });
});
