import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { assessIndicator } from './indicator.js';
import { projectionOf } from './projection.js';
import { Series } from './series.js';
import { DAY_MS } from '../time/local.js';
import type { Point } from './trend.js';

const config = loadConfig(join(import.meta.dirname, '../../config/quang-nam-2024.json'));
const tz = config.timezone;
// Online dossiers: 50 % by 31/12/2024.
const ind = config.indicators.find((i) => i.id === 'online-dossier-rate')!;
const now = Date.parse('2024-09-01T08:00:00+07:00');
const monthly = (values: number[]): Point[] => values.map((v, i) => ({ t: now - (values.length - 1 - i) * 30 * DAY_MS, v }));

function band(points: Point[]) {
  const state = assessIndicator(Series.of(points), { ...ind, revision: null }, now, config.risk, tz);
  const p = projectionOf(points, ind, state, now, config.risk, tz)!;
  expect(p, 'a projection').not.toBeNull();
  return { ...p, width: p.high - p.low, state };
}

describe('projection and its band (Sen’s interval of the trend slope)', () => {
  it('a steady series: the band closes on the projection, which is the assessment’s', () => {
    const p = band(monthly([10, 12, 14, 16, 18, 20, 22, 24]));
    expect(p.to.value).toBe(p.state.projected);
    expect(p.from.value).toBeCloseTo(24, 0);
    expect(p.width).toBeLessThan(0.2);
    expect(p.to.at.startsWith('2025-01-01T00:00')).toBe(true);
  });

  it('the same pace with noise: a wider band around the same projection', () => {
    const steady = band(monthly([10, 12, 14, 16, 18, 20, 22, 24]));
    const noisy = band(monthly([10, 15, 12, 19, 15, 23, 19, 24]));
    expect(noisy.width).toBeGreaterThan(5);
    expect(noisy.low).toBeLessThan(noisy.to.value);
    expect(noisy.high).toBeGreaterThan(noisy.to.value);
    expect(Math.abs(noisy.to.value - steady.to.value)).toBeLessThan(5);
  });

  it('a series that stalls: the band reaches down to no progress', () => {
    const p = band(monthly([10, 14, 18, 22, 26, 26, 26, 26]));
    expect(p.low).toBeLessThanOrEqual(p.from.value + 1);
    expect(p.high).toBeGreaterThan(p.to.value);
  });

  it('is fitted on the trend’s own window: a wild reading years before changes nothing', () => {
    const recent = monthly([10, 15, 12, 19, 15, 23, 19, 24]);
    const old = [{ t: now - 1200 * DAY_MS, v: 95 }, ...recent];
    const a = band(recent);
    const b = band(old);
    expect([b.low, b.high, b.to.value]).toEqual([a.low, a.high, a.to.value]);
  });

  it('none where the level does not rest on a trend', () => {
    const one = [{ t: now - DAY_MS, v: 20 }];
    const state = assessIndicator(Series.of(one), { ...ind, revision: null }, now, config.risk, tz);
    expect(projectionOf(one, ind, state, now, config.risk, tz)).toBeNull();
  });
});
