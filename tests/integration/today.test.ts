import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLOCK_KEY } from '../../server/demo/simulator.js';
import { unitsAt } from '../../server/geography/index.js';
import { listRecorded } from '../../server/store/store.js';
import type { Snapshot } from '../../server/protocol/index.js';
import { manualClock, ROOT, startServer, type TestServer } from '../helpers/server.js';

/** Late November 2026: what the shipped demo shows when started then. */
const NOW = Date.parse('2026-11-29T10:00:00+07:00');

describe("the shipped configuration is today's Đà Nẵng", { timeout: 120_000 }, () => {
  let srv: TestServer;
  const clock = manualClock(NOW);
  beforeAll(async () => {
    srv = await startServer({ configFile: join(ROOT, 'config/province.json'), clock });
  }, 90_000);
  afterAll(() => srv?.stop());

  it('boots with 94 area units and the departments in office, on the demo clock', async () => {
    const state = (await (await fetch(`${srv.url}/api/state`)).json()) as Snapshot;
    expect(state.province.name.vi).toBe('Đà Nẵng');
    expect(state.demo).toBe(true);
    expect(Date.parse(state.asOf)).toBe(NOW);
    const areas = state.units.filter((u) => u.kind === 'area');
    expect(areas).toHaveLength(94);
    expect(areas.map((u) => u.id)).toContain('dac-khu-hoang-sa');
    const departments = unitsAt(srv.config.geography, NOW)
      .filter((u) => u.kind === 'department')
      .map((u) => u.id);
    expect(
      state.units
        .filter((u) => u.kind === 'department')
        .map((u) => u.id)
        .sort(),
    ).toEqual(departments.sort());
  });

  it("seeds history from January 2024 and keeps filing through the simulator at today's dates", async () => {
    const counts = await srv.store.counts();
    expect(counts.readings).toBeGreaterThan(20_000);
    clock.set(NOW + 86_400_000);
    const step = await srv.simulator!.step();
    expect(step.readings).toBeGreaterThan(0);
    const { readings } = await listRecorded(srv.store);
    const fresh = readings.filter((r) => r.at > NOW);
    expect(fresh.length).toBe(step.readings);
    // Only units valid today: none of the 2024 districts, none for Hoàng Sa.
    expect(fresh.filter((r) => !unitsAt(srv.config.geography, r.at).some((u) => u.id === r.unit && u.reporting))).toEqual([]);
  });

  it("starts over at the clock's now after its loop, never back in the past", async () => {
    const later = NOW + 15 * 86_400_000;
    clock.set(later);
    await srv.simulator!.step();
    expect(clock.now()).toBe(later);
    const { readings } = await listRecorded(srv.store);
    // History rebuilt up to the new now: its last monthly reading is an hour before it.
    expect(Math.max(...readings.map((r) => r.at))).toBeGreaterThan(later - 2 * 3_600_000);
    // What the simulator filed before the loop was replaced by the rebuilt history (monthly readings only).
    expect(readings.some((r) => r.at > NOW && r.at <= NOW + 86_400_000)).toBe(false);
  });

  it('a restart later rebuilds up to the real time rather than resuming where the demo stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-today-'));
    const restartAt = NOW + 3 * 86_400_000;
    try {
      await (await startServer({ configFile: join(ROOT, 'config/province.json'), clock: manualClock(NOW), dataDir })).stop();
      const again = await startServer({ configFile: join(ROOT, 'config/province.json'), clock: manualClock(restartAt), dataDir });
      try {
        const state = (await (await fetch(`${again.url}/api/state`)).json()) as Snapshot;
        expect(Date.parse(state.asOf)).toBe(restartAt);
        expect(Number(await again.store.getMeta(DEMO_CLOCK_KEY))).toBe(restartAt);
      } finally {
        await again.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
