/** The task register's rows as the store keeps them (server/tasks/ reads and writes them). */
import type { TaskReportView } from '../protocol/tasks.js';
import type { TaskDef } from '../tasks/schema.js';

/** One version of a task as imported or changed: the whole definition, with who, when (received) and why. */
export interface TaskVersionRow {
  task: string;
  definition: TaskDef;
  recordedAt: number;
  setBy: string;
  reason: string;
}

/** What a status report says; `confirmed` is the province office confirming a reported "done". */
export type TaskStatus = TaskReportView['status'];

/** One status report, kept as sent (never overwritten), dated by when it was received; `unit`: the owner it is for (null: every owner, as before per-owner status). */
export interface TaskReportRow extends Omit<TaskReportView, 'by' | 'at'> {
  task: string;
  reportedBy: string;
  receivedAt: number;
}

/** Who the demo's task reports are from: the demo starting over (replaceSource "demo") removes them. */
export const DEMO_REPORTER = 'demo-simulator';

const TASK_TABLES = (id: string, time: string, real: string) => `
  CREATE TABLE task_versions (
    id ${id},
    task TEXT NOT NULL,
    definition TEXT NOT NULL,
    recorded_at ${time} NOT NULL,
    set_by TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  CREATE INDEX task_versions_task ON task_versions (task, recorded_at);
  CREATE TABLE task_reports (
    id ${id},
    task TEXT NOT NULL,
    status TEXT NOT NULL,
    percent ${real},
    reason TEXT,
    note TEXT,
    evidence TEXT,
    milestones_done INTEGER,
    unit TEXT,
    reported_by TEXT NOT NULL,
    received_at ${time} NOT NULL
  );
  CREATE INDEX task_reports_task ON task_reports (task, received_at);`;

/** Migration 8, in SQLite and PostgreSQL alike: the task register's versions and status reports. */
export const TASK_MIGRATION_SQLITE = {
  id: 8,
  name: 'task register: task versions (who, when, why) and status reports (never overwritten)',
  sql: TASK_TABLES('INTEGER PRIMARY KEY', 'INTEGER', 'REAL'),
};
export const TASK_MIGRATION_PG = {
  ...TASK_MIGRATION_SQLITE,
  sql: TASK_TABLES('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BIGINT', 'DOUBLE PRECISION'),
};

/** The statements both stores run (quoted aliases work in both dialects; inserts end before their placeholders). */
export const TASK_SQL = {
  versionSelect: 'SELECT task, definition, recorded_at AS "recordedAt", set_by AS "setBy", reason FROM task_versions ORDER BY recorded_at, id',
  reportSelect:
    'SELECT task, status, percent, reason, note, evidence, milestones_done AS "milestonesDone", unit, reported_by AS "reportedBy", received_at AS "receivedAt" FROM task_reports ORDER BY received_at, id',
  versionInsert: 'INSERT INTO task_versions (task, definition, recorded_at, set_by, reason) VALUES ',
  reportInsert: 'INSERT INTO task_reports (task, status, percent, reason, note, evidence, milestones_done, unit, reported_by, received_at) VALUES ',
};

/** A version's insert parameters, in column order. */
export const versionParams = (v: TaskVersionRow): unknown[] => [v.task, JSON.stringify(v.definition), v.recordedAt, v.setBy, v.reason];
/** A report's insert parameters, in column order. */
export const reportParams = (r: TaskReportRow): unknown[] => [
  r.task,
  r.status,
  r.percent,
  r.reason,
  r.note,
  r.evidence,
  r.milestonesDone,
  r.unit,
  r.reportedBy,
  r.receivedAt,
];
/** A stored version row (definition as JSON text) as the server reads it. */
export const versionOf = (r: Omit<TaskVersionRow, 'definition'> & { definition: string }): TaskVersionRow => ({
  ...r,
  definition: JSON.parse(r.definition) as TaskDef,
});
