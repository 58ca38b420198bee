import type { AppConfig } from '../config/types.js';
import type { UnitTask } from '../protocol/tasks.js';
import type { RiskInput } from '../risk/assess.js';
import { tasksAt } from './register.js';

/** Each owner unit's tasks at `t` (pure), as the unit's state carries them: that owner's own level and headline reason. Empty without a register. */
export function unitTasks(config: Pick<AppConfig, 'tasks' | 'geography' | 'timezone'>, input: RiskInput, t: number): Map<string, UnitTask[]> {
  const out = new Map<string, UnitTask[]>();
  if (!config.tasks.tasks.length && !input.tasks?.versions.length) return out;
  for (const task of tasksAt(config, input.tasks?.versions ?? [], input.tasks?.reports ?? [], t)) {
    const { id, title, deadline, deadlineAt } = task;
    // Each owner carries its own status and level: one commune's "done" is not another's.
    for (const { unit, level, progress, percent, daysLate, reasons } of task.byOwner) {
      const slim: UnitTask = { id, title, level, progress, percent, daysLate, deadline, deadlineAt, reason: reasons[0]! };
      out.set(unit, [...(out.get(unit) ?? []), slim]);
    }
  }
  return out;
}
