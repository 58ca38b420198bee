import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, UnitDetail } from '../../server/protocol/index.js';
import { DEMO_NOW, post, startServer, type TestServer } from '../helpers/server.js';

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
    const res = await post(srv.url, '/api/readings', { readings: ids.map((id) => ({ unit: 'que-son', indicator: id, value: targets.get(id), at: new Date(DEMO_NOW).toISOString() })) });
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
    expect(body.unit.rank).toBeGreaterThan(0);
    // Somewhere in the province, a unit on a trend has a projection whose band holds it.
    const all = await Promise.all(srv.config.units.map((u) => get<UnitDetail>(`${srv.url}/api/units/${u.id}`)));
    const projected = all.flatMap((d) => d.body.indicators.map((i) => ({ i, s: d.body.unit.indicators.find((x) => x.id === i.id)! }))).filter(({ i }) => i.projection);
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
