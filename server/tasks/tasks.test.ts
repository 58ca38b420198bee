import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { readCsv } from '../ingest/sheet/table.js';
import { localInstant } from '../time/local.js';
import { taskProblems } from './check.js';
import { taskDeadlineEnd, taskOwners } from './deadline.js';
import { tasksAt } from './register.js';
import type { TaskDef } from './schema.js';
import { interpretTasks } from './sheet.js';

const TZ = 'Asia/Ho_Chi_Minh';
const config = loadConfig('tests/fixtures/tiny/province.json');
const def = (id: string, over: Partial<TaskDef> = {}): TaskDef => ({
  id,
  title: { vi: `Nhiệm vụ ${id}`, en: `Task ${id}` },
  owners: ['doi-may'],
  deadline: '2024-09',
  source: { vi: 'KH 06', en: 'Plan 06' },
  milestones: [],
  dependsOn: [],
  ...over,
});
const csv = (text: string) => readCsv(new TextEncoder().encode(text));

describe('task deadlines and owners', () => {
  it('a day, a month and a quarter end at 00:00 provincial time after them', () => {
    expect(taskDeadlineEnd('2024-09-30', TZ)).toBe(localInstant(TZ, 2024, 10, 1));
    expect(taskDeadlineEnd('2024-09', TZ)).toBe(localInstant(TZ, 2024, 10, 1));
    expect(taskDeadlineEnd('2024-Q4', TZ)).toBe(localInstant(TZ, 2025, 1, 1));
  });

  it('"*" is every reporting area unit of the geography in force at the deadline, departments named stay', () => {
    const owners = taskOwners(def('a', { owners: ['*', 'so-thu'] }), config.geography);
    expect(owners).toEqual(expect.arrayContaining(['so-thu', 'doi-may', 'ben-da']));
  });

  it('names unknown owners, unknown dependencies and cycles', () => {
    const problems = taskProblems(
      [def('a', { owners: ['nowhere'], dependsOn: ['b'] }), def('b', { dependsOn: ['a'] }), def('c', { dependsOn: ['zz'] })],
      config.geography,
    );
    expect(problems.map((p) => [p.index, p.field, p.problem])).toEqual([
      [0, 'owners', 'unknown_unit'],
      [2, 'dependsOn', 'unknown_task'],
      [0, 'dependsOn', 'cycle'],
    ]);
  });
});

describe('the task-list spreadsheet', () => {
  it('reads days, months and quarters, owners by name, milestones and dependencies', () => {
    const { tasks, errors } = interpretTasks(
      csv(
        'Mã nhiệm vụ;Tên nhiệm vụ;Đơn vị chủ trì;Thời hạn;Căn cứ;Mốc;Phụ thuộc\n' +
          'dvc;Trình DVC;Đồi Mây, so-thu;09/2024;KH 06;15/09/2024 Trình phương án;\n' +
          'ha-tang;Hạ tầng;mọi xã;Q4/2024;KH 06;;dvc\n',
      ),
      config,
    );
    expect(errors).toEqual([]);
    expect(tasks.map((t) => [t.row, t.task.deadline, t.task.owners, t.task.dependsOn])).toEqual([
      [2, '2024-09', ['doi-may', 'so-thu'], []],
      [3, '2024-Q4', ['*'], ['dvc']],
    ]);
    expect(tasks[0]!.task.milestones).toEqual([{ date: '2024-09-15', title: { vi: 'Trình phương án', en: 'Trình phương án' } }]);
  });

  it('names every bad row by its row and column', () => {
    const { errors } = interpretTasks(
      csv('Mã nhiệm vụ;Tên nhiệm vụ;Đơn vị chủ trì;Thời hạn;Căn cứ\nok;A;doi-may;2024-09-30;KH\nBAD ID;B;nowhere;tháng chín;KH\n'),
      config,
    );
    expect(errors.map((e) => [e.row, e.field, e.problem])).toEqual([
      [3, 'Đơn vị chủ trì', 'unknown_unit'],
      [3, 'Thời hạn', 'invalid_deadline'],
    ]);
    expect(interpretTasks(csv('Mã nhiệm vụ;Tên nhiệm vụ\nx;y\n'), config).errors[0]).toMatchObject({
      row: 1,
      field: 'Đơn vị chủ trì',
      problem: 'missing_column',
    });
  });
});

describe('the register as known at an instant', () => {
  const base = { ...config, tasks: { ...config.tasks, tasks: [def('a')] } };
  const moved = {
    task: 'a',
    definition: def('a', { deadline: '2024-Q4' }),
    recordedAt: localInstant(TZ, 2024, 9, 20),
    setBy: 'env-admin',
    reason: 'QĐ gia hạn',
  };

  it('a moved deadline keeps the old one visible with who, when and why; before it was recorded the old one rules', () => {
    const now = localInstant(TZ, 2024, 10, 10);
    const [after] = tasksAt(base, [moved], [], now);
    expect(after).toMatchObject({ deadline: '2024-Q4', level: 'on_track' });
    expect(after!.versions.map((v) => [v.deadline, v.by])).toEqual([
      ['2024-09', 'config'],
      ['2024-Q4', 'env-admin'],
    ]);
    expect(after!.reasons.at(-1)).toMatchObject({ kind: 'deadline_moved', from: '2024-09', to: '2024-Q4', reason: 'QĐ gia hạn' });
    const [before] = tasksAt(base, [{ ...moved, recordedAt: now + 1 }], [], now);
    expect(before).toMatchObject({ deadline: '2024-09', level: 'overdue', daysLate: 9 });
  });

  it('a task waiting on an overdue one says so', () => {
    const two = { ...config, tasks: { ...config.tasks, tasks: [def('a'), def('b', { deadline: '2024-Q4', dependsOn: ['a'] })] } };
    const b = tasksAt(two, [], [], localInstant(TZ, 2024, 10, 13)).find((t) => t.id === 'b')!;
    expect(b.reasons[0]).toMatchObject({ kind: 'dependency', task: 'a', daysLate: 12 });
  });
});
