import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { invalid, issueDetails, lostCommit, refuse } from '../http/boundary.js';
import { parseAsOf } from '../http/as-of.js';
import { schemaOf } from '../http/openapi.js';
import type { IngestDeps } from '../ingest/deps.js';
import type { ApiError } from '../protocol/errors.js';
import { ROUTES, taskConfirmSchema, taskStatusSchema } from '../protocol/routes.js';
import type { TaskReportRow } from '../store/task-rows.js';
import { toLocalIso } from '../time/local.js';
import { taskOwners } from './deadline.js';
import { registerTaskImport } from './import-route.js';
import { chooseOwner, ownerView, type OwnerChoice } from './owner.js';
import { definitionsAt, tasksAt } from './register.js';

type Route = { Params: { id: string } };
type Req = FastifyRequest<Route>;

/**
 * The task register's routes: GET /api/tasks and /api/units/:id/tasks (levels, reasons, history;
 * ?asOf= for the time machine), POST /api/tasks/import, POST /api/tasks/:id/status (owners; a
 * unit token only for its unit's tasks) and POST /api/tasks/:id/confirm (the province office).
 */
export function registerTasks(app: FastifyInstance, deps: IngestDeps, read: RouteShorthandOptions): void {
  const tz = deps.config.timezone;
  const stored = async () => Promise.all([deps.store.listTaskVersions(), deps.store.listTaskReports()]);
  const at = async (req: Req, reply: FastifyReply) => {
    const asOf = parseAsOf(req.query, tz, deps.dataClock.now());
    if (!asOf.ok) {
      await reply.code(400).send(asOf.error);
      return null;
    }
    const [versions, reports] = await stored();
    return tasksAt(deps.config, versions, reports, asOf.t ?? deps.dataClock.now());
  };

  app.get<Route>('/api/tasks', { ...read, schema: schemaOf(ROUTES.tasks) }, async (req, reply) => {
    const tasks = await at(req, reply);
    return tasks && { tasks };
  });

  const units = new Set([...deps.config.geography.versions.flatMap((v) => v.units.map((u) => u.id)), ...deps.config.geography.departments.map((d) => d.id)]);
  app.get<Route>('/api/units/:id/tasks', { ...read, schema: schemaOf(ROUTES.unitTasks) }, async (req, reply) => {
    if (!units.has(req.params.id))
      return reply.code(404).send({ error: { code: 'not_found', message: `No unit "${req.params.id}" in this province.` } } satisfies ApiError);
    const tasks = await at(req, reply);
    const id = req.params.id;
    return tasks && { unit: id, tasks: tasks.filter((t) => t.owners.includes(id)).map((t) => ownerView(t, id)) };
  });

  /** Store one status row with its audit entry, then answer with the task as it now stands. */
  const write = async (req: Req, reply: FastifyReply, action: string, row: TaskReportRow) => {
    try {
      await deps.store.commit({
        taskReports: [row],
        audit: [auditOf(req, action, deps.systemNow, { status: 201, target: `task:${row.task}`, detail: row.status })],
      });
    } catch (err) {
      return lostCommit(req, reply, err, 'the report', `Look at GET /api/units/:id/tasks before sending it again: a report stored twice is listed twice.`);
    }
    const seq = await deps.publish({ tasks: { reports: [row] } });
    const [versions, reports] = await stored();
    const task = ownerView(
      tasksAt(deps.config, versions, reports, deps.dataClock.now()).find((t) => t.id === row.task)!,
      row.unit!,
    );
    const { level, progress } = task;
    return reply.code(201).send({ seq, task: row.task, unit: row.unit!, status: row.status, receivedAt: toLocalIso(row.receivedAt, tz), level, progress });
  };
  /** Refuse a report whose owner is wrong or missing (its audit entry names the task). */
  const wrongOwner = (req: Req, reply: FastifyReply, action: string, c: Extract<OwnerChoice, { ok: false }>) =>
    refuse(deps, action, req, reply, c.status, c.error, { target: `task:${req.params.id}` });
  const notFound = (req: Req, reply: FastifyReply, action: string) =>
    refuse(deps, action, req, reply, 404, { code: 'not_found', message: `No task "${req.params.id}" in the register.` }, { target: `task:${req.params.id}` });

  app.post<Route>('/api/tasks/:id/status', { onRequest: guard(deps, 'write', 'tasks.status'), schema: schemaOf(ROUTES.taskStatus) }, async (req, reply) => {
    const now = deps.dataClock.now();
    const def = definitionsAt(deps.config, await deps.store.listTaskVersions(), now).get(req.params.id)?.def;
    if (!def) return notFound(req, reply, 'tasks.status');
    const owners = taskOwners(def, deps.config.geography);
    const tokenUnit = req.principal!.unit;
    // A unit token on another unit's task is refused before its body is read.
    const early = tokenUnit === null ? null : chooseOwner(def.id, owners, tokenUnit, undefined);
    if (early && !early.ok) return wrongOwner(req, reply, 'tasks.status', early);
    const p = taskStatusSchema.safeParse(req.body);
    if (!p.success)
      return refuse(deps, 'tasks.status', req, reply, 400, invalid('The report is not valid; nothing was stored.', issueDetails(p.error.issues)).error);
    const b = p.data;
    const owner = chooseOwner(def.id, owners, tokenUnit, b.unit);
    if (!owner.ok) return wrongOwner(req, reply, 'tasks.status', owner);
    const unit = owner.unit;
    return write(req, reply, 'tasks.status', {
      task: def.id,
      status: b.status,
      percent: b.status === 'done' ? 100 : (b.percent ?? null),
      reason: b.reason ?? null,
      note: b.note ?? null,
      evidence: b.evidence ?? null,
      milestonesDone: b.milestonesDone ?? null,
      unit,
      reportedBy: req.principal!.id,
      receivedAt: now,
    });
  });

  app.post<Route>('/api/tasks/:id/confirm', { onRequest: guard(deps, 'admin', 'tasks.confirm'), schema: schemaOf(ROUTES.taskConfirm) }, async (req, reply) => {
    const now = deps.dataClock.now();
    const [versions, reports] = await stored();
    const task = tasksAt(deps.config, versions, reports, now).find((t) => t.id === req.params.id);
    if (!task) return notFound(req, reply, 'tasks.confirm');
    const b = taskConfirmSchema.safeParse(req.body ?? {});
    if (!b.success) return refuse(deps, 'tasks.confirm', req, reply, 400, invalid('The confirmation is not valid.', issueDetails(b.error.issues)).error);
    const owner = chooseOwner(task.id, task.owners, null, b.data.unit);
    if (!owner.ok) return wrongOwner(req, reply, 'tasks.confirm', owner);
    const { progress } = ownerView(task, owner.unit);
    if (progress !== 'awaiting_confirmation') {
      const message = `The task "${task.id}" of "${owner.unit}" is not awaiting confirmation (it is ${progress}).`;
      return refuse(deps, 'tasks.confirm', req, reply, 409, { code: 'conflict', message }, { target: `task:${task.id}` });
    }
    const row = { task: task.id, status: 'confirmed' as const, percent: 100, reason: null, note: b.data.note ?? null, evidence: null, milestonesDone: null };
    return write(req, reply, 'tasks.confirm', { ...row, unit: owner.unit, reportedBy: req.principal!.id, receivedAt: now });
  });

  registerTaskImport(app, deps);
}
