import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NATIONAL_NOW, writeCountry } from '../../tests/bench/national.js';
import { loadConfig } from '../config/load.js';
import type { AppConfig } from '../config/types.js';
import { applyDelta } from '../protocol/patch.js';
import { assessAll, countByKind } from '../risk/assess.js';
import { seriesOf } from '../risk/series.js';
import type { Point } from '../risk/trend.js';
import { LiveState } from './live.js';
import { mulberry32 } from '../../tests/helpers/random.js';
import type { TargetVersion } from '../store/rows.js';
import type { TaskReportRow, TaskVersionRow } from '../store/task-rows.js';
import { taskOwners } from '../tasks/deadline.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const dir = mkdtempSync(join(tmpdir(), 'ioc-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Drive a LiveState through seeded random steps (new readings, corrections, reports, target
 * versions, sometimes the dataClock moving) and after every step check that its state equals the
 * pure `assessAll` of the same data at that instant, and that the deltas rebuild it exactly.
 */
function check(
  config: AppConfig,
  start: number,
  steps: number,
  seed: number,
  history: readonly { unit: string; indicator: string; value: number; at: number }[] = [],
): { incremental: number; moves: number; reused: number } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let t = start;
  let systemTime = Date.parse('2026-01-01T00:00:00Z');
  const live = new LiveState(config, { now: () => t, demo: false }, () => systemTime);
  // The same data, kept independently of LiveState, for the pure engine.
  const readings = new Map<string, Map<string, Point[]>>();
  const reports = new Map<string, Map<string, number>>();
  const versions: TargetVersion[] = [];
  const tasks = { versions: [] as TaskVersionRow[], reports: [] as TaskReportRow[] };
  const put = (unit: string, indicator: string, p: Point) => {
    if (!readings.has(unit)) readings.set(unit, new Map());
    const byInd = readings.get(unit)!;
    const pts = byInd.get(indicator)?.filter((x) => x.t !== p.t) ?? [];
    pts.push(p);
    pts.sort((a, b) => a.t - b.t);
    byInd.set(indicator, pts);
  };
  live.addReadings(history);
  for (const r of history) put(r.unit, r.indicator, { t: r.at, v: r.value });
  live.recompute();
  let client = live.snapshot();
  const seen: { unit: string; indicator: string; value: number; at: number }[] = [];
  let incremental = 0;
  let moves = 0;
  let reused = 0;
  for (let step = 0; step < steps; step++) {
    const rows = [];
    for (let k = 0, n = 1 + Math.floor(rnd() * 3); k < n; k++) {
      // now and then a correction: the same series and instant, another value (the series changes in place)
      if (seen.length && rnd() < 0.15) {
        rows.push({ ...pick(seen), value: Math.round(rnd() * 1000) / 10 });
        continue;
      }
      const unit = pick(config.units);
      const indicator = pick(config.indicators.filter((i) => i.appliesTo.includes(unit.kind)));
      const at = t - Math.floor(rnd() * 200) * DAY - Math.floor(rnd() * 24) * HOUR;
      rows.push({ unit: unit.id, indicator: indicator.id, value: Math.round(rnd() * 1000) / 10, at });
    }
    seen.push(...rows);
    live.addReadings(rows);
    for (const r of rows) put(r.unit, r.indicator, { t: r.at, v: r.value });
    // The typed-array layout itself: corrections, out-of-order inserts, growth past the capacity.
    for (const r of rows) expect(live.unitInput(r.unit).readings.get(r.unit)!.get(r.indicator)!.points()).toEqual(readings.get(r.unit)!.get(r.indicator));
    if (rnd() < 0.15) {
      const r = { unit: pick(config.units).id, period: '2024-08', submittedAt: t - Math.floor(rnd() * 30) * DAY };
      live.addReports([r]);
      if (!reports.has(r.unit)) reports.set(r.unit, new Map());
      const prev = reports.get(r.unit)!.get(r.period);
      if (prev === undefined || r.submittedAt < prev) reports.get(r.unit)!.set(r.period, r.submittedAt);
    }
    if (rnd() < 0.05) {
      const ind = pick(config.indicators);
      const v: TargetVersion = {
        indicator: ind.id,
        target: ind.target,
        deadline: '2026-12-31',
        effectiveFrom: t - DAY,
        recordedAt: t,
        setBy: 'test',
        reason: 'moved',
      };
      live.addVersions([v]);
      versions.push(v);
    }
    // Task status reports (one owner's, or none named: every owner's) and now and then a moved deadline.
    if (config.tasks.tasks.length && rnd() < 0.15) {
      const def = pick(config.tasks.tasks);
      const status = pick(['not_started', 'in_progress', 'blocked', 'done', 'confirmed'] as const);
      const percent = status === 'done' || status === 'confirmed' ? 100 : Math.round(rnd() * 100);
      const unit = rnd() < 0.2 ? null : pick(taskOwners(def, config.geography));
      const row = { task: def.id, status, percent, reason: status === 'blocked' ? 'thiếu kinh phí' : null, note: null, evidence: null, milestonesDone: null };
      tasks.reports.push({ ...row, unit, reportedBy: 'test', receivedAt: t });
      live.addTasks({ reports: [tasks.reports.at(-1)!] });
    }
    if (config.tasks.tasks.length && rnd() < 0.04) {
      const def = pick(config.tasks.tasks);
      tasks.versions.push({
        task: def.id,
        definition: { ...def, deadline: pick(['2024-09', '2024-10-15', '2024-Q4']) },
        recordedAt: t,
        setBy: 'test',
        reason: 'gia hạn',
      });
      live.addTasks({ versions: [tasks.versions.at(-1)!] });
    }
    const moved = rnd() < 0.2;
    // Half the moves are a tick of a minute: most units keep their memoised assessment objects.
    if (moved) t += rnd() < 0.5 ? MINUTE : Math.floor(rnd() * 10) * DAY + HOUR;
    else incremental++;
    systemTime += 1000;

    const before = live.snapshot().units;
    const delta = live.recompute();
    const server = live.snapshot();
    if (moved) reused += server.units.filter((u, i) => u === before[i]).length;
    const expected = assessAll(config, { readings: seriesOf(readings), reports, versions, tasks }, t);
    expect(server.units, `step ${step}`).toEqual(expected);
    expect(server.counts, `step ${step}`).toEqual(countByKind(expected));
    client = applyDelta(client, delta);
    expect(client.units, `step ${step}`).toEqual(server.units);
    expect(client.counts, `step ${step}`).toEqual(server.counts);
    expect(client.indicators, `step ${step}`).toEqual(server.indicators);
    if (delta.units.some((p) => p.rank !== undefined)) moves++;
    for (const p of delta.units) expect(Object.keys(p).length, p.id).toBeGreaterThan(1);
  }
  return { incremental, moves, reused };
}

