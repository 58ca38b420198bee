/** A task's deadline as an instant and its owners as unit ids (pure; provincial time). */
import type { Geography } from '../config/types.js';
import { deadlineEnd, localInstant } from '../time/local.js';
import { DAY_MS } from '../time/local.js';
import { EVERY_UNIT, type TaskDef } from './schema.js';

/** The instant a deadline ends: 00:00 local time after its day, month or quarter (2024-Q4 → 1 Jan 2025 00:00). */
export function taskDeadlineEnd(spec: string, tz: string): number {
  const y = Number(spec.slice(0, 4));
  if (spec[5] === 'Q') return localInstant(tz, y, Number(spec[6]) * 3 + 1, 1);
  if (spec.length === 7) return localInstant(tz, y, Number(spec.slice(5, 7)) + 1, 1);
  return deadlineEnd(spec, tz);
}

/** When the task's time starts: its `assigned` day, or 90 days before its deadline. */
export function taskStart(t: TaskDef, tz: string): number {
  if (t.assigned) return deadlineEnd(t.assigned, tz) - DAY_MS;
  return taskDeadlineEnd(t.deadline, tz) - 90 * DAY_MS;
}

/** The unit ids owning a task: "*" is every reporting area unit of the geography in force at the deadline. */
export function taskOwners(t: TaskDef, geo: Geography): string[] {
  if (!t.owners.includes(EVERY_UNIT)) return t.owners;
  const at = taskDeadlineEnd(t.deadline, geo.timezone) - 1;
  const version = geo.versions.find((v) => v.start <= at && at < v.end) ?? geo.versions.at(-1)!;
  const every = version.units.filter((u) => u.reporting).map((u) => u.id);
  return [...new Set([...t.owners.filter((o) => o !== EVERY_UNIT), ...every])];
}

/** Every unit and department id a task may name as owner (any geography version). */
export function knownOwners(geo: Geography): Set<string> {
  return new Set([EVERY_UNIT, ...geo.versions.flatMap((v) => v.units.map((u) => u.id)), ...geo.departments.map((d) => d.id)]);
}

/** A dependency cycle through `tasks` as ids (first repeated), or null. */
export function dependencyCycle(tasks: readonly Pick<TaskDef, 'id' | 'dependsOn'>[]): string[] | null {
  const deps = new Map(tasks.map((t) => [t.id, t.dependsOn]));
  const done = new Set<string>();
  const visit = (id: string, path: string[]): string[] | null => {
    if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return null;
    for (const d of deps.get(id) ?? []) {
      const c = visit(d, [...path, id]);
      if (c) return c;
    }
    done.add(id);
    return null;
  };
  for (const t of tasks) {
    const c = visit(t.id, []);
    if (c) return c;
  }
  return null;
}
