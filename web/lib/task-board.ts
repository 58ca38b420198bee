/** The tasks of a snapshot gathered from its units (pure): each task once with its owners, and each unit's open tasks counted by level. */
import type { Level, UnitState } from '../../server/protocol/index.js';
import type { UnitTask } from '../../server/protocol/tasks.js';
import { SEVERITY } from '../../server/protocol/levels.js';

export interface BoardTask {
  task: UnitTask;
  owners: UnitState[];
}

export interface TaskBoard {
  /** Past the deadline and not done, most days late first. */
  overdue: BoardTask[];
  /** Not done and not yet due, soonest first. */
  upcoming: BoardTask[];
  done: number;
  /** Units with open tasks, worst first: how many at each level. */
  perUnit: { unit: UnitState; counts: Partial<Record<Level, number>>; worst: Level }[];
}

/** Gather the board; `within` (ms) limits the upcoming list to deadlines before then, when given. */
export function taskBoard(units: readonly UnitState[], within?: number): TaskBoard {
  const byId = new Map<string, BoardTask>();
  const perUnit: TaskBoard['perUnit'] = [];
  for (const u of units) {
    const open = (u.tasks ?? []).filter((t) => t.progress !== 'done');
    for (const t of u.tasks ?? []) {
      const b = byId.get(t.id) ?? { task: t, owners: [] };
      b.owners.push(u);
      byId.set(t.id, b);
    }
    if (!open.length) continue;
    const counts: Partial<Record<Level, number>> = {};
    for (const t of open) counts[t.level] = (counts[t.level] ?? 0) + 1;
    perUnit.push({ unit: u, counts, worst: open.reduce<Level>((w, t) => (SEVERITY[t.level] > SEVERITY[w] ? t.level : w), 'met') });
  }
  const all = [...byId.values()];
  const open = all.filter((b) => b.task.progress !== 'done');
  return {
    overdue: open.filter((b) => b.task.daysLate > 0).sort((a, b) => b.task.daysLate - a.task.daysLate),
    upcoming: open
      .filter((b) => b.task.daysLate === 0 && (within === undefined || Date.parse(b.task.deadlineAt) <= within))
      .sort((a, b) => a.task.deadlineAt.localeCompare(b.task.deadlineAt) || SEVERITY[b.task.level] - SEVERITY[a.task.level]),
    done: all.length - open.length,
    perUnit: perUnit.sort((a, b) => SEVERITY[b.worst] - SEVERITY[a.worst] || a.unit.rank - b.unit.rank),
  };
}
