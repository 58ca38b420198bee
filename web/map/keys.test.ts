import { describe, expect, it } from 'vitest';
import type { Level } from '../../server/protocol/index.js';
import { keyCandidates, legendBox, legendRows, placeKeys, type KeyCandidate, type KeyOptions } from './keys.js';
import { overlaps, type Box } from './labels.js';

const unit = (id: string, x: number, y: number, level: Level): KeyCandidate => ({ id, x, y, name: `Xã ${id}`, level });
const opts: KeyOptions = { radius: 10, rowHeight: 30, measure: (n, t) => (n === null ? 0 : 24) + t.length * 12, view: { width: 800, height: 600 } };

describe('keyCandidates', () => {
  it('keeps unlabelled units at risk or worse, worst first', () => {
    const cands = [
      unit('a', 0, 0, 'at_risk'),
      unit('b', 0, 0, 'overdue'),
      unit('c', 0, 0, 'on_track'),
      unit('d', 0, 0, 'off_track'),
      unit('e', 0, 0, 'no_data'),
    ];
    expect(keyCandidates(cands, new Set(['d'])).map((c) => c.id)).toEqual(['b', 'a']);
  });
});

describe('legendBox and legendRows', () => {
  it('lists all that fit, or all but one and a "+N" row', () => {
    expect(legendRows(3, 5)).toEqual({ listed: 3, more: 0 });
    expect(legendRows(12, 5)).toEqual({ listed: 4, more: 8 });
  });
  it('sits in the first free corner, never over an obstacle, and not at all with nothing to list', () => {
    expect(legendBox([], [], opts)).toBeNull();
    const bottomLeft = legendBox(['Xã a'], [], opts)!;
    expect(bottomLeft[0]).toBeLessThan(50);
    expect(bottomLeft[3]).toBeGreaterThan(550);
    const caption: Box = [0, 500, 300, 600];
    const other = legendBox(['Xã a'], [caption], opts)!;
    expect(overlaps(other, caption)).toBe(false);
  });
  it('is never taller than its share of the view', () => {
    const b = legendBox(
      Array.from({ length: 60 }, (_, i) => `Xã ${i}`),
      [],
      opts,
    )!;
    expect(b[3] - b[1]).toBeLessThanOrEqual(600 * 0.4);
  });
  it('is as wide as its widest row, or as any name it may list later', () => {
    const row = (n: string) => 24 + n.length * 12 + 18;
    const b = legendBox(['Xã a', 'Xã bbbb'], [], opts)!;
    expect(b[2] - b[0]).toBe(row('Xã bbbb'));
    const wider = legendBox(['Xã a'], [], opts, ['Xã a', 'Phường cccccc'])!;
    expect(wider[2] - wider[0]).toBe(row('Phường cccccc'));
  });
  it('measures exactly only the roughly widest of many names it may list (each exact measure is a layout)', () => {
    const measured: string[] = [];
    const many = Array.from({ length: 3000 }, (_, i) => `Xã ${'b'.repeat(i % 40)}${i}`);
    const o = { ...opts, measure: (n: number | null, t: string) => (measured.push(t), opts.measure(n, t)), rough: (t: string) => t.length };
    const b = legendBox(['Xã a'], [], o, many)!;
    const widestName = many.reduce((a, n) => (n.length > a.length ? n : a));
    expect(b[2] - b[0]).toBe(legendBox(['Xã a'], [], opts, many)![2] - legendBox(['Xã a'], [], opts, many)![0]);
    expect(measured).toContain(widestName);
    expect(measured.length).toBeLessThan(20);
  });
});

describe('placeKeys', () => {
  it('numbers keys worst first, clear of labels, the legend and each other, and counts the rest', () => {
    const want = keyCandidates(
      Array.from({ length: 30 }, (_, i) => unit(`u${i}`, 200 + (i % 6) * 12, 200 + Math.floor(i / 6) * 12, i % 3 ? 'at_risk' : 'overdue')),
      new Set(),
    );
    const label: Box = [180, 180, 260, 215];
    const legend = legendBox(
      want.map((c) => c.name),
      [],
      opts,
    )!;
    const plan = placeKeys(want, [label], legend, opts);
    expect(plan.keys.length).toBeGreaterThan(3);
    expect(plan.keys.map((k) => k.n)).toEqual(plan.keys.map((_, i) => i + 1));
    // In the candidates' order (worst first); one under the label with no free spot beside it is skipped.
    const order = plan.keys.map((k) => want.findIndex((c) => c.id === k.id));
    expect(order).toEqual(order.toSorted((a, b) => a - b));
    expect(plan.more).toBe(30 - plan.keys.length);
    const boxes = [label, plan.legend!, ...plan.keys.map((k) => k.box)];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${i} × ${j}`).toBe(false);
    // The legend shrinks to its rows: the keys and a "+N" row.
    expect(plan.legend![3] - plan.legend![1]).toBeCloseTo((plan.keys.length + 1) * 30 + 18);
    expect(plan.legend![2] - plan.legend![0]).toBe(24 + Math.max(...plan.keys.map((k) => k.name.length)) * 12 + 18);
  });
  it('shrinks a right-hand legend towards its right edge', () => {
    const want = [unit('a', 100, 100, 'overdue')];
    const legend: Box = [500, 20, 780, 200];
    const plan = placeKeys(want, [], legend, opts);
    expect(plan.legend![2]).toBe(780);
    expect(plan.legend![0]).toBe(780 - (24 + 'Xã a'.length * 12 + 18));
  });
});
