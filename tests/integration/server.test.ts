import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/index.js';
import { connect, DEMO_NOW, manualClock, next, post, SHARED_GEO, startServer, TOKEN, type Client, type TestServer } from '../helpers/server.js';

const geoIds: string[] = JSON.parse(readFileSync(`${SHARED_GEO}/quang-nam-districts.geojson`, 'utf8')).features.map(
  (f: { properties: { id: string } }) => f.properties.id,
);
const at = (iso = '2024-08-31T07:30:00+07:00') => iso;

describe('server on the demo scenario', () => {
  let srv: TestServer;
  let clients: Client[] = [];
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => {
    await srv.stop();
  });
  afterEach(() => {
    clients.forEach((c) => c.disconnect());
    clients = [];
  });
  const client = async () => {
    const c = await connect(srv.url);
    clients.push(c.socket);
    return c;
  };
  const state = async (): Promise<Snapshot> => (await fetch(`${srv.url}/api/state`)).json() as Promise<Snapshot>;

  it('answers health', async () => {
    const res = await fetch(`${srv.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', demo: true });
  });

  it('lists the 18 districts by their GeoJSON ids, with at least four levels', async () => {
    const s = await state();
    const areas = s.units.filter((u) => u.kind === 'area');
    expect(areas.map((u) => u.id).sort()).toEqual([...geoIds].sort());
    expect(s.demo).toBe(true);
    expect(s.asOf.startsWith('2024-08-31T08:00')).toBe(true);
    expect(new Set(areas.map((u) => u.level)).size).toBeGreaterThanOrEqual(4);
    expect(s.units.filter((u) => u.kind === 'department').length).toBeGreaterThan(0);
  });

  it('serves the boundaries with label points', async () => {
    const geo = await (await fetch(`${srv.url}/api/geo`)).json();
    expect(geo.features).toHaveLength(18);
    expect(geo.features[0].properties.label).toHaveLength(2);
  });

  it('sends a snapshot with all 18 districts on connect; a POSTed reading arrives as the next delta', async () => {
    const { socket: c, snapshot: snap } = await client();
    expect(snap.units.filter((u) => u.kind === 'area')).toHaveLength(18);
    // Nông Sơn missed the iGate deadline; its late filing of 100 % lifts it from overdue.
    expect(snap.units.find((u) => u.id === 'nong-son')!.level).toBe('overdue');

    const delta = next(c, 'state:delta');
    const res = await post(srv.url, '/api/readings', {
      readings: [{ unit: 'nong-son', indicator: 'igate-entry', value: 100, at: at() }],
    });
    expect(res).toEqual({ status: 200, json: { accepted: 1, seq: snap.seq + 1 } });
    const d = await delta;
    expect(d.seq).toBe(snap.seq + 1);
    const patch = d.units.find((u) => u.id === 'nong-son')!;
    expect(patch.level).toBe('off_track');
    expect(patch.indicators!.map((i) => i.id)).toEqual(['igate-entry']);
    expect(patch.indicators![0]).toMatchObject({ value: 100, level: 'met' });
    expect((await state()).units.find((u) => u.id === 'nong-son')!.level).toBe('off_track');
  });

  it('answers state:resync with a fresh snapshot and an ack', async () => {
    const { socket: c } = await client();
    const again = next(c, 'state:snapshot');
    const ack = await c.emitWithAck('state:resync');
    expect(ack).toEqual({ ok: true, data: { seq: srv.state.seq } });
    expect((await again).seq).toBe(srv.state.seq);
  });

  describe('bad input gets a precise 400 and changes nothing', () => {
    const cases: [string, unknown, { row?: number; field: string; problem: string }[]][] = [
      [
        'no readings key, an unknown key',
        { rows: [] },
        [
          { field: 'readings', problem: 'invalid_type' },
          { field: 'rows', problem: 'unrecognized_keys' },
        ],
      ],
      ['not an object', [1, 2], [{ field: '(body)', problem: 'invalid_type' }]],
      ['empty batch', { readings: [] }, [{ field: 'readings', problem: 'too_small' }]],
      [
        'value as text',
        { readings: [{ unit: 'tam-ky', indicator: 'land-database', value: '45', at: at() }] },
        [{ row: 0, field: 'value', problem: 'invalid_type' }],
      ],
      [
        'unknown unit',
        { readings: [{ unit: 'atlantis', indicator: 'land-database', value: 45, at: at() }] },
        [{ row: 0, field: 'unit', problem: 'unknown_unit' }],
      ],
      [
        'unknown indicator',
        { readings: [{ unit: 'tam-ky', indicator: 'happiness', value: 45, at: at() }] },
        [{ row: 0, field: 'indicator', problem: 'unknown_indicator' }],
      ],
      [
        'out of range',
        { readings: [{ unit: 'tam-ky', indicator: 'land-database', value: 101, at: at() }] },
        [{ row: 0, field: 'value', problem: 'out_of_range' }],
      ],
      [
        'future time',
        { readings: [{ unit: 'tam-ky', indicator: 'land-database', value: 45, at: '2024-09-30T08:00:00+07:00' }] },
        [{ row: 0, field: 'at', problem: 'in_future' }],
      ],
      [
        'time without offset',
        { readings: [{ unit: 'tam-ky', indicator: 'land-database', value: 45, at: '2024-08-31 10:00' }] },
        [{ row: 0, field: 'at', problem: 'invalid_format' }],
      ],
      [
        'a good row and a duplicate: nothing stored',
        {
          readings: [
            { unit: 'tam-ky', indicator: 'land-database', value: 45, at: '2024-08-31T07:00:00+07:00' },
            { unit: 'tam-ky', indicator: 'land-database', value: 46, at: '2024-08-31T00:00:00Z' },
          ],
        },
        [{ row: 1, field: 'at', problem: 'duplicate' }],
      ],
    ];
    it.each(cases)('%s', async (_name, body, details) => {
      const before = await state();
      const counts = await srv.store.counts();
      const res = await post(srv.url, '/api/readings', body);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.details).toEqual(details.map((d) => expect.objectContaining(d)));
      expect(await srv.store.counts()).toEqual(counts);
      expect((await state()).seq).toBe(before.seq);
    });

    it('malformed JSON and infinities', async () => {
      const seq = srv.state.seq;
      const bad = await post(srv.url, '/api/readings', '{"readings": [', TOKEN, true);
      expect(bad).toEqual({ status: 400, json: { error: { code: 'bad_request', message: expect.any(String) } } });
      const inf = await post(
        srv.url,
        '/api/readings',
        '{"readings":[{"unit":"tam-ky","indicator":"land-database","value":1e999,"at":"2024-08-31T07:00:00+07:00"}]}',
        TOKEN,
        true,
      );
      expect(inf.status).toBe(400);
      expect(inf.json.error.details[0]).toMatchObject({ row: 0, field: 'value' });
      expect(srv.state.seq).toBe(seq);
    });

    it('a missing or wrong token is refused with 401', async () => {
      const body = { readings: [{ unit: 'tam-ky', indicator: 'land-database', value: 45, at: at() }] };
      const counts = await srv.store.counts();
      expect((await post(srv.url, '/api/readings', body, null)).json.error.code).toBe('unauthorized');
      const wrong = await post(srv.url, '/api/readings', body, 'nope');
      expect(wrong.status).toBe(401);
      expect(await srv.store.counts()).toEqual(counts);
    });

    it('never leaks internals: unknown routes get a closed error code', async () => {
      const res = await fetch(`${srv.url}/api/nothing`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    });
  });
});

describe('server without an admin token', () => {
  it('refuses every write with 403 writes_disabled', async () => {
    const srv = await startServer({ adminToken: undefined });
    try {
      const res = await post(srv.url, '/api/readings', {
        readings: [{ unit: 'tam-ky', indicator: 'land-database', value: 45, at: '2024-08-31T07:00:00+07:00' }],
      });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('writes_disabled');
    } finally {
      await srv.stop();
    }
  });
});

describe('the demo scenario', () => {
  it('shows every risk level on the map (among the districts) at its start, and is labelled demo', async () => {
    const srv = await startServer();
    try {
      const s = srv.state.snapshot();
      const onMap = new Set(s.units.filter((u) => u.kind === 'area').map((u) => u.level));
      expect(onMap).toEqual(new Set(['met', 'on_track', 'at_risk', 'off_track', 'overdue', 'no_data']));
      expect(s.demo).toBe(true);
      expect(Date.parse(s.asOf)).toBe(DEMO_NOW);
      // Faithful to the press report: Nam Giang strongest, the weakest four at the bottom.
      const rank = (id: string) => s.units.find((u) => u.id === id)!.rank;
      const areas = s.units.filter((u) => u.kind === 'area').length;
      expect(rank('nam-giang')).toBeGreaterThan(areas);
      // Among the districts: departments late on their tasks (the task register) may rank above them overall.
      const kindRank = (id: string) => s.units.find((u) => u.id === id)!.kindRank;
      for (const weak of ['que-son', 'tay-giang', 'thang-binh', 'nong-son']) expect(kindRank(weak)).toBeLessThanOrEqual(5);
    } finally {
      await srv.stop();
    }
  });

  it('never passes for real data: a run with the demo off removes it and keeps real readings', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-purge-'));
    try {
      const demo = await startServer({ dataDir });
      expect(
        (await post(demo.url, '/api/readings', { readings: [{ unit: 'tam-ky', indicator: 'land-database', value: 61, at: '2024-08-31T07:00:00+07:00' }] }))
          .status,
      ).toBe(200);
      await demo.stop();
      const real = await startServer({ dataDir, demo: false, clock: manualClock(DEMO_NOW, false) });
      const s = real.state.snapshot();
      expect(s.demo).toBe(false);
      expect(await real.store.hasSource('demo')).toBe(false);
      expect(await real.store.counts()).toEqual({ readings: 1, reports: 0 });
      expect(s.units.find((u) => u.id === 'tam-ky')!.indicators.find((i) => i.id === 'land-database')!.value).toBe(61);
      await real.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('starts over after its loop so an unattended demo wall never runs dry', async () => {
    const srv = await startServer();
    try {
      const first = srv.state.snapshot();
      const seeded = await srv.store.counts();
      const clock = srv.clock as typeof srv.clock & { set(t: number): void };
      clock.set(DEMO_NOW + 121 * 86_400_000);
      await srv.simulator!.step();
      const again = srv.state.snapshot();
      expect(Date.parse(again.asOf)).toBe(DEMO_NOW);
      expect(again.seq).toBeGreaterThan(first.seq);
      expect(again.units.map((u) => [u.id, u.level])).toEqual(first.units.map((u) => [u.id, u.level]));
      expect(await srv.store.counts()).toEqual(seeded);
    } finally {
      await srv.stop();
    }
  });

  it('the simulator files readings as the demo clock runs, and each becomes a delta', async () => {
    const srv = await startServer();
    try {
      const { socket: c, snapshot: snap } = await connect(srv.url);
      const clock = srv.clock as typeof srv.clock & { set(t: number): void };
      clock.set(DEMO_NOW + 2 * 86_400_000);
      const delta = next(c, 'state:delta');
      const filed = await srv.simulator!.step();
      expect(filed.readings).toBeGreaterThan(100);
      const d = await delta;
      expect(d.seq).toBe(snap.seq + 1);
      expect(Date.parse(d.asOf)).toBe(DEMO_NOW + 2 * 86_400_000);
      c.disconnect();
    } finally {
      await srv.stop();
    }
  });
});
