/** The demo's task status reports: each dated along the demo timeline (received then), labelled as the demo's. */
import { z } from 'zod';
import { DEMO_REPORTER, type TaskReportRow } from '../store/task-rows.js';

/** One status report of the scenario (`confirmed`: the province office confirming a done task). */
export const demoTaskReportSchema = z.strictObject({
  task: z.string().min(1),
  status: z.enum(['not_started', 'in_progress', 'done', 'blocked', 'confirmed']),
  at: z.iso.datetime({ offset: true }),
  percent: z.number().min(0).max(100).optional(),
  reason: z.string().min(1).optional(),
  note: z.string().optional(),
  evidence: z.url().optional(),
  milestonesDone: z.number().int().min(0).optional(),
  /** The owner the report speaks for (a confirmation: the owner confirmed); absent: every owner. */
  unit: z.string().optional(),
});

/** The scenario's task reports as stored rows, each received at its own time. */
export function demoTaskReports(reports: readonly z.infer<typeof demoTaskReportSchema>[]): TaskReportRow[] {
  return reports.map((r) => ({
    task: r.task,
    status: r.status,
    percent: r.status === 'done' || r.status === 'confirmed' ? 100 : (r.percent ?? null),
    reason: r.reason ?? null,
    note: r.note ?? null,
    evidence: r.evidence ?? null,
    milestonesDone: r.milestonesDone ?? null,
    unit: r.unit ?? null,
    reportedBy: DEMO_REPORTER,
    receivedAt: Date.parse(r.at),
  }));
}
