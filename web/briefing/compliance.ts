import type { ReportStatus, UnitState } from '../../server/protocol/index.js';

/** A grid cell: a monthly report's status, or `before` when the rule did not apply to the unit yet. */
export type Cell = ReportStatus | 'before';

export interface ComplianceRow {
  id: string;
  cells: Cell[];
}

/**
 * The compliance grid (pure): months across (the last `months` up to `period`), reporting units
 * down, those with the most missing then late reports first, then by rank.
 */
export function complianceGrid(units: readonly UnitState[], period: string, months = 6): { periods: string[]; rows: ComplianceRow[] } {
  const all = new Set(units.flatMap((u) => u.reports.map((r) => r.period)));
  const periods = [...all]
    .filter((p) => p <= period)
    .sort()
    .slice(-months);
  const rows = units
    .filter((u) => !u.notReporting)
    .map((u) => {
      const by = new Map(u.reports.map((r) => [r.period, r.status]));
      const cells: Cell[] = periods.map((p) => by.get(p) ?? 'before');
      const weight = cells.reduce((n, c) => n + (c === 'missing' ? 1000 : c === 'late' ? 1 : 0), 0);
      return { id: u.id, cells, weight, rank: u.rank };
    })
    .sort((a, b) => b.weight - a.weight || a.rank - b.rank)
    .map(({ id, cells }) => ({ id, cells }));
  return { periods, rows };
}

/** Split rows into `n` near-equal columns (a slide shows many units side by side). */
export function columnsOf<T>(rows: readonly T[], n: number): T[][] {
  const per = Math.ceil(rows.length / n);
  return Array.from({ length: n }, (_, i) => rows.slice(i * per, (i + 1) * per)).filter((c) => c.length);
}
