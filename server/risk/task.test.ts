import { describe, expect, it } from 'vitest';
import type { TaskReportRow } from '../store/task-rows.js';
import { taskRulesSchema, type TaskDef } from '../tasks/schema.js';
import { DAY_MS, localInstant } from '../time/local.js';
import { assessTask, type TaskFacts } from './task.js';

const TZ = 'Asia/Ho_Chi_Minh';
const rules = taskRulesSchema.parse({});
const START = localInstant(TZ, 2024, 7, 1);
const END = localInstant(TZ, 2024, 10, 1);
const task: TaskDef = {
  id: 'dvc-toan-trinh',
  title: { vi: 'Trình DVC toàn trình', en: 'Submit full online services' },
  owners: ['tam-ky'],
  deadline: '2024-09',
  source: { vi: 'KH 06', en: 'Plan 06' },
  milestones: [],
  dependsOn: [],
};
const report = (status: TaskReportRow['status'], at: number, over: Partial<TaskReportRow> = {}): TaskReportRow => ({
  task: task.id,
  status,
  percent: null,
  reason: null,
  note: null,
  evidence: null,
  milestonesDone: null,
  unit: 'tam-ky',
  reportedBy: 't1',
  receivedAt: at,
  ...over,
});
const facts = (over: Partial<TaskFacts> = {}): TaskFacts => ({
  task,
  start: START,
  end: END,
  reports: [],
  confirmRequired: true,
  dependencies: [],
  moved: null,
  ...over,
});
const at = (share: number) => END - share * (END - START);
const assess = (over: Partial<TaskFacts>, now: number) => assessTask(facts(over), now, rules, TZ);

describe('assessTask', () => {
  it('not started: on track with most of its time left, at risk under 30 % left, off track under 10 %', () => {
    expect(assess({}, at(0.5)).level).toBe('on_track');
    const near = assess({}, at(0.2));
    expect(near.level).toBe('at_risk');
    expect(near.reasons[0]).toMatchObject({ kind: 'not_started', shareLeft: 0.2 });
    expect(assess({}, at(0.05)).level).toBe('off_track');
  });

  it('past the deadline and not done: overdue by whole days', () => {
    const a = assess({ reports: [report('in_progress', START + DAY_MS, { percent: 60 })] }, END + 12 * DAY_MS);
    expect(a).toMatchObject({ level: 'overdue', daysLate: 12, percent: 60 });
    expect(a.reasons[0]).toEqual({ kind: 'overdue', daysLate: 12, percent: 60 });
  });

  it('a percentage climbing fast enough is on track; a stalled one is off track with its paces', () => {
    const climbing = [report('in_progress', at(0.9), { percent: 20 }), report('in_progress', at(0.6), { percent: 60 })];
    expect(assess({ reports: climbing }, at(0.6)).level).toBe('on_track');
    const stalled = [
      report('in_progress', at(0.9), { percent: 40 }),
      report('in_progress', at(0.7), { percent: 41 }),
      report('in_progress', at(0.5), { percent: 41 }),
    ];
    const a = assess({ reports: stalled }, at(0.5));
    expect(a.level).toBe('off_track');
    expect(a.reasons[0]).toMatchObject({ kind: 'pace', percent: 41 });
    const r = a.reasons[0] as Extract<(typeof a.reasons)[0], { kind: 'pace' }>;
    expect(r.achievedPace).toBeLessThan(r.requiredPace);
    expect(r.projected).toBeLessThan(100);
  });

  it('a missed milestone puts an on-track task at risk, until a report says it is reached', () => {
    const m = { ...task, milestones: [{ title: { vi: 'Trình phương án', en: 'Submit the plan' }, date: '2024-08-15' }] };
    const reports = [report('in_progress', at(0.9), { percent: 30 }), report('in_progress', at(0.4), { percent: 70 })];
    const a = assess({ task: m, reports }, at(0.4));
    expect(a.level).toBe('at_risk');
    expect(a.reasons[0]).toMatchObject({ kind: 'milestone', date: '2024-08-15' });
    expect(assess({ task: m, reports: [...reports.slice(0, 1), { ...reports[1]!, milestonesDone: 1 }] }, at(0.4)).level).toBe('on_track');
  });

  it('blocked: at risk at least, with its reason', () => {
    const a = assess({ reports: [report('blocked', at(0.8), { percent: 10, reason: 'chờ kinh phí' })] }, at(0.7));
    expect(a.progress).toBe('blocked');
    expect(a.reasons).toContainEqual({ kind: 'blocked', reason: 'chờ kinh phí' });
    expect(['at_risk', 'off_track']).toContain(a.level);
  });

  it('a late dependency says so, with its days late', () => {
    const dep = { id: 'ha-tang', title: { vi: 'Hạ tầng', en: 'Infrastructure' }, level: 'overdue' as const, daysLate: 12 };
    const a = assess({ dependencies: [dep] }, at(0.5));
    expect(a.level).toBe('at_risk');
    expect(a.reasons[0]).toEqual({ kind: 'dependency', task: 'ha-tang', title: dep.title, daysLate: 12 });
    expect(assess({ dependencies: [{ ...dep, level: 'on_track', daysLate: 0 }] }, at(0.5)).level).toBe('on_track');
  });

  it('done by an owner awaits confirmation where required; confirmed (or not required) it is met', () => {
    const done = report('done', at(0.3));
    const waiting = assess({ reports: [done] }, at(0.2));
    expect(waiting).toMatchObject({ level: 'on_track', progress: 'awaiting_confirmation', percent: 100 });
    expect(waiting.reasons[0]!.kind).toBe('awaiting_confirmation');
    const confirmed = assess({ reports: [done, report('confirmed', at(0.25), { unit: null })] }, at(0.2));
    expect(confirmed).toMatchObject({ level: 'met', progress: 'done', daysLate: 0 });
    expect(confirmed.reasons[0]).toEqual({ kind: 'done', confirmed: true, late: false });
    expect(assess({ reports: [done], confirmRequired: false }, END + 5 * DAY_MS).level).toBe('met');
    expect(assess({ reports: [done] }, END + 5 * DAY_MS).level).toBe('on_track');
  });

  it('a moved deadline is judged against the new one and says so last', () => {
    const moved = {
      kind: 'deadline_moved' as const,
      from: '2024-09',
      to: '2024-Q4',
      reason: 'QĐ gia hạn',
      setBy: 'env-admin',
      at: '2024-09-20T10:00:00.000+07:00',
    };
    const a = assess({ moved }, at(0.5));
    expect(a.level).toBe('on_track');
    expect(a.reasons.at(-1)).toEqual(moved);
  });
});