describe('LiveState: the incremental recompute gives the full result', () => {
  it('on the shipped province (24 units), 300 seeded steps', () => {
    const r = check(loadConfig('config/quang-nam-2024.json'), Date.parse('2024-08-31T08:00:00+07:00'), 300, 0x0611);
    // the sequence exercised both paths and re-ranked units
    expect(r.incremental).toBeGreaterThan(150);
    expect(r.moves).toBeGreaterThan(50);
  }, 60_000);

  it('on a synthetic country of 150 communes with 36 months of readings, 80 seeded steps', () => {
    const country = writeCountry(join(dir, 'c150'), { units: 150, indicators: 6, months: 36, seed: 7 });
    const r = check(loadConfig(country.configFile), NATIONAL_NOW, 80, 0x0612, country.rows());
    expect(r.incremental).toBeGreaterThan(40);
    expect(r.moves).toBeGreaterThan(20);
    // Full passes handed back units assessed before (memoised), and still equalled assessAll.
    expect(r.reused).toBeGreaterThan(100);
  }, 60_000);
});

describe('LiveState: the catch-up history', () => {
  it('is bounded by the unit patches it holds, not only by the number of deltas', () => {
    const country = writeCountry(join(dir, 'c300'), { units: 300, indicators: 3, months: 12, seed: 8 });
    let t = NATIONAL_NOW;
    const live = new LiveState(loadConfig(country.configFile), { now: () => t, demo: false });
    live.addReadings(country.rows());
    live.recompute();
    let patches = 0;
    let ticks = 0;
    // Ticks a day apart patch most units each; 20,000 patches fill the budget long before 2,000 deltas.
    while (patches < 60_000) {
      t += 86_400_000;
      patches += live.recompute().units.length;
      ticks++;
    }
    expect(ticks).toBeLessThan(2000);
    expect(live.since(live.seq - 1)).toHaveLength(1);
    // The oldest deltas were let go: a client that far behind gets a snapshot.
    expect(live.since(1)).toBeNull();
  }, 60_000);
});

