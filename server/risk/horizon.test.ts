import { describe, expect, it } from 'vitest';
import { indicatorConfig, local, RISK, TZ } from '../../tests/helpers/fixtures.js';
import { mulberry32 } from '../../tests/helpers/random.js';
import { DAY_MS } from '../time/local.js';
import { assessIndicator } from './indicator.js';
import type { TrendCache } from './memo.js';
import { Series } from './series.js';

const START = local('2024-01-01T08:00:00');
const MINUTE = 60_000;

describe('horizon: a kept result is handed back only while a fresh assessment would equal it', () => {
  it('seeded series, clock steps from a minute to days, through every level: memo equals no memo at every step', () => {
    const rnd = mulberry32(0x1616);
    const kinds = new Map<string, number>();
    let skipped = 0;
    let steps = 0;
    for (let k = 0; k < 300; k++) {
      const up = rnd() < 0.6;
      // Near the target, near the range's ends, flat, single readings, stale feeds: each horizon's case.
      const target = up ? 60 + Math.round(rnd() * 40) : Math.round(rnd() * 30);
      const ind = {
        ...indicatorConfig('x', {
          direction: up ? 'up' : 'down',
          target,
          deadline: `2024-${String(2 + Math.floor(rnd() * 4)).padStart(2, '0')}-${10 + Math.floor(rnd() * 18)}`,
          ...(rnd() < 0.2 && { staleDays: 10 }),
        }),
        revision: null,
      };
      const n = rnd() < 0.15 ? 1 : 2 + Math.floor(rnd() * 12);
      const gapDays = rnd() < 0.3 ? 0.25 + rnd() : 3 + rnd() * 20;
      const start = 10 + rnd() * 80;
      const pace = (rnd() - 0.3) * 4;
      const series = Series.of(
        Array.from({ length: n }, (_, i) => ({
          t: START + Math.round(i * gapDays * DAY_MS),
          v: Math.min(100, Math.max(0, Math.round((start + pace * i + (rnd() - 0.5) * 2) * 10) / 10)),
        })),
      );
      const cache: TrendCache = new WeakMap();
      let now = START + Math.round(rnd() * 30 * DAY_MS);
      for (let step = 0; step < 60; step++) {
        now += rnd() < 0.7 ? Math.ceil(rnd() * 30) * MINUTE : Math.round(rnd() * 4 * DAY_MS);
        const kept = assessIndicator(series, ind, now, RISK, TZ, cache);
        expect(kept, `series ${k}, step ${step}`).toEqual(assessIndicator(series, ind, now, RISK, TZ));
        if (cache.get(series) && cache.get(series)!.from !== now) skipped++;
        kinds.set(kept.reason.kind, (kinds.get(kept.reason.kind) ?? 0) + 1);
        steps++;
      }
    }
    // Every case was met, and most steps were answered from the horizon without working anything out.
    for (const kind of ['met', 'overdue', 'stale', 'no_trend', 'on_pace', 'behind_pace', 'near_miss', 'no_progress', 'due_today'])
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(10);
    expect(skipped).toBeGreaterThan(steps / 3);
  });
});
