import type { FastifyInstance } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { lostCommit, refuse as refused } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import type { IngestDeps } from '../ingest/deps.js';
import { readTable, SheetError } from '../ingest/sheet/table.js';
import type { ErrorDetail } from '../protocol/errors.js';
import { ROUTES, taskImportQuerySchema } from '../protocol/routes.js';
import type { TaskVersionRow } from '../store/task-rows.js';
import { taskProblems } from './check.js';
import { definitionsAt } from './register.js';
import { interpretTasks, TASK_COLUMNS } from './sheet.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * POST /api/tasks/import (admin): the province's task list as CSV or XLSX, one row per task.
 * `?dryRun=1` previews; otherwise every new or changed task becomes a version (who, when, why)
 * in one transaction, or nothing does. A moved deadline needs a reason (column "Lý do").
 */
export function registerTaskImport(root: FastifyInstance, deps: IngestDeps): void {
  root.register(async (app) => {
    for (const type of ['text/csv', XLSX, 'application/octet-stream']) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    }
    app.post('/api/tasks/import', { onRequest: guard(deps, 'admin', 'tasks.import'), schema: schemaOf(ROUTES.taskImport) }, async (req, reply) => {
      const q = taskImportQuerySchema.safeParse(req.query);
      const file = String(req.headers['x-filename'] ?? 'upload').slice(0, 120);
      const refuse = (message: string, details: ErrorDetail[] = []) =>
        refused(
          deps,
          'tasks.import',
          req,
          reply,
          400,
          { code: 'validation_failed', message, details },
          { target: file, detail: `${details.length} problem(s)` },
        );
      if (!q.success) return refuse('Options: ?dryRun=1 (preview only); nothing else.');
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return refuse('Send the file itself as the body (text/csv or XLSX).');
      let table;
      try {
        table = await readTable(req.body);
      } catch (err) {
        if (err instanceof SheetError) return refuse(`The file cannot be read: ${err.message}.`);
        throw err;
      }
      const { tasks, errors } = interpretTasks(table, deps.config);
      const now = deps.dataClock.now();
      const current = definitionsAt(deps.config, await deps.store.listTaskVersions(), now);
      // The register as it would stand: checked whole (owners, dependencies, cycles), problems named by the file's row.
      const merged = new Map([...current].map(([id, e]) => [id, e.def]));
      for (const t of tasks) merged.set(t.task.id, t.task);
      const all = [...merged.values()];
      const rowOf = new Map(tasks.map((t) => [t.task.id, t.row]));
      const column = (f: string) => TASK_COLUMNS.find((c) => c.en.replace(' ', '') === f.replace(/\[.*$/, '').toLowerCase())?.vi ?? f;
      for (const p of taskProblems(all, deps.config.geography)) {
        const id = all[p.index]!.id;
        errors.push({ ...(rowOf.has(id) ? { row: rowOf.get(id)! } : {}), field: column(p.field), problem: p.problem, message: `${id}: ${p.message}` });
      }
      const preview = tasks.map((t) => {
        const before = current.get(t.task.id)?.def;
        const change = !before ? 'new' : same(before, t.task) ? 'same' : 'update';
        if (before && before.deadline !== t.task.deadline && !t.reason) {
          errors.push({
            row: t.row,
            field: 'Lý do',
            problem: 'missing_reason',
            message: `the deadline moves from ${before.deadline} to ${t.task.deadline}: say why`,
          });
        }
        return { row: t.row, task: t.task.id, deadline: t.task.deadline, previousDeadline: before?.deadline ?? null, change };
      });
      if (errors.length)
        return refuse(
          `${errors.length} problem(s) in ${file}; nothing was stored.`,
          errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
        );
      const count = (c: string) => preview.filter((p) => p.change === c).length;
      const summary = { format: table.format, rows: table.rows.length, new: count('new'), update: count('update'), same: count('same') };
      if (q.data.dryRun === '1') return { dryRun: true, ...summary, tasks: preview };
      const versions: TaskVersionRow[] = tasks
        .filter((_, i) => preview[i]!.change !== 'same')
        .map((t) => ({ task: t.task.id, definition: t.task, recordedAt: now, setBy: req.principal!.id, reason: t.reason ?? `nhập từ tệp ${file}` }));
      try {
        await deps.store.commit({
          taskVersions: versions,
          audit: [auditOf(req, 'tasks.import', deps.systemNow, { target: file, detail: `${summary.new} new, ${summary.update} changed task(s)` })],
        });
      } catch (err) {
        return lostCommit(req, reply, err, 'the task list', 'Import it again: a task that did not change is not stored twice.');
      }
      const seq = await deps.publish({ tasks: { versions } });
      return { accepted: versions.length, seq, ...summary };
    });
  });
}
