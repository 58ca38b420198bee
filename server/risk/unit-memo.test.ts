import { describe, expect, it } from 'vitest';
import { RISK, UNITS } from '../../tests/helpers/fixtures.js';
import { indicator, LAST, series } from '../../tests/helpers/series.js';
import type { ReportState } from '../protocol/state.js';
import type { UnitTask } from '../protocol/tasks.js';
import { DAY_MS } from '../time/local.js';
import { assessIndicator } from './indicator.js';
import type { TrendCache } from './memo.js';
import { assessUnit } from './unit.js';
import { Series } from './series.js';
import { UnitMemo } from './unit-memo.js';

const ind = { ...indicator(), revision: null };
const catalogue = new Map([[ind.id, ind]]);
const cache: TrendCache = new WeakMap();
const results = [assessIndicator(Series.of(series([40, 46, 52, 58])), ind, LAST + DAY_MS, RISK, 'Asia/Ho_Chi_Minh', cache)];
const task: UnitTask = {
  id: 't',
  title: { vi: 'Việc', en: 'Task' },
  level: 'on_track',
  progress: 'in_progress',
  percent: 50,
  daysLate: 0,
  deadline: '2024-09-30',
  deadlineAt: '2024-10-01T00:00:00+07:00',
  reason: { kind: 'on_track', percent: 50, daysLeft: 80 },
};
const reports: ReportState[] = [{ period: '2024-06', dueAt: '2024-07-15T00:00:00+07:00', status: 'on_time', submittedAt: '2024-07-10T09:00:00+07:00' }];

function kept(): UnitMemo {
  const memo = new UnitMemo();
  memo.keep(UNITS.tamKy, assessUnit(UNITS.tamKy, results, catalogue, reports, RISK), catalogue);
  return memo;
}

describe('UnitMemo: a unit handed back only when its inputs are the same', () => {
  it('the same indicator objects, equal reports (new objects), same weighing: the kept state', () => {
    const memo = kept();
    const s = memo.reuse(
      UNITS.tamKy,
      [...results],
      reports.map((r) => ({ ...r })),
      undefined,
      catalogue,
    );
    expect(s).not.toBeNull();
    expect(s).toEqual(assessUnit(UNITS.tamKy, results, catalogue, reports, RISK));
  });
  it('an indicator result that is another object, a report that differs, another weight, tasks, another unit: none', () => {
    const memo = kept();
    expect(memo.reuse(UNITS.tamKy, [{ ...results[0]! }], reports, undefined, catalogue)).toBeNull();
    expect(memo.reuse(UNITS.tamKy, results, [{ ...reports[0]!, status: 'late' }], undefined, catalogue)).toBeNull();
    expect(memo.reuse(UNITS.tamKy, results, reports, undefined, new Map([[ind.id, { ...ind, weight: ind.weight + 1 }]]))).toBeNull();
    expect(memo.reuse(UNITS.tamKy, results, reports, [task], catalogue)).toBeNull();
    expect(memo.reuse(UNITS.hoiAn, results, reports, undefined, catalogue)).toBeNull();
  });
  it('a renumbered copy takes the kept place; clear forgets every unit', () => {
    const memo = kept();
    const s = memo.reuse(UNITS.tamKy, results, reports, undefined, catalogue)!;
    memo.renumbered({ ...s, rank: 7, kindRank: 3 });
    expect(memo.reuse(UNITS.tamKy, results, reports, undefined, catalogue)!.rank).toBe(7);
    memo.clear();
    expect(memo.reuse(UNITS.tamKy, results, reports, undefined, catalogue)).toBeNull();
  });
});
