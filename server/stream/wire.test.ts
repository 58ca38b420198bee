import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../tests/helpers/random.js';
import { loadConfig } from '../config/load.js';
import { applyDelta } from '../protocol/patch.js';
import type { Delta, Snapshot } from '../protocol/state.js';
import { decodeDelta, type WireDelta } from '../protocol/wire.js';
import { LiveState } from '../state/live.js';
import { encodeDelta, WireEncoder } from './wire.js';

const DAY = 86_400_000;
const config = loadConfig('config/quang-nam-2024.json');
const frame = (d: Delta | WireDelta) => Buffer.byteLength(`42${JSON.stringify(['state:delta', d])}`);

/** A live state fed seeded random readings and reports, the clock moving now and then. */
function driven(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let t = Date.parse('2024-08-31T08:00:00+07:00');
  let system = Date.parse('2026-01-01T00:00:00Z');
  const live = new LiveState(config, { now: () => t, demo: false }, () => system);
  live.recompute();
  const step = (): Delta => {
    const unit = pick(config.units);
    const ind = pick(config.indicators.filter((i) => i.appliesTo.includes(unit.kind)));
    const rows = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({
      unit: unit.id,
      indicator: ind.id,
      value: Math.round(rnd() * 1000) / 10,
      at: t - Math.floor(rnd() * 90) * DAY,
    }));
    live.addReadings(rows);
    if (rnd() < 0.1) live.addReports([{ unit: pick(config.units).id, period: '2024-08', submittedAt: t - Math.floor(rnd() * 20) * DAY }]);
    if (rnd() < 0.15) t += Math.floor(rnd() * 5) * DAY + 3_600_000;
    system += 1000;
    return live.recompute(rnd() < 0.8 ? 'data' : 'time');
  };
  return { live, step };
}

describe('wire deltas (protocol version 2)', () => {
  it('rebuild the server state exactly, step by step, as plain deltas do', () => {
    const { live, step } = driven(0x16);
    const encoder = new WireEncoder(() => live.snapshot());
    let client: Snapshot = live.snapshot();
    for (let k = 0; k < 300; k++) {
      const delta = step();
      const wire = encoder.encode(delta);
      expect(decodeDelta(client, wire), `step ${k}`).toEqual(delta);
      client = applyDelta(client, decodeDelta(client, wire));
      expect(client.units, `step ${k}`).toEqual(live.snapshot().units);
      expect(frame(wire), `step ${k}`).toBeLessThanOrEqual(frame(delta));
    }
  }, 60_000);

  it('a one-reading delta is under 300 bytes on the wire', () => {
    const { live } = driven(1);
    const encoder = new WireEncoder(() => live.snapshot());
    const sizes: number[] = [];
    const at = Date.parse('2024-08-31T08:00:00+07:00');
    for (let r = 0; r < 30; r++) {
      const unit = config.units[r % 6]!;
      live.addReadings([{ unit: unit.id, indicator: 'online-dossier-rate', value: 30 + r, at: at - (r + 1) * 60_000 }]);
      const d = live.recompute('data');
      sizes.push(frame(encoder.encode(d)));
    }
    sizes.sort((a, b) => a - b);
    expect(sizes[15]).toBeLessThan(300);
  });

  it('catching up, and after a break in its copy, each delta is self-contained', () => {
    const { live, step } = driven(7);
    const client = live.snapshot();
    const encoder = new WireEncoder(() => live.snapshot());
    const [d1, d2] = [step(), step()];
    // The encoder skips d1 (e.g. a cluster node restored from a snapshot): d2 goes whole.
    const whole = encoder.encode(d2);
    expect(whole.units.every((u) => u.f === 1)).toBe(true);
    const caughtUp = [d1, d2].reduce<Snapshot>((s, d) => applyDelta(s, decodeDelta(s, encodeDelta(d, null))), client);
    expect(caughtUp.units).toEqual(live.snapshot().units);
    expect(caughtUp.asOf).toEqual(live.snapshot().asOf);
    // And the next one is relative again.
    const d3 = step();
    expect(applyDelta(caughtUp, decodeDelta(caughtUp, encoder.encode(d3))).units).toEqual(live.snapshot().units);
  });

  it('a client without the unit, or of another version, is told so', () => {
    const { live, step } = driven(3);
    const encoder = new WireEncoder(() => live.snapshot());
    const wire = encoder.encode(step());
    const empty = { ...live.snapshot(), units: [] };
    if (wire.units.length) expect(() => decodeDelta(empty, wire)).toThrow(/does not hold/);
    expect(() => decodeDelta(live.snapshot(), { ...wire, v: 3 } as unknown as WireDelta)).toThrow(/version 3/);
  });
});
