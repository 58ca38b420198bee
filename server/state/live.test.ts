import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { DataClock } from '../time/clock.js';
import { applyDelta } from '../protocol/patch.js';
import type { Delta, Snapshot, UnitState } from '../protocol/state.js';
import { LiveState } from './live.js';
import { mulberry32 } from '../../tests/helpers/random.js';

const config = loadConfig('config/quang-nam-2024.json');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2024-08-31T08:00:00.000+07:00');

const unitOf = (s: Snapshot | UnitState[], id: string): UnitState => {
  const units = Array.isArray(s) ? s : s.units;
  const u = units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
};

describe('LiveState', () => {
  let t: number;
  let systemTime: number;
  let dataClock: DataClock;
  let live: LiveState;

  beforeEach(() => {
    t = START;
    systemTime = Date.parse('2026-01-01T00:00:00Z');
    dataClock = { now: () => t, demo: false };
    live = new LiveState(config, dataClock, () => systemTime);
  });

  it('starts at seq 0 with every configured unit assessed at the dataClock', () => {
    const s = live.snapshot();
    expect(live.seq).toBe(0);
    expect(s.seq).toBe(0);
    expect(s.demo).toBe(false);
    expect(s.asOf).toBe('2024-08-31T08:00:00.000+07:00');
    expect(s.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(s.units.map((u) => u.id)).toEqual(expect.arrayContaining(config.units.map((u) => u.id)));
    expect(s.units).toHaveLength(24);
    expect(s.indicators.map((i) => i.id)).toEqual(config.indicators.map((i) => i.id));
    // min/max/staleDays stay on the server
    for (const i of s.indicators) for (const k of ['min', 'max', 'staleDays']) expect(i).not.toHaveProperty(k);
    expect(s.province).toMatchObject({ id: 'quang-nam', timezone: 'Asia/Ho_Chi_Minh' });
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(sum(s.counts.area)).toBe(18);
    expect(sum(s.counts.department)).toBe(6);
    // nothing reported yet: no indicator is met or on track
    for (const u of s.units) for (const i of u.indicators) expect(i.level).toBe('no_data');
  });

  it('reports the demo flag of its dataClock', () => {
    expect(new LiveState(config, { now: () => t, demo: true }).snapshot().demo).toBe(true);
  });

  it('every recompute bumps seq by one and returns a delta with that seq', () => {
    const d1 = live.recompute();
    expect(d1.seq).toBe(1);
    expect(live.seq).toBe(1);
    expect(live.snapshot().seq).toBe(1);
    const d2 = live.recompute();
    expect(d2.seq).toBe(2);
    expect(live.snapshot().seq).toBe(2);
  });

  it('a recompute with nothing new is an empty delta (no units, no counts)', () => {
    systemTime += 1000;
    const d = live.recompute();
    expect(d).toEqual({ seq: 1, generatedAt: new Date(systemTime).toISOString(), asOf: '2024-08-31T08:00:00.000+07:00', units: [] });
  });

  it('a new reading patches the affected unit with only the changed indicator; others at most move in rank', () => {
    live.addReadings([{ unit: 'tam-ky', indicator: 'online-dossier-rate', value: 30, at: START - 10 * DAY }]);
    const before = live.snapshot();
    live.recompute();
    live.addReadings([{ unit: 'tam-ky', indicator: 'online-dossier-rate', value: 42, at: START - DAY }]);
    const d = live.recompute();
    const mine = d.units.find((p) => p.id === 'tam-ky');
    expect(mine).toBeDefined();
    expect(mine!.indicators?.map((i) => i.id)).toEqual(['online-dossier-rate']);
    expect(mine!.indicators![0]).toMatchObject({ value: 42, readings: 2 });
    for (const p of d.units.filter((x) => x.id !== 'tam-ky')) {
      expect(Object.keys(p).sort().join(','), p.id).toMatch(/^id(,rank)?$/);
    }
    // the reading changed the data, not the unrelated units
    expect(unitOf(live.snapshot(), 'hoi-an').indicators).toEqual(unitOf(before, 'hoi-an').indicators);
  });

  it('the first reading of a unit changes its level counts and sends them', () => {
    const before = live.snapshot().counts;
    // hoi-an is off track for its missing report; a first figure below target after the indicator's deadline (30/06) makes it overdue.
    expect(unitOf(live.snapshot(), 'hoi-an').level).toBe('off_track');
    live.addReadings([{ unit: 'hoi-an', indicator: 'igate-entry', value: 0, at: START - 20 * DAY }]);
    const d = live.recompute();
    const after = live.snapshot().counts;
    expect(unitOf(live.snapshot(), 'hoi-an').level).toBe('overdue');
    expect(d.units.find((p) => p.id === 'hoi-an')?.indicators?.map((i) => i.id)).toEqual(['igate-entry']);
    expect(after.area.off_track).toBe(before.area.off_track - 1);
    expect(after.area.overdue).toBe(before.area.overdue + 1);
    expect(d.counts).toEqual(after);
  });

  it('a reading at the same instant as an existing one replaces it (a correction)', () => {
    const at = START - 2 * DAY;
    live.addReadings([{ unit: 'dai-loc', indicator: 'land-database', value: 55, at }]);
    live.recompute();
    expect(unitOf(live.snapshot(), 'dai-loc').indicators.find((i) => i.id === 'land-database')).toMatchObject({ value: 55, readings: 1 });
    live.addReadings([{ unit: 'dai-loc', indicator: 'land-database', value: 65, at }]);
    const d = live.recompute();
    expect(d.units.find((p) => p.id === 'dai-loc')?.indicators).toEqual([expect.objectContaining({ id: 'land-database', value: 65, readings: 1 })]);
    expect(unitOf(live.snapshot(), 'dai-loc').indicators.find((i) => i.id === 'land-database')).toMatchObject({ value: 65, readings: 1 });
  });

  it('readings added out of order are kept in time order (the latest is the current value)', () => {
    live.addReadings([
      { unit: 'que-son', indicator: 'online-payment-rate', value: 60, at: START - DAY },
      { unit: 'que-son', indicator: 'online-payment-rate', value: 20, at: START - 60 * DAY },
      { unit: 'que-son', indicator: 'online-payment-rate', value: 40, at: START - 30 * DAY },
    ]);
    live.recompute();
    expect(unitOf(live.snapshot(), 'que-son').indicators.find((i) => i.id === 'online-payment-rate')).toMatchObject({ value: 60, readings: 3 });
  });

  it('onDelta listeners receive each delta and can unsubscribe', () => {
    const a: Delta[] = [];
    const b: Delta[] = [];
    const offA = live.onDelta((d) => a.push(d));
    live.onDelta((d) => b.push(d));
    const d1 = live.recompute();
    offA();
    const d2 = live.recompute();
    expect(a).toEqual([d1]);
    expect(b).toEqual([d1, d2]);
    expect(a[0]).toBe(d1);
  });

  it('applying every delta to the previous snapshot gives the next snapshot (20 seeded random steps)', () => {
    const rnd = mulberry32(0x06_2024);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const deltas: Delta[] = [];
    live.onDelta((d) => deltas.push(d));
    let client = live.snapshot();
    const seenAt: { unit: string; indicator: string; at: number }[] = [];

    for (let step = 0; step < 20; step++) {
      const n = 1 + Math.floor(rnd() * 3);
      const rows = [];
      for (let k = 0; k < n; k++) {
        // now and then a correction of an earlier reading, otherwise a new one
        if (seenAt.length && rnd() < 0.15) {
          const old = pick(seenAt);
          rows.push({ ...old, value: Math.round(rnd() * 1000) / 10 });
          continue;
        }
        const unit = pick(config.units);
        const indicator = pick(config.indicators.filter((i) => i.appliesTo.includes(unit.kind)));
        const at = t - Math.floor(rnd() * 120) * DAY - Math.floor(rnd() * 24) * HOUR;
        const value = Math.round(rnd() * 1000) / 10;
        rows.push({ unit: unit.id, indicator: indicator.id, value, at });
        seenAt.push({ unit: unit.id, indicator: indicator.id, at });
      }
      live.addReadings(rows);
      if (rnd() < 0.3) t += Math.floor(rnd() * 20) * DAY; // the data dataClock moves on (deadlines pass)
      if (rnd() < 0.2) live.addReports([{ unit: pick(config.units).id, period: '2024-08', submittedAt: t - DAY }]);
      systemTime += 1000;

      const delta = live.recompute();
      expect(delta.seq).toBe(client.seq + 1);
      client = applyDelta(client, delta);
      const server = live.snapshot();
      expect(client.seq).toBe(server.seq);
      expect(client.asOf).toBe(server.asOf);
      expect(client.generatedAt).toBe(server.generatedAt);
      expect(client.units, `step ${step}`).toEqual(server.units);
      expect(client.counts, `step ${step}`).toEqual(server.counts);
      // a delta only lists units that actually changed
      for (const p of delta.units) expect(Object.keys(p).length, p.id).toBeGreaterThan(1);
    }
    expect(deltas.map((d) => d.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // the sequence did produce changes and crossed levels
    expect(deltas.some((d) => d.counts)).toBe(true);
    expect(new Set(live.snapshot().units.flatMap((u) => u.indicators.map((i) => i.level))).size).toBeGreaterThan(2);
  });
});
