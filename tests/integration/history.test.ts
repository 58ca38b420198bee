import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, UnitDetail } from '../../server/protocol/index.js';
import { DEMO_NOW, manualClock, post, startServer, type TestServer } from '../helpers/server.js';

const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as T };
};

describe('the time machine: state and unit detail as of a past instant', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  it('a unit that changed since shows its earlier level as of before the change', async () => {
    const before = new Date(DEMO_NOW - 60_000).toISOString();
    const live0 = srv.state.snapshot().units.find((u) => u.id === 'que-son')!;
    expect(live0.level).not.toBe('met');
    // Quế Sơn files figures at the target for every indicator now: it turns met.
    const ids = live0.indicators.map((i) => i.id);
    const targets = new Map(srv.state.snapshot().indicators.map((i) => [i.id, i.target]));
    const res = await post(srv.url, '/api/readings', {
      readings: ids.map((id) => ({ unit: 'que-son', indicator: id, value: targets.get(id), at: new Date(DEMO_NOW).toISOString() })),
    });
    expect(res.status).toBe(200);
    await post(srv.url, '/api/reports', { unit: 'que-son', period: '2024-07', submittedAt: new Date(DEMO_NOW).toISOString() });
    const live = await get<Snapshot>(`${srv.url}/api/state`);
    const past = await get<Snapshot>(`${srv.url}/api/state?asOf=${encodeURIComponent(before)}`);
    expect(past.status).toBe(200);
    expect(live.body.units.find((u) => u.id === 'que-son')!.indicators.every((i) => i.level === 'met')).toBe(true);
    const then = past.body.units.find((u) => u.id === 'que-son')!;
    expect(then.level).toBe(live0.level);
    expect(then.indicators.some((i) => i.level !== 'met')).toBe(true);
    expect(Date.parse(past.body.asOf)).toBe(Date.parse(before));
    // The rest of the province is the same as the live state at that instant.
    expect(past.body.units.find((u) => u.id === 'tam-ky')!.level).toBe(live.body.units.find((u) => u.id === 'tam-ky')!.level);
  });

  it('a date means the end of that local day; a month back shows fewer readings', async () => {
    const live = await get<UnitDetail>(`${srv.url}/api/units/tam-ky`);
    const past = await get<UnitDetail>(`${srv.url}/api/units/tam-ky?asOf=2024-07-31`);
    expect(past.status).toBe(200);
    expect(past.body.asOf).toBe('2024-07-31T23:59:59.999+07:00');
    expect(past.body.live).toBe(false);
    expect(live.body.live).toBe(true);
    const n = (d: UnitDetail) => d.indicators.reduce((s, i) => s + i.series.length, 0);
    expect(n(past.body)).toBeLessThan(n(live.body));
    expect(past.body.indicators.every((i) => i.series.every((p) => Date.parse(p.at) <= Date.parse(past.body.asOf)))).toBe(true);
  });

  it('unit detail: series, projection with its band to the deadline, 12 periods of reports, rank', async () => {
    const { status, body } = await get<UnitDetail>(`${srv.url}/api/units/que-son`);
    expect(status).toBe(200);
    expect(body.reports).toHaveLength(12);
    expect(body.of).toBe(srv.config.units.length);
    const areas = (await get<Snapshot>(`${srv.url}/api/state`)).body.units.filter((u) => u.kind === 'area').sort((a, b) => a.rank - b.rank);
    expect(body.ofKind).toBe(18);
    expect(body.kindRank).toBe(areas.findIndex((u) => u.id === 'que-son') + 1);
    expect(body.unit.rank).toBeGreaterThan(0);
    // Somewhere in the province, a unit on a trend has a projection whose band holds it.
    const all = await Promise.all(srv.config.units.map((u) => get<UnitDetail>(`${srv.url}/api/units/${u.id}`)));
    const projected = all
      .flatMap((d) => d.body.indicators.map((i) => ({ i, s: d.body.unit.indicators.find((x) => x.id === i.id)! })))
      .filter(({ i }) => i.projection);
    expect(projected.length).toBeGreaterThan(10);
    for (const { i, s } of projected) {
      const p = i.projection!;
      expect(p.to.value).toBe(s.projected);
      expect(p.low).toBeLessThanOrEqual(p.to.value);
      expect(p.high).toBeGreaterThanOrEqual(p.to.value);
      expect(p.to.at.slice(0, 10) > s.deadline).toBe(true);
    }
  });

  it('refuses the future, a malformed date and an unknown unit, naming the field', async () => {
    const future = await get<{ error: { code: string; details: { field: string; problem: string }[] } }>(`${srv.url}/api/state?asOf=2030-01-01`);
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]).toMatchObject({ field: 'asOf', problem: 'future' });
    const bad = await get<{ error: { code: string; details: { field: string }[] } }>(`${srv.url}/api/state?asOf=27/09/2024`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field: 'asOf' })] });
    expect((await fetch(`${srv.url}/api/units/nowhere`)).status).toBe(404);
  });
});

