/** The task register's REST contracts (spread into ROUTES): lists, a unit's tasks, import, status reports, confirmation. */
import { z } from 'zod';
import { asOfQuerySchema } from './history.js';
import type { RouteSpec } from './routes.js';
import type { TaskDetail } from './tasks.js';

const spec = <S extends RouteSpec>(s: S): S => s;
const idParams = z.object({ id: z.string().min(1) });
const tasks = z
  .custom<TaskDetail[]>()
  .meta({ type: 'array', description: 'Tasks with level, reasons, status reports and versions (server/protocol/tasks.ts)' });
const READ = [400, 401, 403, 429] as const;
const WRITE = [400, 401, 403, 404, 413, 415, 429, 503] as const;

/** A status report from an owner (or the province office): in progress needs a percent, blocked a reason. */
export const taskStatusSchema = z
  .strictObject({
    status: z.enum(['not_started', 'in_progress', 'done', 'blocked']),
    percent: z.number().min(0).max(100).optional(),
    reason: z.string().trim().min(3).max(500).optional(),
    note: z.string().trim().max(1000).optional(),
    evidence: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) link' })
      .max(1000)
      .optional(),
    /** How many of the task's milestones (in date order) are reached. */
    milestonesDone: z.number().int().min(0).max(100).optional(),
    /** The owner unit reported for: a unit token's own (may be left out); the office names it when the task has several owners. */
    unit: z.string().min(1).optional(),
  })
  .refine((b) => b.status !== 'in_progress' || b.percent !== undefined, { error: 'in progress: give the percent complete', path: ['percent'] })
  .refine((b) => b.status !== 'blocked' || b.reason !== undefined, { error: 'blocked: say why (reason)', path: ['reason'] });

/** The province office's confirmation of one owner's "done", with an optional note. */
export const taskConfirmSchema = z.strictObject({
  note: z.string().trim().max(1000).optional(),
  /** The owner whose "done" is confirmed (may be left out when the task has one owner). */
  unit: z.string().min(1).optional(),
});

export const taskImportQuerySchema = z.strictObject({ dryRun: z.enum(['0', '1']).optional() });

const statusAnswer = z.object({
  seq: z.number().int(),
  task: z.string(),
  unit: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  level: z.string(),
  progress: z.string(),
});

export const TASK_ROUTES = {
  tasks: spec({
    summary: 'The task register with levels and reasons (live or ?asOf=)',
    tags: ['tasks'],
    auth: 'read',
    query: asOfQuerySchema,
    reply: z.object({ tasks }),
    errors: READ,
  }),
  unitTasks: spec({
    summary: "One unit's tasks with levels, reasons and history (live or ?asOf=)",
    tags: ['tasks'],
    auth: 'read',
    params: idParams,
    query: asOfQuerySchema,
    reply: z.object({ unit: z.string(), tasks }),
    errors: [...READ, 404],
  }),
  taskImport: spec({
    summary: 'Import the task list (CSV or XLSX; ?dryRun=1: preview only); all rows or none (admin)',
    tags: ['tasks'],
    auth: 'admin',
    query: taskImportQuerySchema,
    body: z.string().meta({ format: 'binary' }),
    consumes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    reply: z.looseObject({
      dryRun: z.literal(true).optional(),
      rows: z.number().int(),
      new: z.number().int(),
      update: z.number().int(),
      same: z.number().int(),
    }),
    errors: WRITE,
  }),
  taskStatus: spec({
    summary: "Report a task's status (a unit token: its own tasks only); kept as a row, never overwritten",
    tags: ['tasks'],
    auth: 'write',
    params: idParams,
    body: taskStatusSchema,
    status: 201,
    reply: statusAnswer,
    errors: WRITE,
  }),
  taskConfirm: spec({
    summary: 'Confirm a task reported done (province office, admin)',
    tags: ['tasks'],
    auth: 'admin',
    params: idParams,
    body: taskConfirmSchema,
    status: 201,
    reply: statusAnswer,
    errors: [...WRITE, 409],
  }),
} as const;
