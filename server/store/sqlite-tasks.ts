import type Database from 'better-sqlite3';
import type { Store, WriteBatch } from './store.js';
import { DEMO_REPORTER, reportParams, TASK_SQL, versionOf, versionParams, type TaskReportRow } from './task-rows.js';

/** The task register's rows on an open SQLite database (part of the SQLite store). */
export function sqliteTasks(db: Database.Database): { part: Pick<Store, 'listTaskVersions' | 'listTaskReports'>; write: (b: WriteBatch) => void } {
  const insVersion = db.prepare(`${TASK_SQL.versionInsert}(?, ?, ?, ?, ?)`);
  const insReport = db.prepare(`${TASK_SQL.reportInsert}(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selVersions = db.prepare(TASK_SQL.versionSelect);
  const selReports = db.prepare(TASK_SQL.reportSelect);
  const delDemo = db.prepare('DELETE FROM task_reports WHERE reported_by = ?');
  return {
    write: (b) => {
      if (b.replaceSource === 'demo') delDemo.run(DEMO_REPORTER);
      for (const v of b.taskVersions ?? []) insVersion.run(...versionParams(v));
      for (const r of b.taskReports ?? []) insReport.run(...reportParams(r));
    },
    part: {
      listTaskVersions: async () => (selVersions.all() as Parameters<typeof versionOf>[0][]).map(versionOf),
      listTaskReports: async () => selReports.all() as TaskReportRow[],
    },
  };
}
