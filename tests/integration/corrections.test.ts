import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, UnitDetail } from '../../server/protocol/index.js';
import { manualClock, post, ROOT, startServer, type TestServer } from '../helpers/server.js';

// Readings are dated by when the store received them (the real clock): the data clock runs a day ahead so that those instants are in its past.
const DAY = 86_400_000;
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ configFile: join(ROOT, 'config/province.json'), demo: false, clock: manualClock(Date.now() + DAY, false) });
});
afterAll(() => srv.stop());

const get = async <T>(path: string): Promise<T> => (await (await fetch(srv.url + path)).json()) as T;

describe('a correction is a new version, never an overwrite', () => {
  it('the time machine between the two writes shows the original value; the live state shows the correction', async () => {
    const live0 = await get<Snapshot>('/api/state');
    const indicator = live0.indicators.find((i) => i.appliesTo.includes('area') && i.unit === 'percent')!.id;
    const unit = live0.units.find((u) => u.kind === 'area')!.id;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    expect((await post(srv.url, '/api/readings', { readings: [{ unit, indicator, value: 41, at }] })).status).toBe(200);
    const between = Date.now();
    // The correction must be received strictly after `between` (a busy wait on the clock, a millisecond at most).
    while (Date.now() <= between);
    expect((await post(srv.url, '/api/readings', { readings: [{ unit, indicator, value: 57, at }] })).status).toBe(200);

    const value = (s: Snapshot) => s.units.find((u) => u.id === unit)!.indicators.find((i) => i.id === indicator)!.value;
    const asOf = encodeURIComponent(new Date(between).toISOString());
    expect(value(await get<Snapshot>(`/api/state?asOf=${asOf}`))).toBe(41);
    expect(value(await get<Snapshot>('/api/state'))).toBe(57);
    const series = (d: UnitDetail) => d.indicators.find((i) => i.id === indicator)!.series.map((p) => p.value);
    expect(series(await get<UnitDetail>(`/api/units/${unit}?asOf=${asOf}`))).toEqual([41]);
    // The unit detail lists the point's earlier values: none yet between the writes, the original after the correction.
    const point = async (q: string) => (await get<UnitDetail>(`/api/units/${unit}${q}`)).indicators.find((i) => i.id === indicator)!.series[0]!;
    expect((await point(`?asOf=${asOf}`)).versions).toBeUndefined();
    const live = await point('');
    expect(live.value).toBe(57);
    expect(live.versions?.map((v) => v.value)).toEqual([41]);
    expect(Date.parse(live.versions![0]!.supersededAt)).toBeGreaterThan(between);

    const [old] = await srv.store.listReadingVersions();
    expect(old).toMatchObject({ unit, indicator, value: 41, at: Date.parse(at) });
    expect(old!.supersededAt).toBeGreaterThan(between);
    expect(await srv.store.listReadingVersions()).toHaveLength(1);
  });
});
