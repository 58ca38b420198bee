/** The unit page's task status form, pure: the body it sends and the server's field problems placed beside their field. */
import type { ErrorDetail } from '../../server/protocol/index.js';
import type { TaskProgress } from '../../server/protocol/tasks.js';

/** The statuses an owner may report (POST /api/tasks/:id/status). */
export const REPORTABLE = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type Reportable = (typeof REPORTABLE)[number];

/** The form as typed: every field is text until it is sent. */
export interface TaskDraft {
  status: Reportable;
  percent: string;
  reason: string;
  note: string;
  evidence: string;
}

/** The form's fields a server problem can sit beside. */
export type TaskField = 'status' | 'percent' | 'reason' | 'note' | 'evidence';
const FIELDS: readonly string[] = ['status', 'percent', 'reason', 'note', 'evidence'];

/** An empty draft starting at `status` (the task's current one, where an owner may report it). */
export const emptyDraft = (status: Reportable = 'in_progress'): TaskDraft => ({ status, percent: '', reason: '', note: '', evidence: '' });

/**
 * The body to send: blank fields left out, the percent only with "in progress" and the reason only
 * with "blocked"; a percent that is not a number goes as typed, for the server to name.
 */
export function statusBody(d: TaskDraft): Record<string, string | number> {
  const body: Record<string, string | number> = { status: d.status };
  const percent = d.percent.trim();
  if (d.status === 'in_progress' && percent !== '') {
    const n = Number(percent.replace(',', '.'));
    body.percent = Number.isFinite(n) ? n : percent;
  }
  if (d.status === 'blocked' && d.reason.trim() !== '') body.reason = d.reason.trim();
  if (d.note.trim() !== '') body.note = d.note.trim();
  if (d.evidence.trim() !== '') body.evidence = d.evidence.trim();
  return body;
}

/** The server's problems by the form field they name; the rest (the body, the task id) as general lines. */
export function fieldErrors(details: readonly ErrorDetail[]): { byField: Map<TaskField, string[]>; general: string[] } {
  const byField = new Map<TaskField, string[]>();
  const general: string[] = [];
  for (const d of details) {
    if (FIELDS.includes(d.field)) {
      const f = d.field as TaskField;
      byField.set(f, [...(byField.get(f) ?? []), d.message]);
    } else general.push(`${d.field}: ${d.message}`);
  }
  return { byField, general };
}

const PROGRESS: readonly string[] = ['not_started', 'in_progress', 'blocked', 'awaiting_confirmation', 'done'];

/** The server's answer `progress` as the label key it is, or null for a word this page does not know. */
export const asProgress = (p: string): TaskProgress | null => (PROGRESS.includes(p) ? (p as TaskProgress) : null);
