/** Checks of a task list against the province: owners known, dependencies known and without cycles, milestones before the deadline. */
import type { Geography } from '../config/types.js';
import { deadlineEnd } from '../time/local.js';
import { dependencyCycle, knownOwners, taskDeadlineEnd } from './deadline.js';
import type { TaskDef } from './schema.js';

/** One problem of the task at `index` of the list. */
export interface TaskProblem {
  index: number;
  field: string;
  problem: string;
  message: string;
}

/** Every problem of `tasks` (the whole register as it would stand), in list order. */
export function taskProblems(tasks: readonly TaskDef[], geo: Geography): TaskProblem[] {
  const owners = knownOwners(geo);
  const ids = new Map<string, number>();
  const out: TaskProblem[] = [];
  tasks.forEach((t, index) => {
    if (ids.has(t.id)) out.push({ index, field: 'id', problem: 'duplicate', message: `the task "${t.id}" appears twice` });
    ids.set(t.id, index);
  });
  tasks.forEach((t, index) => {
    for (const o of t.owners) {
      if (!owners.has(o)) out.push({ index, field: 'owners', problem: 'unknown_unit', message: `unknown unit or department "${o}"` });
    }
    for (const d of t.dependsOn) {
      if (!ids.has(d)) out.push({ index, field: 'dependsOn', problem: 'unknown_task', message: `unknown task "${d}"` });
      if (d === t.id) out.push({ index, field: 'dependsOn', problem: 'self', message: 'a task cannot depend on itself' });
    }
    const end = taskDeadlineEnd(t.deadline, geo.timezone);
    t.milestones.forEach((m, i) => {
      if (deadlineEnd(m.date, geo.timezone) > end) {
        out.push({ index, field: `milestones[${i}].date`, problem: 'after_deadline', message: `milestone ${m.date} is after the deadline ${t.deadline}` });
      }
    });
  });
  const cycle = dependencyCycle(tasks);
  if (cycle) out.push({ index: ids.get(cycle[0]!)!, field: 'dependsOn', problem: 'cycle', message: `dependencies go round: ${cycle.join(' → ')}` });
  return out;
}
