/** The task register as known at an instant (pure): configured tasks, later versions and status reports received by then, each task assessed. */
import type { AppConfig } from '../config/types.js';
import type { OwnerCounts, OwnerTask, TaskDetail, TaskReason, TaskVersionView } from '../protocol/tasks.js';
import { SEVERITY } from '../protocol/levels.js';
import { assessTask, type DependencyFacts, type TaskFacts } from '../risk/task.js';
import type { TaskReportRow, TaskVersionRow } from '../store/task-rows.js';
import { toLocalIso } from '../time/local.js';
import { taskDeadlineEnd, taskOwners, taskStart } from './deadline.js';
import type { TaskDef } from './schema.js';

type Config = Pick<AppConfig, 'tasks' | 'geography' | 'timezone'>;

/** Every task's definition in force at `asOf`, with its versions (the configured one first, at null). */
export function definitionsAt(config: Config, versions: readonly TaskVersionRow[], asOf: number): Map<string, { def: TaskDef; versions: TaskVersionView[] }> {
  const out = new Map<string, { def: TaskDef; versions: TaskVersionView[] }>();
  for (const def of config.tasks.tasks)
    out.set(def.id, { def, versions: [{ deadline: def.deadline, owners: def.owners, by: 'config', at: null, reason: def.source.vi }] });
  for (const v of versions) {
    if (v.recordedAt > asOf) continue;
    const view = { deadline: v.definition.deadline, owners: v.definition.owners, by: v.setBy, at: toLocalIso(v.recordedAt, config.timezone), reason: v.reason };
    out.set(v.task, { def: v.definition, versions: [...(out.get(v.task)?.versions ?? []), view] });
  }
  return out;
}

/** The last deadline change among `versions`, as a reason (null when the deadline never moved). */
function movedOf(versions: readonly TaskVersionView[]): Extract<TaskReason, { kind: 'deadline_moved' }> | null {
  for (let i = versions.length - 1; i > 0; i--) {
    const [a, b] = [versions[i - 1]!, versions[i]!];
    if (a.deadline !== b.deadline) return { kind: 'deadline_moved', from: a.deadline, to: b.deadline, reason: b.reason, setBy: b.by, at: b.at ?? '' };
  }
  return null;
}

/** Whether a report speaks for `owner`: it names that owner, or none (stored before per-owner status: for every owner). */
export const reportFor = (r: Pick<TaskReportRow, 'unit'>, owner: string): boolean => r.unit === owner || r.unit === null;

/** Each owner assessed on its own reports, in owner order. */
function ownersAssessed(f: TaskFacts, owners: readonly string[], asOf: number, config: Config): OwnerTask[] {
  return owners.map((unit) => ({
    unit,
    ...assessTask({ ...f, reports: f.reports.filter((r) => reportFor(r, unit)) }, asOf, config.tasks.rules, config.timezone),
  }));
}

/** The owner that speaks for the whole task: the worst level, then the most days late, then the first. */
const worstOwner = (byOwner: readonly OwnerTask[]): OwnerTask =>
  byOwner.reduce((w, o) => (SEVERITY[o.level] > SEVERITY[w.level] || (o.level === w.level && o.daysLate > w.daysLate) ? o : w));

/** Owners counted by state. */
export const countOwners = (byOwner: readonly OwnerTask[]): OwnerCounts => ({
  total: byOwner.length,
  done: byOwner.filter((o) => o.progress === 'done').length,
  awaiting: byOwner.filter((o) => o.progress === 'awaiting_confirmation').length,
  overdue: byOwner.filter((o) => o.progress !== 'done' && o.daysLate > 0).length,
});

/** Every task as known at `asOf`: its level, reasons, reports and versions. Dependencies are assessed first. */
export function tasksAt(config: Config, versions: readonly TaskVersionRow[], reports: readonly TaskReportRow[], asOf: number): TaskDetail[] {
  const tz = config.timezone;
  const defs = definitionsAt(config, versions, asOf);
  const known = reports.filter((r) => r.receivedAt <= asOf);
  const done = new Map<string, TaskDetail>();
  const assess = (id: string, path: readonly string[]): TaskDetail | null => {
    const entry = defs.get(id);
    if (!entry || path.includes(id)) return null;
    const hit = done.get(id);
    if (hit) return hit;
    const { def } = entry;
    const deps: DependencyFacts[] = def.dependsOn.flatMap((d) => {
      const a = assess(d, [...path, id]);
      return a ? [{ id: a.id, title: a.title, level: a.level, daysLate: a.daysLate }] : [];
    });
    const mine = known.filter((r) => r.task === id);
    const end = taskDeadlineEnd(def.deadline, tz);
    const confirmRequired = def.confirm ?? config.tasks.rules.confirmDone;
    const owners = taskOwners(def, config.geography);
    const facts = { task: def, start: taskStart(def, tz), end, reports: mine, confirmRequired, dependencies: deps, moved: movedOf(entry.versions) };
    const byOwner = owners.length ? ownersAssessed(facts, owners, asOf, config) : [{ unit: '', ...assessTask(facts, asOf, config.tasks.rules, tz) }];
    const { level, progress, percent, daysLate, reasons } = worstOwner(byOwner);
    const detail: TaskDetail = {
      id,
      title: def.title,
      source: def.source,
      owners,
      deadline: def.deadline,
      deadlineAt: toLocalIso(end, tz),
      level,
      progress,
      percent,
      daysLate,
      reasons,
      byOwner: owners.length ? byOwner : [],
      ownerCounts: countOwners(owners.length ? byOwner : []),
      milestones: def.milestones,
      dependsOn: def.dependsOn,
      reports: mine.map((r) => ({
        status: r.status,
        percent: r.percent,
        reason: r.reason,
        note: r.note,
        evidence: r.evidence,
        milestonesDone: r.milestonesDone,
        unit: r.unit,
        by: r.reportedBy,
        at: toLocalIso(r.receivedAt, tz),
      })),
      versions: entry.versions,
    };
    done.set(id, detail);
    return detail;
  };
  return [...defs.keys()].flatMap((id) => assess(id, []) ?? []).sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt) || a.id.localeCompare(b.id));
}
