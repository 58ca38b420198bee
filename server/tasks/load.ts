import { ConfigError } from '../config/errors.js';
import { parseWith, readJson } from '../config/load.js';
import type { Geography } from '../config/types.js';
import { taskProblems } from './check.js';
import { taskFileSchema, type TaskRegister } from './schema.js';

/** Read and check the task register named by the province file (none: no tasks, default rules). Throws ConfigError. */
export function loadTasks(file: string | null, geo: Geography): TaskRegister {
  const register = parseWith(taskFileSchema, file ? readJson(file) : {}, file ?? '(tasks)');
  const first = taskProblems(register.tasks, geo)[0];
  if (first) throw new ConfigError(file!, `tasks[${first.index}].${first.field}`, first.message);
  return register;
}
