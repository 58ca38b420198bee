/** The tasks of a snapshot gathered from its units (pure): each task once with its owners' own states, and each unit's open tasks counted by level. */
import type { Level, UnitState } from '../../server/protocol/index.js';
import type { UnitTask } from '../../server/protocol/tasks.js';
import { SEVERITY } from '../../server/protocol/levels.js';

export interface BoardTask {
  /** The task as its worst owner stands (worst level, then most days late): what the row's colour and reason say. */
  task: UnitTask;
  owners: UnitState[];
  /** Owners done (confirmed where required), and owners past the deadline not done, worst first. */
  done: number;
  late: UnitState[];
}

export interface TaskBoard {
  /** Some owner past the deadline and not done, most days late first. */
  overdue: BoardTask[];
  /** Not done by every owner and no owner late, soonest first. */
  upcoming: BoardTask[];
  /** Tasks done by every owner. */
  done: number;
  /** Units with open tasks, worst first: how many at each level. */
  perUnit: { unit: UnitState; counts: Partial<Record<Level, number>>; worst: Level; late: number }[];
}

const worse = (a: UnitTask, b: UnitTask) => SEVERITY[b.level] > SEVERITY[a.level] || (b.level === a.level && b.daysLate > a.daysLate);

/** Gather the board; `within` (ms) limits the upcoming list to deadlines before then, when given. */
export function taskBoard(units: readonly UnitState[], within?: number): TaskBoard {
  const byId = new Map<string, BoardTask>();
  const perUnit: TaskBoard['perUnit'] = [];
  for (const u of units) {
    const open = (u.tasks ?? []).filter((t) => t.progress !== 'done');
    for (const t of u.tasks ?? []) {
      const b = byId.get(t.id) ?? { task: t, owners: [], done: 0, late: [] };
      if (worse(b.task, t)) b.task = t;
      b.owners.push(u);
      if (t.progress === 'done') b.done++;
      else if (t.daysLate > 0) b.late.push(u);
      byId.set(t.id, b);
    }
    if (!open.length) continue;
    const counts: Partial<Record<Level, number>> = {};
    for (const t of open) counts[t.level] = (counts[t.level] ?? 0) + 1;
    const worst = open.reduce<Level>((w, t) => (SEVERITY[t.level] > SEVERITY[w] ? t.level : w), 'met');
    perUnit.push({ unit: u, counts, worst, late: open.filter((t) => t.daysLate > 0).length });
  }
  const all = [...byId.values()];
  for (const b of all) b.late.sort((x, y) => x.rank - y.rank);
  const open = all.filter((b) => b.done < b.owners.length);
  return {
    overdue: open.filter((b) => b.late.length > 0).sort((a, b) => b.task.daysLate - a.task.daysLate || b.late.length - a.late.length),
    upcoming: open
      .filter((b) => b.late.length === 0 && (within === undefined || Date.parse(b.task.deadlineAt) <= within))
      .sort((a, b) => a.task.deadlineAt.localeCompare(b.task.deadlineAt) || SEVERITY[b.task.level] - SEVERITY[a.task.level]),
    done: all.length - open.length,
    perUnit: perUnit.sort((a, b) => SEVERITY[b.worst] - SEVERITY[a.worst] || b.late - a.late || a.unit.rank - b.unit.rank),
  };
}