describe('the time machine on a real clock: a figure entered late does not rewrite the past', () => {
  let srv: TestServer;
  const now = Date.now();
  beforeAll(async () => {
    srv = await startServer({ demo: false, clock: manualClock(now, false) });
  });
  afterAll(async () => srv.stop());

  it('a reading dated three days ago but received now is absent from yesterday’s view; the same value again changes nothing', async () => {
    const at = new Date(now - 3 * 86_400_000).toISOString();
    const reading = { unit: 'tam-ky', indicator: 'land-database', value: 45.5, at };
    expect((await post(srv.url, '/api/readings', { readings: [reading] })).status).toBe(200);
    const land = (s: Snapshot) => s.units.find((u) => u.id === 'tam-ky')!.indicators.find((i) => i.id === 'land-database')!;
    const live = await get<Snapshot>(`${srv.url}/api/state`);
    expect(land(live.body).value).toBe(45.5);
    const yesterday = await get<Snapshot>(`${srv.url}/api/state?asOf=${encodeURIComponent(new Date(now - 86_400_000).toISOString())}`);
    expect(yesterday.status).toBe(200);
    expect(land(yesterday.body)).toMatchObject({ value: null, level: 'no_data' });
    expect(yesterday.body.seq).toBe(0);

    const [first] = await srv.store.listReadings();
    expect((await post(srv.url, '/api/readings', { readings: [reading] })).status).toBe(200);
    const [again] = await srv.store.listReadings();
    expect(again!.receivedAt).toBe(first!.receivedAt);
  });

  it('refuses dates that do not exist', async () => {
    for (const asOf of ['2024-02-30', '2024-02-31T08:00:00+07:00', '2024-09-27T24:00:00+07:00']) {
      const r = await get<{ error: { details: { field: string }[] } }>(`${srv.url}/api/state?asOf=${encodeURIComponent(asOf)}`);
      expect(r.status, asOf).toBe(400);
      expect(r.body.error.details[0]!.field).toBe('asOf');
    }
  });

  it('exports: an unknown format is 404, a bad or future asOf 400 naming the field, no web app 503', async () => {
    expect((await fetch(`${srv.url}/api/export/briefing.gif?asOf=2024-09-01`)).status).toBe(404);
    const future = await get<{ error: { details: { field: string }[] } }>(`${srv.url}/api/export/briefing.pdf?asOf=2099-01-01`);
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]!.field).toBe('asOf');
    const big = await get<{ error: { details: { field: string }[] } }>(`${srv.url}/api/export/briefing.png?asOf=2024-09-01&width=99999`);
    expect(big.status).toBe(400);
    expect(big.body.error.details[0]!.field).toBe('width');
    const none = await get<{ error: { code: string } }>(`${srv.url}/api/export/briefing.pdf?asOf=2024-09-01`);
    expect(none.status).toBe(503);
    expect(none.body.error.code).toBe('export_unavailable');
  });
});
