import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { Delta } from '../protocol/state.js';
import { LiveState } from './live.js';
import { localPublish } from './publish.js';

const config = loadConfig('config/quang-nam-2024.json');
const NOW = Date.parse('2024-08-31T08:00:00.000+07:00');
const reading = (unit: string, value: number) => ({ unit, indicator: 'online-dossier-rate', value, at: NOW - 3_600_000 });

/** The next delta the state tells its listeners. */
const nextDelta = (live: LiveState) =>
  new Promise<Delta>((resolve) => {
    const off = live.onDelta((d) => {
      off();
      resolve(d);
    });
  });

describe('localPublish: answered once folded, one recompute for the writes of the same moment', () => {
  it('resolves with the seq whose delta shows the writes, before that recompute runs', async () => {
    const live = new LiveState(config, { now: () => NOW, demo: false });
    const publish = localPublish(live);
    const delta = nextDelta(live);
    const [a, b] = await Promise.all([publish({ readings: [reading('tam-ky', 12)] }), publish({ readings: [reading('hoi-an', 97)] })]);
    expect([a, b]).toEqual([1, 1]);
    expect(live.seq).toBe(0); // not recomputed yet: the writer did not wait for it
    const d = await delta;
    expect(d.seq).toBe(1);
    expect(d.units.map((u) => u.id)).toEqual(expect.arrayContaining(['hoi-an', 'tam-ky']));
    expect(live.seq).toBe(1);
  });

  it('a recompute that fails is reported, and the next write recomputes again', async () => {
    const live = new LiveState(config, { now: () => NOW, demo: false });
    const recompute = live.recompute.bind(live);
    live.recompute = () => {
      live.recompute = recompute;
      throw new Error('boom');
    };
    let reported: (err: unknown) => void = () => {};
    const failed = new Promise<unknown>((resolve) => (reported = resolve));
    const publish = localPublish(live, (err) => reported(err));
    expect(await publish({ readings: [reading('tam-ky', 12)] })).toBe(1);
    expect(String(await failed)).toContain('boom');
    const delta = nextDelta(live);
    expect(await publish({ readings: [reading('tam-ky', 13)] })).toBe(1);
    expect((await delta).units.map((u) => u.id)).toContain('tam-ky');
  });
});

describe('localPublish afterAnswer: indexed on the next tick, in commit order, before the recompute', () => {
  it('the answered seq shows the write, and a later write of the same reading wins', async () => {
    const live = new LiveState(config, { now: () => NOW, demo: false });
    const publish = localPublish(live);
    const delta = nextDelta(live);
    const first = publish({ readings: [reading('tam-ky', 12)], afterAnswer: true });
    const second = publish({ readings: [reading('tam-ky', 13), reading('hoi-an', 97)] });
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    const d = await delta;
    expect(d.seq).toBe(1);
    const online = d.units.find((u) => u.id === 'tam-ky')?.indicators?.find((i) => i.id === 'online-dossier-rate');
    expect(online?.value).toBe(13);
    expect(online?.readings).toBe(1);
  });
});
