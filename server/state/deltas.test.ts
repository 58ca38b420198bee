import { describe, expect, it } from 'vitest';
import type { Delta, UnitPatch } from '../protocol/state.js';
import { DeltaHistory } from './deltas.js';

/** A delta that patches `n` units (their contents do not matter to the history). */
const delta = (seq: number, n: number): Delta => ({
  seq,
  generatedAt: '2026-01-01T00:00:00.000Z',
  asOf: '2026-01-01T00:00:00.000Z',
  units: Array.from({ length: n }, (_, i) => ({ id: `u${i}` }) as unknown as UnitPatch),
});

describe('DeltaHistory: what a reconnecting wall can catch up on', () => {
  it('gives the deltas after a seq, in order', () => {
    const h = new DeltaHistory(18);
    for (let s = 1; s <= 5; s++) h.remember(delta(s, 1));
    expect(h.since(2, 5)!.map((d) => d.seq)).toEqual([3, 4, 5]);
    expect(h.since(5, 5)).toEqual([]);
  });

  it('keeps about one patch per unit of the largest map: a national batch does not pile up', () => {
    const h = new DeltaHistory(3321);
    for (let s = 1; s <= 6; s++) h.remember(delta(s, 3321));
    // Only the newest batch is kept: a wall further behind gets a snapshot (null).
    expect(h.since(5, 6)!.map((d) => d.seq)).toEqual([6]);
    expect(h.since(4, 6)).toBeNull();
  });

  it('keeps at least 1,000 patches on a small map', () => {
    const h = new DeltaHistory(18);
    for (let s = 1; s <= 60; s++) h.remember(delta(s, 18));
    expect(h.since(5, 60)).toHaveLength(55);
    expect(h.since(3, 60)).toBeNull();
  });
});
