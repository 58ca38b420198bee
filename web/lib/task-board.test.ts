import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../server/protocol/index.js';
import type { UnitTask } from '../../server/protocol/tasks.js';
import { taskBoard } from './task-board.js';
import { ownersLine, pct, taskReasonText } from './tasks.js';

const task = (over: Partial<UnitTask>): UnitTask => ({
  id: 'moi-xa',
  title: { vi: 'Mọi xã', en: 'Every commune' },
  level: 'on_track',
  progress: 'in_progress',
  percent: 50,
  daysLate: 0,
  deadline: '2024-09',
  deadlineAt: '2024-10-01T00:00:00+07:00',
  reason: { kind: 'on_track', percent: 50, daysLeft: 3 },
  ...over,
});
const unit = (id: string, rank: number, tasks: UnitTask[]) => ({ id, rank, name: id, kind: 'area', tasks }) as unknown as UnitState;

describe('the task board: a task of several owners', () => {
  it('takes its worst owner, counts owners done and names the late ones; a unit is counted by its own tasks', () => {
    const board = taskBoard([
      unit('a', 3, [task({ level: 'met', progress: 'done', percent: 100 })]),
      unit('b', 1, [task({ level: 'overdue', progress: 'not_started', daysLate: 4 })]),
      unit('c', 2, [task({})]),
    ]);
    expect(board.overdue).toHaveLength(1);
    const [b] = board.overdue;
    expect([b!.task.level, b!.done, b!.owners.length, b!.late.map((u) => u.id)]).toEqual(['overdue', 1, 3, ['b']]);
    expect(board.perUnit.map((p) => [p.unit.id, p.worst, p.late])).toEqual([
      ['b', 'overdue', 1],
      ['c', 'on_track', 0],
    ]);
    expect(board.done).toBe(0);
  });

  it('is done once every owner is', () => {
    const done = task({ level: 'met', progress: 'done' });
    expect(taskBoard([unit('a', 1, [done]), unit('b', 2, [done])])).toMatchObject({ done: 1, overdue: [], upcoming: [] });
  });
});

describe('task texts', () => {
  it('percentages use the one number format with a no-break space', () => {
    expect(pct('vi', 45.55)).toBe('45,6\u00a0%');
    expect(taskReasonText('vi', { kind: 'not_started', daysLeft: 5, shareLeft: 0.12 }, 'Asia/Ho_Chi_Minh')).toBe(
      'Chưa triển khai, còn 5 ngày (12\u00a0% thời gian)',
    );
  });

  it('counts owners by state', () => {
    expect(ownersLine('vi', 12, 94, 5)).toBe('12/94 đơn vị đã xong, 5 quá hạn');
    expect(ownersLine('en', 3, 4, 0)).toBe('3/4 owners done');
  });
});
