import { describe, expect, it } from 'vitest';
import { indicatorConfig, RISK, UNITS } from '../../tests/helpers/fixtures.js';
import type { IndicatorState } from '../protocol/state.js';
import type { UnitTask } from '../protocol/tasks.js';
import { rankUnits } from './rank.js';
import { taskShortfall } from './task.js';
import { assessUnit } from './unit.js';

const task = (over: Partial<UnitTask>): UnitTask => ({
  id: 't',
  title: { vi: 'Nhiệm vụ', en: 'Task' },
  level: 'overdue',
  progress: 'in_progress',
  percent: 40,
  daysLate: 10,
  deadline: '2024-09',
  deadlineAt: '2024-10-01T00:00:00.000+07:00',
  reason: { kind: 'overdue', daysLate: 10, percent: 40 },
  ...over,
});

describe('tasks in the ranking score', () => {
  it('a task is missing what is left: done 0, overdue at least 0.1, a pace its projection, an unknown future half', () => {
    expect(taskShortfall(task({ level: 'met', progress: 'done', percent: 100 }))).toBe(0);
    expect(taskShortfall(task({ level: 'on_track' }))).toBe(0);
    expect(taskShortfall(task({}))).toBeCloseTo(0.6, 9);
    expect(taskShortfall(task({ percent: 100 }))).toBe(0.1);
    expect(taskShortfall(task({ level: 'off_track', reason: { kind: 'pace', percent: 40, requiredPace: 20, achievedPace: 5, projected: 70 } }))).toBeCloseTo(
      0.3,
      9,
    );
    expect(taskShortfall(task({ level: 'at_risk', percent: null, reason: { kind: 'not_started', daysLeft: 9, shareLeft: 0.2 } }))).toBeCloseTo(0.55, 9);
  });

  it('an overdue task ranks its unit above a peer with the same indicators, as an overdue indicator would', () => {
    const ind = indicatorConfig('a', { weight: 1 });
    const met = { id: 'a', level: 'met', value: 100, projected: null } as IndicatorState;
    const catalogue = new Map([['a', ind]]);
    const plain = assessUnit(UNITS.tamKy, [met], catalogue, [], RISK);
    const late = assessUnit(UNITS.hoiAn, [met], catalogue, [], RISK, [task({})]);
    const onTime = assessUnit(UNITS.hoiAn, [met], catalogue, [], RISK, [task({ level: 'on_track', daysLate: 0 })]);
    expect(plain.score).toBe(0);
    expect(onTime.score).toBe(0);
    expect(late).toMatchObject({ level: 'overdue', score: 30 });
    const [first] = [...rankUnits([plain, late])].sort((x, y) => x.rank - y.rank);
    expect(first!.id).toBe(UNITS.hoiAn.id);
    // Two units both overdue: the one with the bigger shortfall left ranks first.
    const worse = assessUnit(UNITS.tamKy, [met], catalogue, [], RISK, [task({ percent: 0 })]);
    expect(worse.score).toBeGreaterThan(late.score);
  });
});
