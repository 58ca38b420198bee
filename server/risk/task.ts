/** Deadline risk of one task (pure, `now` a parameter): from its status reports, deadline, milestones and dependencies. */
import type { Level } from '../protocol/levels.js';
import { SEVERITY, worse } from '../protocol/levels.js';
import type { Localized } from '../protocol/state.js';
import type { TaskProgress, TaskReason, UnitTask } from '../protocol/tasks.js';
import type { TaskReportRow } from '../store/task-rows.js';
import type { TaskDef, TaskRules } from '../tasks/schema.js';
import { DAY_MS, MONTH_MS, deadlineEnd, toLocalIso } from '../time/local.js';
import { daily, theilSenLine } from './trend.js';

/** A dependency as already assessed. */
export interface DependencyFacts {
  id: string;
  title: Localized;
  level: Level;
  daysLate: number;
}

/** What a task's level rests on, as known at `now`. */
export interface TaskFacts {
  task: TaskDef;
  /** Its time: [start, end) (end = 00:00 local after the deadline period). */
  start: number;
  end: number;
  /** Its status reports received by `now`, oldest first. */
  reports: readonly TaskReportRow[];
  confirmRequired: boolean;
  dependencies: readonly DependencyFacts[];
  /** The last deadline change, if the deadline in force is not the first one. */
  moved: Extract<TaskReason, { kind: 'deadline_moved' }> | null;
}

export interface TaskAssessment {
  level: Level;
  progress: TaskProgress;
  percent: number | null;
  daysLate: number;
  reasons: TaskReason[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The pace of the percentage (points per ms): the robust trend of its reports, or its mean rate since the start with one report. */
function paceOf(reports: readonly TaskReportRow[], start: number, now: number): number {
  const points = daily(reports.filter((r) => r.percent !== null).map((r) => ({ t: r.receivedAt, v: r.percent! })));
  const line = points.length >= 2 ? theilSenLine(points, DAY_MS) : null;
  return line ? line.slope : points.at(-1)!.v / Math.max(DAY_MS, now - start);
}

/** Level and reasons of one task at `now` (reports after `now` are the caller's to leave out). */
export function assessTask(f: TaskFacts, now: number, rules: TaskRules, tz: string): TaskAssessment {
  const statusReports = f.reports.filter((r) => r.status !== 'confirmed');
  const last = statusReports.at(-1);
  const confirmed = last?.status === 'done' && f.reports.some((r) => r.status === 'confirmed' && r.receivedAt >= last.receivedAt);
  const percent = last?.status === 'done' ? 100 : (last?.percent ?? null);
  const found: [Level, TaskReason][] = [];
  const daysLate = now >= f.end ? Math.ceil((now - f.end) / DAY_MS) : 0;
  const said = last?.status === 'confirmed' ? undefined : last?.status;
  let progress: TaskProgress = said === 'done' ? 'awaiting_confirmation' : (said ?? 'not_started');

  if (last?.status === 'done' && (confirmed || !f.confirmRequired)) {
    progress = 'done';
    found.push(['met', { kind: 'done', confirmed, late: last.receivedAt >= f.end }]);
  } else if (last?.status === 'done') {
    found.push([last.receivedAt >= f.end ? 'overdue' : 'on_track', { kind: 'awaiting_confirmation', at: toLocalIso(last.receivedAt, tz) }]);
  } else if (now >= f.end) {
    found.push(['overdue', { kind: 'overdue', daysLate, percent }]);
  } else {
    const daysLeft = Math.ceil((f.end - now) / DAY_MS);
    if (percent === null || percent === 0) {
      const shareLeft = (f.end - now) / Math.max(1, f.end - f.start);
      const level: Level = shareLeft < rules.offTrackShare ? 'off_track' : shareLeft < rules.atRiskShare ? 'at_risk' : 'on_track';
      found.push([
        level,
        level === 'on_track' ? { kind: 'on_track', percent, daysLeft } : { kind: 'not_started', daysLeft, shareLeft: round1(shareLeft * 100) / 100 },
      ]);
    } else {
      const pace = paceOf(statusReports, f.start, now);
      const required = (100 - percent) / (f.end - now);
      const ratio = pace / required;
      const level: Level = ratio >= 1 ? 'on_track' : ratio >= rules.atRiskRatio ? 'at_risk' : 'off_track';
      const projected = round1(Math.min(100, Math.max(0, percent + pace * (f.end - now))));
      found.push([
        level,
        level === 'on_track'
          ? { kind: 'on_track', percent, daysLeft }
          : { kind: 'pace', percent, requiredPace: round1(required * MONTH_MS), achievedPace: round1(pace * MONTH_MS), projected },
      ]);
    }
    if (last?.status === 'blocked') found.push(['at_risk', { kind: 'blocked', reason: last.reason ?? '' }]);
    const reached = Math.max(0, ...statusReports.map((r) => r.milestonesDone ?? 0));
    [...f.task.milestones]
      .sort((a, b) => a.date.localeCompare(b.date))
      .forEach((m, i) => {
        const due = deadlineEnd(m.date, tz);
        if (i >= reached && due <= now) found.push(['at_risk', { kind: 'milestone', title: m.title, date: m.date, daysLate: Math.ceil((now - due) / DAY_MS) }]);
      });
  }
  if (progress !== 'done') {
    for (const d of f.dependencies) {
      if (d.daysLate > 0) found.push(['at_risk', { kind: 'dependency', task: d.id, title: d.title, daysLate: d.daysLate }]);
    }
  }
  found.sort((a, b) => SEVERITY[b[0]] - SEVERITY[a[0]]);
  const reasons = found.map(([, r]) => r);
  if (f.moved) reasons.push(f.moved);
  return { level: found.reduce<Level>((l, [x]) => worse(l, x), 'met'), progress, percent, daysLate: progress === 'done' ? 0 : daysLate, reasons };
}

/**
 * Share of a task still missing at its deadline, 0..1, for the ranking score (as risk/indicator.ts
 * shortfallShare for an indicator): done 0; overdue what is left, at least 0.1; a pace its projected
 * gap; an unknown future (not started, blocked, waiting) half of what is left, plus 0.05.
 */
export function taskShortfall(t: Pick<UnitTask, 'level' | 'percent' | 'reason'>): number {
  const left = (100 - (t.percent ?? 0)) / 100;
  if (t.level === 'met' || t.level === 'on_track') return 0;
  if (t.level === 'overdue') return Math.max(0.1, left);
  if (t.reason.kind === 'pace') return Math.min(1, Math.max(0, (100 - t.reason.projected) / 100));
  return Math.min(1, left * 0.5 + 0.05);
}
