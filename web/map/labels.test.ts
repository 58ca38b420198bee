import { describe, expect, it } from 'vitest';
import type { Boundaries, Level } from '../../server/protocol/index.js';
import { areaOf, labelPriorities, placeLabels, type LabelCandidate } from './labels.js';

const at = (id: string, x: number, y: number, priority: number, text = 'Quế Sơn'): LabelCandidate => ({ id, x, y, text, priority });
const view = { width: 800, height: 600 };

describe('placeLabels: names that fit, worst first, never overlapping', () => {
  it('keeps every label that has room', () => {
    expect(placeLabels([at('a', 100, 100, 1), at('b', 400, 100, 1), at('c', 100, 400, 1)], 20, view)).toEqual(new Set(['a', 'b', 'c']));
  });
  it('drops the lower priority of two overlapping labels, and one that leaves the view', () => {
    const placed = placeLabels([at('calm', 100, 100, 1), at('worst', 110, 105, 5), at('edge', 5, 300, 9)], 20, view);
    expect(placed).toEqual(new Set(['worst']));
  });
  it('labels only a fraction of 168 crowded units, without two boxes overlapping', () => {
    const many = Array.from({ length: 168 }, (_, i) => at(`u${i}`, 40 + (i % 14) * 52, 40 + Math.floor(i / 14) * 45, i % 6, 'Phường Bến Thành'));
    const placed = placeLabels(many, 18, view);
    expect(placed.size).toBeGreaterThan(10);
    expect(placed.size).toBeLessThan(84);
  });
});

describe('labelPriorities', () => {
  const sq = (id: string, size: number) => ({
    type: 'Feature' as const,
    properties: { id, label: [0, 0] as [number, number] },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [0, 0],
          [size, 0],
          [size, size],
          [0, size],
          [0, 0],
        ],
      ],
    },
  });
  it('puts the worst level first, then the larger unit', () => {
    const b: Boundaries = { type: 'FeatureCollection', features: [sq('big-ok', 3), sq('small-bad', 1), sq('small-ok', 1)] };
    const p = labelPriorities(
      b,
      new Map<string, Level>([
        ['big-ok', 'on_track'],
        ['small-bad', 'overdue'],
        ['small-ok', 'on_track'],
      ]),
    );
    expect(p.get('small-bad')!).toBeGreaterThan(p.get('big-ok')!);
    expect(p.get('big-ok')!).toBeGreaterThan(p.get('small-ok')!);
    expect(areaOf(sq('x', 2).geometry)).toBe(4);
  });
});
