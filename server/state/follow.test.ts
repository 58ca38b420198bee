import { describe, expect, it } from 'vitest';
import type { DataClock } from '../time/clock.js';
import { loadConfig } from '../config/load.js';
import type { Delta } from '../protocol/state.js';
import { LiveState } from './live.js';

const config = loadConfig('config/quang-nam-2024.json');
const START = Date.parse('2024-08-31T08:00:00.000+07:00');
const DAY = 86_400_000;

/** A LiveState that follows another (a cluster node following its leader): resumeFrom + adopt. */
describe('LiveState as a follower', () => {
  const dataClock: DataClock = { now: () => START, demo: false };
  const systemTime = () => Date.parse('2026-01-01T00:00:00Z');

  it('resumes from a snapshot, then adopts deltas in order: the same state, seq and history as the leader', () => {
    const leader = new LiveState(config, dataClock, systemTime, 'E');
    leader.addReadings([{ unit: 'tam-ky', indicator: 'land-database', value: 40, at: START - 60 * DAY }]);
    leader.recompute();
    const follower = new LiveState(config, dataClock, systemTime, 'E');
    follower.resumeFrom(leader.snapshot());
    expect(follower.snapshot()).toEqual(leader.snapshot());

    const heard: Delta[] = [];
    follower.onDelta((d) => heard.push(d));
    leader.addReadings([{ unit: 'tam-ky', indicator: 'land-database', value: 50, at: START - 30 * DAY }]);
    const d2 = leader.recompute();
    leader.addReadings([{ unit: 'hoi-an', indicator: 'land-database', value: 70, at: START - DAY }]);
    const d3 = leader.recompute();
    follower.adopt(d2);
    follower.adopt(d3);
    expect(follower.snapshot()).toEqual(leader.snapshot());
    expect(heard.map((d) => d.seq)).toEqual([2, 3]);
    expect(follower.since(1)).toEqual([d2, d3]);
    // A delta out of order is refused, never applied on the wrong base.
    expect(() => follower.adopt(d3)).toThrow(/does not follow/);
  });

  it('a leader engine resumed from the published state continues the same seq, diffing against it', () => {
    const first = new LiveState(config, dataClock, systemTime, 'E');
    first.addReadings([{ unit: 'tam-ky', indicator: 'land-database', value: 40, at: START - 60 * DAY }]);
    first.recompute();
    first.recompute();
    const next = new LiveState(config, dataClock, systemTime, 'E');
    next.addReadings([{ unit: 'tam-ky', indicator: 'land-database', value: 40, at: START - 60 * DAY }]);
    next.resumeFrom(first.snapshot());
    const d = next.recompute();
    expect(d.seq).toBe(3);
    expect(d.units).toEqual([]); // nothing changed since the published state
  });
});
