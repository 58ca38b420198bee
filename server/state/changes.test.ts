import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { GROUPS_PER_DAY, mergeChanges, type ChangeGroup } from '../protocol/changes.js';
import { applyDelta } from '../protocol/patch.js';
import { LiveState } from './live.js';

const config = loadConfig('config/quang-nam-2024.json');
const DAY = 86_400_000;
const START = Date.parse('2024-08-31T08:00:00.000+07:00');
const UNITS = ['tam-ky', 'hoi-an', 'dai-loc'];

describe('the day’s level changes (ChangeMemory in LiveState)', () => {
  let t: number;
  let live: LiveState;

  beforeEach(() => {
    t = START;
    live = new LiveState(config, { now: () => t, demo: false }, () => 0);
    // Three units progressing towards 50 %: no data on the other indicators, so each unit is no_data.
    const readings = UNITS.flatMap((unit) => [
      { unit, indicator: 'online-dossier-rate', value: 45, at: START - 60 * DAY },
      { unit, indicator: 'online-dossier-rate', value: 55, at: START - DAY },
    ]);
    // Every monthly report filed on time, so that reports do not decide the level.
    const periods = ['01', '02', '03', '04', '05', '06', '07', '08'].map((m) => `2024-${m}`);
    const reports = UNITS.flatMap((unit) => periods.map((period) => ({ unit, period, submittedAt: Date.parse(`${period}-05T09:00:00+07:00`) })));
    live.load({ readings, reports, versions: [] });
    live.recompute();
  });

  const raise = (target: number) =>
    live.addVersions([
      { indicator: 'online-dossier-rate', target, deadline: '2024-12-31', effectiveFrom: START - 1000, recordedAt: START, setBy: 'admin', reason: 'QĐ' },
    ]);

  it('the first recompute after a load is a baseline: nothing is recorded', () => {
    expect(live.snapshot().changes).toEqual({ day: '2024-08-31', groups: [], dropped: 0 });
    expect(live.snapshot().data).toBe(1);
  });

  it('a raised target: one group with its cause, every unit it moved, kept in the snapshot and merged by clients', () => {
    const client = live.snapshot();
    raise(90);
    const d = live.recompute('data');
    expect(d.changes?.groups).toHaveLength(1);
    const g = d.changes!.groups[0]!;
    expect(g.cause).toEqual({
      kind: 'target',
      targets: [{ indicator: 'online-dossier-rate', fromTarget: 50, toTarget: 90, fromDeadline: '2024-12-31', toDeadline: '2024-12-31' }],
    });
    expect(g.total).toBe(3);
    expect(g.changes.map((c) => c.unit).sort()).toEqual([...UNITS].sort());
    for (const c of g.changes) expect(c).toMatchObject({ from: 'no_data', to: 'off_track', indicator: 'online-dossier-rate' });
    // A wall loaded now gets it with the snapshot; a wall that was there merges the delta to the same list.
    expect(live.snapshot().changes?.groups).toEqual([g]);
    // The data identity moved with the write (the briefing's "new figures" note); time alone does not move it.
    expect(d.data).toBe(2);
    t += 60_000;
    expect(live.recompute().data).toBeUndefined();
    expect(applyDelta(client, d).changes).toEqual(live.snapshot().changes);
  });

  it('a reading that moves one unit: a data group of a couple of hundred bytes in its delta', () => {
    raise(90);
    live.recompute('data');
    live.addReadings([{ unit: 'tam-ky', indicator: 'online-dossier-rate', value: 95, at: START - 1000 }]);
    const d = live.recompute('data');
    expect(d.changes?.groups).toEqual([expect.objectContaining({ cause: { kind: 'data', readings: 1, reports: 0 }, total: 1 })]);
    // Only the new group travels (the one-reading delta is benchmarked at < 1 kB; one that moves no level carries nothing).
    expect(Buffer.byteLength(JSON.stringify(d.changes))).toBeLessThan(250);
    expect(live.snapshot().changes?.groups).toHaveLength(2);
    // A reading that moves no level adds nothing.
    live.addReadings([{ unit: 'hoi-an', indicator: 'online-dossier-rate', value: 55.5, at: START - 2000 }]);
    expect(live.recompute('data').changes).toBeUndefined();
  });

  it('the clock crossing a deadline is its own cause; a new provincial day starts an empty list', () => {
    live.addReadings([{ unit: 'tam-ky', indicator: 'igate-entry', value: 10, at: START - DAY }]);
    live.recompute('data');
    t = Date.parse('2024-09-30T23:59:00+07:00');
    live.recompute();
    live.addReadings([{ unit: 'hoi-an', indicator: 'dossier-digitisation', value: 10, at: t - DAY }]);
    live.recompute('data');
    t += 2 * 60_000; // past midnight: 1 Oct, the deadline of 30/09 has passed
    const d = live.recompute();
    expect(d.changes?.day).toBe('2024-10-01');
    expect(d.changes?.groups).toEqual([expect.objectContaining({ cause: { kind: 'deadline' } })]);
    expect(d.changes!.groups[0]!.changes).toContainEqual(expect.objectContaining({ unit: 'hoi-an', to: 'overdue' }));
    expect(live.snapshot().changes?.day).toBe('2024-10-01');
    expect(live.snapshot().changes?.groups).toHaveLength(1);
  });

  it('reloading the inputs (the demo starting over) records no change', () => {
    raise(90);
    live.load({ readings: [], reports: [], versions: [] });
    expect(live.recompute().changes).toBeUndefined();
  });
});

describe('mergeChanges', () => {
  const group = (n: number): ChangeGroup => ({ id: `${n}.0`, asOf: '2024-08-31T08:00:00.000+07:00', cause: { kind: 'time' }, changes: [], total: 1 });

  it('keeps at most GROUPS_PER_DAY groups, the newest, and counts the dropped', () => {
    let day = mergeChanges(undefined, '2024-08-31', []);
    for (let n = 0; n < GROUPS_PER_DAY + 5; n++) day = mergeChanges(day, '2024-08-31', [group(n)]);
    expect(day.groups).toHaveLength(GROUPS_PER_DAY);
    expect(day.groups.at(-1)!.id).toBe(`${GROUPS_PER_DAY + 4}.0`);
    expect(day.dropped).toBe(5);
    expect(mergeChanges(day, '2024-09-01', [])).toEqual({ day: '2024-09-01', groups: [], dropped: 0 });
  });
});
