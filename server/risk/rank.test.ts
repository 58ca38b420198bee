import { describe, expect, it } from 'vitest';
import type { Level } from '../protocol/levels.js';
import type { UnitKind, UnitState } from '../protocol/state.js';
import { insertionPoint, numberRanks, rankOrder, rankUnits } from './rank.js';

const mk = (id: string, kind: UnitKind, level: Level, score: number): UnitState => ({ id, kind, level, score, rank: 0, kindRank: 0 }) as UnitState;

describe('the one ranking order', () => {
  const units = [
    mk('a', 'area', 'met', 0),
    mk('s1', 'department', 'overdue', 10),
    mk('b', 'area', 'off_track', 60),
    mk('s2', 'department', 'met', 5),
    mk('c', 'area', 'off_track', 20),
  ];

  it('numbers the province and each kind apart, worst first', () => {
    const ranked = rankUnits(units);
    expect(ranked.map((u) => [u.id, u.rank, u.kindRank])).toEqual([
      ['a', 5, 3],
      ['s1', 1, 1],
      ['b', 2, 1],
      ['s2', 4, 2],
      ['c', 3, 2],
    ]);
  });

  it('renumbers a range whose units moved within it as a fresh numbering would', () => {
    const order = rankOrder(units.map((u) => u.id));
    const sorted = rankUnits(units).sort(order);
    // c becomes the worst area: it moves from place 3 to place 2, before b.
    const c = { ...sorted[2]!, score: 70 };
    sorted.splice(2, 1);
    sorted.splice(insertionPoint(sorted, c, order), 0, c);
    numberRanks(sorted, (u, rank, kindRank) => ({ ...u, rank, kindRank }), 1, 2, false);
    const fresh = rankUnits(sorted).sort(order);
    expect(sorted.map((u) => [u.id, u.rank, u.kindRank])).toEqual(fresh.map((u) => [u.id, u.rank, u.kindRank]));
    expect(sorted.find((u) => u.id === 'c')!.kindRank).toBe(1);
  });
});
