import { describe, expect, it } from 'vitest';
import type { ReportState, UnitState } from '../../server/protocol/index.js';
import { columnsOf, complianceGrid } from './compliance.js';

const r = (period: string, status: ReportState['status']): ReportState => ({ period, status, dueAt: `${period}-15T00:00:00.000+07:00`, submittedAt: null });
const unit = (id: string, rank: number, reports: ReportState[], notReporting = false) => ({ id, rank, reports, notReporting }) as unknown as UnitState;

describe('complianceGrid', () => {
  it('months across up to the period, units down with the most missing first, before the rule where a month is absent', () => {
    const g = complianceGrid(
      [
        unit('a', 1, [r('2024-06', 'on_time'), r('2024-07', 'on_time'), r('2024-08', 'not_yet_due')]),
        unit('b', 2, [r('2024-07', 'missing'), r('2024-08', 'not_yet_due')]),
        unit('c', 3, [r('2024-06', 'late'), r('2024-07', 'on_time')]),
        unit('hs', 4, [], true),
      ],
      '2024-07',
    );
    expect(g.periods).toEqual(['2024-06', '2024-07']);
    expect(g.rows).toEqual([
      { id: 'b', cells: ['before', 'missing'] },
      { id: 'c', cells: ['late', 'on_time'] },
      { id: 'a', cells: ['on_time', 'on_time'] },
    ]);
  });

  it('splits rows into columns of near-equal length', () => {
    expect(columnsOf([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(columnsOf([1], 3)).toEqual([[1]]);
  });
});