describe('LiveState: a state taken from elsewhere (cluster follower) stays consistent', () => {
  it('after resumeFrom and adopt, its own recomputes still equal assessAll', () => {
    const config = loadConfig('config/quang-nam-2024.json');
    let t = Date.parse('2024-08-31T08:00:00+07:00');
    const dataClock = { now: () => t, demo: false };
    const leader = new LiveState(config, dataClock);
    const follower = new LiveState(config, dataClock);
    const readings = new Map<string, Map<string, Point[]>>();
    const add = (live: LiveState[], unit: string, indicator: string, value: number, at: number) => {
      for (const l of live) l.addReadings([{ unit, indicator, value, at }]);
      if (!readings.has(unit)) readings.set(unit, new Map());
      readings.get(unit)!.set(
        indicator,
        [...(readings.get(unit)!.get(indicator) ?? []), { t: at, v: value }].sort((a, b) => a.t - b.t),
      );
    };
    add([leader, follower], 'tam-ky', 'online-dossier-rate', 30, t - 40 * DAY);
    leader.recompute();
    follower.resumeFrom(leader.snapshot());
    follower.onDelta(() => {});
    // The leader goes on; the follower adopts its deltas (and indexes the same readings).
    const rnd = mulberry32(7);
    for (let i = 0; i < 20; i++) {
      const unit = config.units[Math.floor(rnd() * config.units.length)]!;
      const ind = config.indicators.filter((x) => x.appliesTo.includes(unit.kind))[0]!;
      add([leader, follower], unit.id, ind.id, Math.round(rnd() * 1000) / 10, t - Math.floor(rnd() * 90) * DAY - i * HOUR);
      follower.adopt(leader.recompute());
    }
    expect(follower.snapshot().units).toEqual(leader.snapshot().units);
    // The follower takes over: its own recomputes (dataClock still, then moving) match the pure engine.
    add([follower], 'hoi-an', 'online-dossier-rate', 44, t - 2 * DAY);
    follower.recompute();
    expect(follower.snapshot().units).toEqual(assessAll(config, { readings: seriesOf(readings), reports: new Map() }, t));
    add([follower], 'hoi-an', 'online-dossier-rate', 46, t - DAY);
    follower.recompute();
    expect(follower.snapshot().units).toEqual(assessAll(config, { readings: seriesOf(readings), reports: new Map() }, t));
    t += 3 * DAY;
    follower.recompute();
    expect(follower.snapshot().units).toEqual(assessAll(config, { readings: seriesOf(readings), reports: new Map() }, t));
    expect(follower.snapshot().counts).toEqual(countByKind(follower.snapshot().units));
  });
});

describe('LiveState: a write on a moving data clock', () => {
  it('is assessed at the last pass’s instant (incremental) unless its data is newer or the pass is over a minute old', () => {
    const config = loadConfig('config/quang-nam-2024.json');
    const start = Date.parse('2024-08-31T08:00:00+07:00');
    let t = start;
    const live = new LiveState(config, { now: () => t, demo: false });
    const readings = new Map<string, Map<string, Point[]>>();
    const reports = new Map<string, Map<string, number>>();
    const add = (unit: string, indicator: string, at: number, value: number) => {
      live.addReadings([{ unit, indicator, at, value }]);
      if (!readings.has(unit)) readings.set(unit, new Map());
      const pts = readings.get(unit)!.get(indicator) ?? [];
      readings.get(unit)!.set(
        indicator,
        [...pts, { t: at, v: value }].sort((a, b) => a.t - b.t),
      );
    };
    const asOf = (d: { asOf: string }) => Date.parse(d.asOf);

    // The real dataClock moves every millisecond: a write a few seconds after the tick stays at the tick's instant.
    t += 3_000;
    add('tam-ky', 'land-database', start - 10 * DAY, 40);
    const d1 = live.recompute('data');
    expect(asOf(d1)).toBe(start);
    // Only Tam Kỳ is assessed again; others may only move in the ranking (its task counts in its score).
    expect(d1.units.filter((u) => Object.keys(u).some((k) => k !== 'id' && k !== 'rank' && k !== 'kindRank')).map((u) => u.id)).toEqual(['tam-ky']);
    expect(live.snapshot().units).toEqual(assessAll(config, { readings: seriesOf(readings), reports }, start));

    // A reading dated after that instant: every unit at now, so the reading shows.
    t += 2_000;
    add('que-son', 'land-database', t - 1_000, 55);
    const d2 = live.recompute('data');
    expect(asOf(d2)).toBe(t);
    expect(live.snapshot().units).toEqual(assessAll(config, { readings: seriesOf(readings), reports }, t));

    // A report filed now is newer than the pass: the same.
    t += 1_000;
    live.addReports([{ unit: 'que-son', period: '2024-07', submittedAt: t }]);
    reports.set('que-son', new Map([['2024-07', t]]));
    expect(asOf(live.recompute('data'))).toBe(t);

    // Over a minute after the last pass, a write moves time too.
    const pass = t;
    t += 30_000;
    add('dien-ban', 'land-database', start - 5 * DAY, 60);
    expect(asOf(live.recompute('data'))).toBe(pass);
    t += 61_000;
    add('dien-ban', 'land-database', start - 4 * DAY, 61);
    expect(asOf(live.recompute('data'))).toBe(t);
    expect(live.snapshot().units).toEqual(assessAll(config, { readings: seriesOf(readings), reports }, t));

    // The tick always moves time.
    t += 1_000;
    expect(asOf(live.recompute())).toBe(t);
  });
});
