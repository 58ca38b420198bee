import { describe, expect, it } from 'vitest';
import { assess, indicator, LAST, series } from '../../tests/helpers/series.js';
import type { IndicatorState } from '../protocol/state.js';
import { shortfallShare } from './indicator.js';

describe('shortfallShare', () => {
  const ind = indicator({ target: 80 }); // range 0..100
  const state = (over: Partial<IndicatorState>): IndicatorState => ({
    ...assess([], LAST, ind),
    ...over,
  });

  it('is 0 when met and 1 when there is no data', () => {
    expect(shortfallShare(state({ level: 'met', value: 90 }), ind)).toBe(0);
    expect(shortfallShare(state({ level: 'no_data' }), ind)).toBe(1);
  });

  it('uses the current value, at least 0.1, when overdue', () => {
    expect(shortfallShare(state({ level: 'overdue', value: 50 }), ind)).toBeCloseTo(0.3, 9);
    expect(shortfallShare(state({ level: 'overdue', value: 79 }), ind)).toBeCloseTo(0.1, 9);
  });

  it('uses the projection when there is one, clamped to 0..1', () => {
    expect(shortfallShare(state({ level: 'off_track', value: 40, projected: 60 }), ind)).toBeCloseTo(0.2, 9);
    expect(shortfallShare(state({ level: 'on_track', value: 70, projected: 95 }), ind)).toBe(0);
  });

  it('counts an unknown future as half missing', () => {
    expect(shortfallShare(state({ level: 'at_risk', value: 40, projected: null }), ind)).toBeCloseTo(0.25, 9);
  });

  it('is mirrored for "down" indicators', () => {
    const down = indicator({ direction: 'down', target: 10 });
    expect(shortfallShare(state({ level: 'off_track', value: 40, projected: 30 }), down)).toBeCloseTo(0.2, 9);
  });

  it('is higher for worse projections', () => {
    const a = assess(series([46, 54, 62, 70]), LAST);
    const b = assess(series([87, 88, 89, 90]), LAST);
    const c = assess(series([60, 58, 56, 54]), LAST);
    const i = indicator();
    // Projected 93.9 (at_risk), 93.0 (off_track), 48.0 (falling).
    expect(shortfallShare(b, i)).toBeGreaterThan(shortfallShare(a, i));
    expect(shortfallShare(c, i)).toBeGreaterThan(shortfallShare(b, i));
  });
});
