import { describe, expect, it } from 'vitest';
import { RISK } from '../../tests/helpers/fixtures.js';
import { DAY_MS } from '../time/local.js';
import { trendWindow } from './indicator.js';
import { Series } from './series.js';
import type { Point } from './trend.js';

const START = Date.parse('2026-01-01T00:00:00Z');

/** A steady feed: `perDay` readings a day for `days` days, rising 0.2 a day. */
function feed(perDay: number, days: number): Point[] {
  const step = DAY_MS / perDay;
  const out: Point[] = [];
  for (let i = 0; i < perDay * days; i++) {
    const t = START + i * step;
    out.push({ t, v: 10 + (0.2 * (t - START)) / DAY_MS });
  }
  return out;
}

describe('trendWindow: chosen by time, not by how many readings there are', () => {
  // README: "thinned to one a day, those of the last 120 days but at least the 6 most recent (at most 48)".
  for (const perDay of [1, 24, 288]) {
    it(`a 90-day feed at ${perDay} a day gives the 48 most recent days, one reading each`, () => {
      const points = feed(perDay, 90);
      const w = trendWindow(Series.of(points), points.length, RISK).points();
      expect(w).toHaveLength(RISK.maxTrendPoints);
      const days = new Set(w.map((p) => Math.floor(p.t / DAY_MS)));
      expect(days.size).toBe(RISK.maxTrendPoints);
      // The newest reading is the series' last; the oldest is 47 days before it.
      expect(w[w.length - 1]).toEqual(points[points.length - 1]);
      expect(Math.round((w[w.length - 1]!.t - w[0]!.t) / DAY_MS)).toBe(RISK.maxTrendPoints - 1);
      // Each point is the last reading of its (UTC) day: the reading after it falls on another day.
      const index = new Map(points.map((p, i) => [p.t, i]));
      for (const p of w) {
        const next = points[index.get(p.t)! + 1];
        if (next) expect(Math.floor(next.t / DAY_MS)).not.toBe(Math.floor(p.t / DAY_MS));
      }
    });
  }

  it('a 10-day feed at 288 a day keeps every day (fewer days than the cap)', () => {
    const points = feed(288, 10);
    const w = trendWindow(Series.of(points), points.length, RISK).points();
    expect(w).toHaveLength(10);
    expect(w.every((p, i) => i === 0 || p.t - w[i - 1]!.t === DAY_MS)).toBe(true);
  });

  it('only the first `count` readings count', () => {
    const points = feed(288, 90);
    const count = 288 * 30;
    const w = trendWindow(Series.of(points), count, RISK).points();
    expect(w[w.length - 1]).toEqual(points[count - 1]);
    expect(w).toHaveLength(30);
  });

  it('old readings outside the 120-day window are left out, but at least the 6 most recent days stay', () => {
    const old = feed(1, 10);
    const recent = feed(1, 3).map((p) => ({ t: p.t + 200 * DAY_MS, v: p.v }));
    const points = [...old, ...recent];
    const w = trendWindow(Series.of(points), points.length, RISK).points();
    expect(w).toHaveLength(RISK.minTrendPoints);
  });
});
