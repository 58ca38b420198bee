import type pg from 'pg';
import type { Store, WriteBatch } from './store.js';
import { DEMO_REPORTER, reportParams, TASK_SQL, versionOf, versionParams, type TaskReportRow } from './task-rows.js';

const placeholders = (n: number) => `(${Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ')})`;

/** Write a batch's task versions and status reports inside the store's transaction. */
export async function writeTasks(c: pg.PoolClient, b: WriteBatch): Promise<void> {
  if (b.replaceSource === 'demo') await c.query('DELETE FROM task_reports WHERE reported_by = $1', [DEMO_REPORTER]);
  for (const v of b.taskVersions ?? []) await c.query(`${TASK_SQL.versionInsert}${placeholders(5)}`, versionParams(v));
  for (const r of b.taskReports ?? []) await c.query(`${TASK_SQL.reportInsert}${placeholders(10)}`, reportParams(r));
}

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

/** The task register's lists over the store's query function. */
export function pgTaskLists(q: Query): Pick<Store, 'listTaskVersions' | 'listTaskReports'> {
  return {
    listTaskVersions: async () => (await q<Parameters<typeof versionOf>[0]>(TASK_SQL.versionSelect)).rows.map(versionOf),
    listTaskReports: async () => (await q<TaskReportRow>(TASK_SQL.reportSelect)).rows,
  };
}
