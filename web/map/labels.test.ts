import { describe, expect, it } from 'vitest';
import type { Boundaries, Level } from '../../server/protocol/index.js';
import { abbreviate, areaOf, labelPriorities, placeLabels, type Box, type LabelCandidate } from './labels.js';

const at = (id: string, x: number, y: number, priority: number, text = 'Quế Sơn', small = false): LabelCandidate => ({ id, x, y, text, priority, small });
const view = { width: 800, height: 600 };
const ids = (m: ReadonlyMap<string, unknown>) => new Set(m.keys());
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe('placeLabels: names that fit, worst first, never overlapping', () => {
  it('keeps every label that has room, with its full name on its unit', () => {
    const placed = placeLabels([at('a', 100, 100, 1), at('b', 400, 100, 1), at('c', 100, 400, 1)], 20, view);
    expect(ids(placed)).toEqual(new Set(['a', 'b', 'c']));
    expect(placed.get('a')).toMatchObject({ text: 'Quế Sơn', dx: 0, leader: false });
  });
  it('drops the lower priority of two overlapping labels, and one that leaves the view', () => {
    const placed = placeLabels([at('calm', 100, 100, 1), at('worst', 110, 105, 5), at('edge', 5, 300, 9)], 20, view);
    expect(ids(placed)).toEqual(new Set(['worst']));
  });
  it('abbreviates a name that does not fit whole', () => {
    // Two anchors 100 px apart: "Tiên Phước" (~116 px at 20 px) collides with "Phú Ninh", "T. Phước" fits.
    const placed = placeLabels([at('pn', 100, 100, 5, 'Phú Ninh'), at('tp', 200, 100, 1, 'Tiên Phước')], 20, view);
    expect(placed.get('tp')?.text).toBe('T. Phước');
    expect(placed.get('pn')?.text).toBe('Phú Ninh');
  });
  it('moves a small unit’s label beside it with a leader line, never a large unit’s', () => {
    const crowd = [at('big', 100, 100, 9, 'Điện Bàn'), at('tiny', 112, 135, 1, 'Hội An', true), at('wide', 90, 135, 1, 'Duy Xuyên')];
    const placed = placeLabels(crowd, 20, view);
    expect(placed.get('tiny')).toMatchObject({ leader: true, text: 'Hội An' });
    expect(Math.abs(placed.get('tiny')!.dx)).toBeGreaterThan(20);
    expect(placed.has('wide')).toBe(false);
  });
  it('keeps labels clear of obstacles (inset boxes, legend)', () => {
    const inset: Box = [60, 60, 300, 200];
    expect(placeLabels([at('under', 100, 100, 9)], 20, view, { obstacles: [inset] }).size).toBe(0);
  });
  it('labels only a fraction of 168 crowded units, without two boxes overlapping', () => {
    const many = Array.from({ length: 168 }, (_, i) => at(`u${i}`, 40 + (i % 14) * 52, 40 + Math.floor(i / 14) * 45, i % 6, 'Phường Bến Thành', i % 2 === 0));
    const placed = placeLabels(many, 18, view);
    expect(placed.size).toBeGreaterThan(10);
    expect(placed.size).toBeLessThan(84);
    const boxes = [...placed.values()].flatMap((p) => p.boxes);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
  });
});

describe('abbreviate', () => {
  it('shortens every word but the last to its initial, keeping diacritics and the dagger', () => {
    expect(abbreviate('Tiên Phước')).toBe('T. Phước');
    expect(abbreviate('Điện Bàn Đông')).toBe('Đ.B. Đông');
    expect(abbreviate('Ẳng Tở †')).toBe('Ẳ. Tở †');
    expect(abbreviate('Hoàng Sa')).toBe('H. Sa');
    expect(abbreviate('Avương')).toBe('Avương');
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
  const b: Boundaries = { type: 'FeatureCollection', features: [sq('big-ok', 3), sq('small-bad', 1), sq('small-ok', 1)] };
  const levels = new Map<string, Level>([
    ['big-ok', 'on_track'],
    ['small-bad', 'overdue'],
    ['small-ok', 'on_track'],
  ]);
  it('puts the worst level first, then the larger unit', () => {
    const p = labelPriorities(b, levels);
    expect(p.get('small-bad')!).toBeGreaterThan(p.get('big-ok')!);
    expect(p.get('big-ok')!).toBeGreaterThan(p.get('small-ok')!);
    expect(areaOf(sq('x', 2).geometry)).toBe(4);
  });
  it('puts the units the side panel names before every other, worst included', () => {
    const p = labelPriorities(b, levels, new Set(['small-ok']));
    expect(p.get('small-ok')!).toBeGreaterThan(p.get('small-bad')!);
    // And the order decides who keeps the spot two labels want.
    const placed = placeLabels([at('small-bad', 100, 100, p.get('small-bad')!), at('small-ok', 105, 100, p.get('small-ok')!)], 20, view);
    expect(ids(placed)).toEqual(new Set(['small-ok']));
  });
});

describe('leader lines', () => {
  it('join the anchor to the nearest edge of a label moved off its unit, and never cover another unit’s icon', () => {
    const crowd = [at('big', 100, 100, 9, 'Điện Bàn'), at('tiny', 112, 135, 1, 'Hội An', true), at('dot', 200, 128, 0, 'Duy Xuyên')];
    const tiny = placeLabels(crowd, 20, view).get('tiny')!;
    const [l, t, r, b] = tiny.boxes[0]!;
    expect(tiny.line?.slice(0, 2)).toEqual([112, 135]);
    const [x2, y2] = tiny.line!.slice(2) as [number, number];
    expect(x2 === l || x2 === r || y2 === t || y2 === b).toBe(true);
    // Right of the unit is where "dot" keeps its icon: the label went elsewhere.
    expect(overlaps(tiny.boxes[0]!, [194, 122, 206, 134])).toBe(false);
  });
});
