import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitsAt } from '../../server/geography/index.js';
import type { Snapshot } from '../../server/protocol/index.js';
import { manualClock, ROOT, startServer, type TestServer } from '../helpers/server.js';

/** Late November 2026: what the shipped demo shows when started then. */
const NOW = Date.parse('2026-11-29T10:00:00+07:00');

describe('the shipped configuration is today\'s Đà Nẵng', { timeout: 120_000 }, () => {
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
    const departments = unitsAt(srv.config.geography, NOW).filter((u) => u.kind === 'department').map((u) => u.id);
    expect(state.units.filter((u) => u.kind === 'department').map((u) => u.id).sort()).toEqual(departments.sort());
  });

  it('seeds history from January 2024 and keeps filing through the simulator at today\'s dates', async () => {
    const counts = await srv.store.counts();
    expect(counts.readings).toBeGreaterThan(20_000);
    clock.set(NOW + 86_400_000);
    const step = await srv.simulator!.step();
    expect(step.readings).toBeGreaterThan(0);
  });
});
