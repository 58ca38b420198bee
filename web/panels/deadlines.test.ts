import { describe, expect, it } from 'vitest';
import type { IndicatorMeta, IndicatorState, Level, Reason, Snapshot, UnitState } from '../../server/protocol/index.js';
import { NBSP } from '../lib/format.js';
import { deadlineGroups, dueText } from './deadlines.js';
import { headline } from './headline.js';

const TZ = 'Asia/Ho_Chi_Minh';
const meta = (id: string, deadline: string, unit: IndicatorMeta['unit'] = 'percent'): IndicatorMeta => ({
  id,
  name: { vi: id, en: id },
  short: { vi: `ngắn ${id}`, en: `short ${id}` },
  unit,
  direction: 'up',
  target: 100,
  deadline,
  weight: 1,
  source: { vi: '', en: '' },
  appliesTo: ['area'],
  revision: null,
});
const reason = (r: Partial<Reason>): Reason => ({
  kind: 'behind_pace',
  requiredPace: null,
  achievedPace: null,
  projected: null,
  target: null,
  deadline: null,
  slackDays: null,
  lastAt: null,
  ...r,
});
const unit = (id: string, levels: Record<string, Level>, notReporting = false): UnitState =>
  ({
    id,
    notReporting,
    indicators: Object.entries(levels).map(([i, level]) => ({ id: i, level }) as IndicatorState),
  }) as UnitState;
const snap = (asOf: string, indicators: IndicatorMeta[], units: UnitState[]) =>
  ({ asOf, indicators, units, province: { timezone: TZ } }) as unknown as Pick<Snapshot, 'asOf' | 'indicators' | 'units' | 'province'>;

describe('the deadlines the wall shows', () => {
  const a = meta('a', '2026-12-31');
  const b = meta('b', '2026-12-31');
  const late = meta('late', '2025-08-15');
  const done = meta('done', '2025-06-30');
  const units = [
    unit('u1', { a: 'off_track', b: 'met', late: 'overdue', done: 'met' }),
    unit('u2', { a: 'at_risk', b: 'at_risk', late: 'met', done: 'met' }),
    unit('u3', { a: 'no_data', b: 'on_track', late: 'overdue', done: 'met' }),
    unit('hs', { a: 'no_data', b: 'no_data', late: 'no_data', done: 'no_data' }, true),
  ];

  it('groups indicators by deadline, soonest first, most units behind first, and drops passed deadlines that everyone met', () => {
    // Days count from the province's local date (23:30 on 29/11 there), not from UTC.
    const groups = deadlineGroups(snap('2026-11-29T23:30:00+07:00', [b, a, late, done], units));
    expect(groups.map((g) => [g.deadline, g.daysLeft])).toEqual([
      ['2025-08-15', -471],
      ['2026-12-31', 32],
    ]);
    expect(groups[1]!.rows.map((r) => [r.indicator.id, r.behind, r.total, r.counts.no_data])).toEqual([
      ['a', 2, 3, 1],
      ['b', 1, 3, 0],
    ]);
    expect(groups[0]!.rows[0]!.behind).toBe(2);
  });

  it('says where a deadline stands in words', () => {
    expect(dueText('vi', 32)).toBe(`còn 32${NBSP}ngày`);
    expect(dueText('vi', -471)).toBe(`quá hạn 471${NBSP}ngày`);
    expect(dueText('en', 0)).toBe('due today');
  });
});

describe('a ranked row leads with one figure', () => {
  const inds = [meta('x', '2026-12-31'), meta('p', '2026-12-31', 'points')];
  const at = '2026-11-29T10:00:00+07:00';

  it('the gap to the target, in points, with a true minus', () => {
    const h = headline('vi', reason({ indicator: 'x', projected: 84.33, target: 100 }), inds, at, TZ);
    expect(h).toEqual({ figure: `−15,7${NBSP}điểm`, phrase: `ngắn x · dự kiến 84,3${NBSP}%` });
  });
  it('days late when overdue, and days without figures when stale', () => {
    expect(headline('vi', reason({ kind: 'overdue', indicator: 'x', slackDays: -12 }), inds, at, TZ).figure).toBe(`12${NBSP}ngày`);
    const stale = headline('en', reason({ kind: 'stale', indicator: 'p', lastAt: '2026-10-01T09:00:00+07:00' }), inds, at, TZ);
    expect(stale).toEqual({ figure: `59${NBSP}days`, phrase: 'short p · last figures 01/10' });
  });
});
