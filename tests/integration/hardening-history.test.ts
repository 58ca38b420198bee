import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewReading } from '../../server/store/rows.js';
import { DEMO_NOW, startServer, type TestServer } from '../helpers/server.js';
import { READING_PAGE } from '../../server/store/store.js';

/** How many readings the store holds for the test: enough that reading them all shows. */
const READINGS = 120_000;
const HOUR = 3_600_000;

describe('hardening: the time machine does not re-read the store after every tick', { timeout: 120_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
    const units = srv.config.units.map((u) => u.id);
    const indicators = srv.config.indicators.map((i) => i.id);
    const rows: NewReading[] = [];
    for (let i = 0; rows.length < READINGS; i++) {
      for (const unit of units)
        for (const indicator of indicators)
          rows.push({ unit, indicator, value: (i % 97) / 97, at: DEMO_NOW - 400 * 24 * HOUR + i * HOUR, source: 'api', submittedBy: 'bench' });
    }
    await srv.store.insertReadings(rows.slice(0, READINGS));
  });
  afterAll(() => srv.stop());

  it('?asOf= between ticks reads the rows once and answers within a bound', async () => {
    // The readings known at the instant are paged from the store (history/asof.ts knownAtPaged).
    const reads = vi.spyOn(srv.store, 'readingPage');
    const asOf = encodeURIComponent(new Date(DEMO_NOW - 30 * 24 * HOUR).toISOString());
    const times: number[] = [];
    for (let tick = 0; tick < 6; tick++) {
      srv.state.recompute('time');
      const t0 = performance.now();
      const res = await fetch(`${srv.url}/api/state?asOf=${asOf}`);
      expect(res.status).toBe(200);
      await res.json();
      times.push(Math.round(performance.now() - t0));
    }
    console.log(`asOf after each tick (${READINGS} readings), ms: ${times.join(', ')}`);
    // Before: one full read per tick (6), 2-3 s each at 322k readings. Now the first answer's pages only.
    const pages = reads.mock.calls.length;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(Math.ceil(READINGS / READING_PAGE) + 1);
    // Generous: the machine is shared. Only the first answer reads the store.
    expect(Math.max(...times.slice(1))).toBeLessThan(1500);
    // A write of data is seen by the next look-back.
    await srv.store.insertReadings([
      { unit: srv.config.units[0]!.id, indicator: srv.config.indicators[0]!.id, value: 1, at: DEMO_NOW - 31 * 24 * HOUR, source: 'api', submittedBy: 'bench' },
    ]);
    await (await fetch(`${srv.url}/api/state?asOf=${asOf}`)).json();
    expect(reads.mock.calls.length).toBeGreaterThan(pages);
  });
});
