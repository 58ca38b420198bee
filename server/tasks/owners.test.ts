import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import type { TaskReportRow } from '../store/task-rows.js';
import { localInstant } from '../time/local.js';
import { chooseOwner, ownerView } from './owner.js';
import { tasksAt } from './register.js';
import type { TaskDef } from './schema.js';
import { unitTasks } from './units.js';

const TZ = 'Asia/Ho_Chi_Minh';
const tiny = loadConfig('tests/fixtures/tiny/province.json');
const every: TaskDef = {
  id: 'moi-xa',
  title: { vi: 'Mọi xã', en: 'Every commune' },
  owners: ['*'],
  deadline: '2024-09',
  source: { vi: 'KH 06', en: 'Plan 06' },
  milestones: [],
  dependsOn: [],
};
const config = { ...tiny, tasks: { ...tiny.tasks, tasks: [every] } };
const at = (d: number) => localInstant(TZ, 2024, 9, d);
const row = (unit: string | null, status: TaskReportRow['status'], receivedAt: number): TaskReportRow => ({
  task: 'moi-xa',
  status,
  percent: status === 'done' || status === 'confirmed' ? 100 : 50,
  reason: null,
  note: null,
  evidence: null,
  milestonesDone: null,
  unit,
  reportedBy: unit ?? 'office',
  receivedAt,
});
const own = (owner: string, reports: TaskReportRow[], now: number) => tasksAt(config, [], reports, now)[0]!.byOwner.find((o) => o.unit === owner)!;

describe('a task of several owners: each reports and is assessed on its own', () => {
  const owners = tasksAt(config, [], [], at(1))[0]!.owners;
  const [a, b] = owners as [string, string];
  const reports = [row(a, 'done', at(10)), row(a, 'confirmed', at(11))];

  it("commune A's confirmed done is A's alone: B keeps its level; the task counts its owners and takes the worst", () => {
    const before = own(b, [], at(25));
    expect(own(a, reports, at(25))).toMatchObject({ level: 'met', progress: 'done' });
    expect(own(b, reports, at(25))).toEqual(before);
    const [task] = tasksAt(config, [], reports, localInstant(TZ, 2024, 10, 6));
    expect(task!.ownerCounts).toEqual({ total: owners.length, done: 1, awaiting: 0, overdue: owners.length - 1 });
    expect(task).toMatchObject({ level: 'overdue', progress: 'not_started', daysLate: 5 });
  });

  it('a confirmation names the owner it confirms: A confirmed leaves B awaiting', () => {
    const both = [row(a, 'done', at(10)), row(b, 'done', at(10)), row(a, 'confirmed', at(11))];
    expect(own(b, both, at(12)).progress).toBe('awaiting_confirmation');
    expect(tasksAt(config, [], both, at(12))[0]!.ownerCounts).toMatchObject({ done: 1, awaiting: 1 });
  });

  it('a report stored before per-owner status (no unit) speaks for every owner', () => {
    const legacy = [row(null, 'in_progress', at(5))];
    expect(owners.map((o) => own(o, legacy, at(6)).percent)).toEqual(owners.map(() => 50));
  });

  it('the time machine shows each owner as known then', () => {
    expect(own(a, reports, at(10) - 1).progress).toBe('not_started');
    expect(own(a, reports, at(10)).progress).toBe('awaiting_confirmation');
  });

  it("the units' state and one owner's view carry that owner's own level and reports", () => {
    const units = unitTasks(config, { readings: new Map(), reports: new Map(), tasks: { versions: [], reports } }, at(25));
    expect(units.get(a)![0]).toMatchObject({ level: 'met', progress: 'done' });
    expect(units.get(b)![0]!.progress).toBe('not_started');
    const view = ownerView(tasksAt(config, [], [...reports, row(b, 'in_progress', at(12))], at(25))[0]!, b);
    expect(view).toMatchObject({ progress: 'in_progress', byOwner: [{ unit: b }] });
    expect(view.reports.map((r) => r.unit)).toEqual([b]);
  });
});

describe('which owner a report is for', () => {
  it("a unit token: its own unit, never another's", () => {
    expect(chooseOwner('t', ['x', 'y'], 'x', undefined)).toEqual({ ok: true, unit: 'x' });
    expect(chooseOwner('t', ['x', 'y'], 'x', 'y')).toMatchObject({ ok: false, status: 403 });
    expect(chooseOwner('t', ['x', 'y'], 'z', undefined)).toMatchObject({ ok: false, status: 403 });
  });

  it('the province office names the unit unless the task has one owner', () => {
    expect(chooseOwner('t', ['x'], null, undefined)).toEqual({ ok: true, unit: 'x' });
    expect(chooseOwner('t', ['x', 'y'], null, undefined)).toMatchObject({
      ok: false,
      status: 400,
      error: { details: [{ field: 'unit', problem: 'required' }] },
    });
    expect(chooseOwner('t', ['x', 'y'], null, 'z')).toMatchObject({ ok: false, status: 400, error: { details: [{ problem: 'not_owner' }] } });
    expect(chooseOwner('t', ['x', 'y'], null, 'y')).toEqual({ ok: true, unit: 'y' });
  });
});
