/**
 * The REST API's contract: per route, the zod schemas of its body, query, params and answer,
 * and its error statuses. Route files attach them (server/http/openapi.ts turns them into the
 * OpenAPI document); the web client takes its request and answer types from them.
 */
import { z } from 'zod';
import type { DisplayConfig } from './display.js';
import type { Boundaries } from './geo.js';
import type { UnitDetail } from './history.js';
import type { Snapshot } from './state.js';
import { NOTIFY_ROUTES } from './notify-routes.js';
import { SIGNIN_ROUTES } from './signin-routes.js';
import {
  asOfSchema as asOf,
  auditQuerySchema,
  auditRecordSchema,
  briefingQuerySchema,
  displayCommandSchema,
  displayStatusSchema,
  fileSchema as file,
  idParams,
  importAnswerSchema,
  importQuerySchema,
  instant,
  readingsRequestSchema,
  reportsRequestSchema,
  geoQuerySchema,
  rollupQuerySchema,
  targetChangeSchema,
  targetVersionSchema,
  tokenInfoSchema,
  tokenRequestSchema,
} from './api-schemas.js';

export * from './api-schemas.js';
export { taskConfirmSchema, taskStatusSchema, taskImportQuerySchema } from './task-routes.js';
import { TASK_ROUTES } from './task-routes.js';

/** Who may call a route: anyone, anyone who may read (open unless `access.read` is "token"), a writer, an admin. */
export type RouteAuth = 'none' | 'read' | 'write' | 'admin';
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** One route's contract. `reply` is the 2xx answer (JSON unless `produces` names other media types). */
export interface RouteSpec {
  summary: string;
  tags: readonly string[];
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Header parameters the route reads (e.g. Idempotency-Key). */
  headers?: z.ZodType;
  status?: 200 | 201;
  reply: z.ZodType;
  /** Media types of a non-JSON answer (a file). */
  produces?: readonly string[];
  /** Media types of a non-JSON body (a file upload). */
  consumes?: readonly string[];
  errors: readonly ErrorStatus[];
}

/** The answer type of a route, as the web client receives it. */
export type Reply<S extends RouteSpec> = z.output<S['reply']>;
/** The body type of a route, as the web client sends it. */
export type Body<S extends RouteSpec> = S['body'] extends z.ZodType ? z.input<S['body']> : never;

const spec = <S extends RouteSpec>(s: S): S => s;
/** A value the server builds from a TypeScript type too large to restate (documented as an object). */
const object = <T>(description: string) => z.custom<T>().meta({ type: 'object', description });

const READ = [400, 401, 403, 429] as const;
const WRITE = [400, 401, 403, 413, 415, 429, 503] as const;

/** Every route of the REST API (GET /metrics and the document itself included). */
export const ROUTES = {
  health: spec({
    summary: 'Liveness: version, seq, data clock',
    tags: ['ops'],
    auth: 'none',
    reply: z.looseObject({
      status: z.literal('ok'),
      version: z.string(),
      seq: z.number().int(),
      demo: z.boolean(),
      asOf: instant,
      uptimeSeconds: z.number(),
      units: z.number().int(),
    }),
    errors: [],
  }),
  metrics: spec({
    summary: 'Prometheus metrics (text exposition format)',
    tags: ['ops'],
    auth: 'read',
    reply: z.string(),
    produces: ['text/plain; version=0.0.4'],
    errors: [401, 403],
  }),
  openapi: spec({ summary: 'This document (OpenAPI 3.1)', tags: ['ops'], auth: 'none', reply: object<object>('An OpenAPI 3.1 document'), errors: [] }),
  state: spec({
    summary: 'The whole state (live, or as known at ?asOf=)',
    tags: ['read'],
    auth: 'read',
    query: asOf,
    reply: object<Snapshot>('The snapshot: the same JSON as the socket state:snapshot event'),
    errors: READ,
  }),
  unit: spec({
    summary: 'One unit in depth: series, projections, reports (live or ?asOf=)',
    tags: ['read'],
    auth: 'read',
    params: idParams,
    query: asOf,
    reply: object<UnitDetail>('The unit detail'),
    errors: [...READ, 404],
  }),
  display: spec({
    summary: 'Display configuration: playlists, scenes, timings',
    tags: ['read'],
    auth: 'read',
    reply: object<DisplayConfig>('The display configuration'),
    errors: READ,
  }),
  geo: spec({
    summary: 'Boundaries of the area units of one geography version (?version=; default: the version valid now) (GeoJSON, WGS84)',
    tags: ['read'],
    auth: 'read',
    query: geoQuerySchema,
    reply: object<Boundaries>('A GeoJSON FeatureCollection; each feature has properties {id, label, inset?}'),
    errors: [...READ, 404],
  }),
  // GET /api/rollup (server/geography/routes.ts), grouped by a lens.
  rollup: spec({
    summary: "The state's units grouped by their predecessor in a geography version (?lens=&asOf=)",
    tags: ['read'],
    auth: 'read',
    query: rollupQuerySchema,
    reply: object<object>('The roll-up view: groups of units with their combined level'),
    errors: [...READ, 400],
  }),
  briefing: spec({
    summary: 'Briefing export rendered by the server: PNG of one slide, or PDF of all',
    tags: ['read'],
    auth: 'read',
    params: z.object({ format: z.enum(['png', 'pdf']) }),
    query: briefingQuerySchema,
    reply: file,
    produces: ['image/png', 'application/pdf'],
    errors: [...READ, 404, 503],
  }),
  readings: spec({
    summary: 'Store readings: all or none',
    tags: ['write'],
    auth: 'write',
    body: readingsRequestSchema,
    headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
    reply: z.object({ accepted: z.number().int(), seq: z.number().int(), replayed: z.literal(true).optional() }),
    errors: [...WRITE, 409],
  }),
  reports: spec({
    summary: 'File monthly reports (on time or late by the reporting rule)',
    tags: ['write'],
    auth: 'write',
    body: reportsRequestSchema,
    reply: z.object({
      accepted: z.number().int(),
      seq: z.number().int(),
      reports: z.array(z.object({ unit: z.string(), period: z.string(), dueAt: instant, status: z.enum(['on_time', 'late']) })),
    }),
    errors: WRITE,
  }),
  targets: spec({
    summary: 'Target and deadline versions, with who, when and why',
    tags: ['read'],
    auth: 'read',
    reply: z.object({ versions: z.array(targetVersionSchema) }),
    errors: READ,
  }),
  setTarget: spec({
    summary: 'Change a target or deadline from a date on (admin)',
    tags: ['admin'],
    auth: 'admin',
    body: targetChangeSchema,
    status: 201,
    reply: targetVersionSchema.extend({ seq: z.number().int() }),
    errors: WRITE,
  }),
  templateCsv: spec({ summary: 'Import template (CSV)', tags: ['import'], auth: 'read', reply: file, produces: ['text/csv'], errors: READ }),
  templateXlsx: spec({
    summary: 'Import template (XLSX)',
    tags: ['import'],
    auth: 'read',
    reply: file,
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    errors: READ,
  }),
  import: spec({
    summary: 'Import a CSV or XLSX sheet (?dryRun=1: preview only)',
    tags: ['import'],
    auth: 'write',
    query: importQuerySchema,
    body: file,
    consumes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    reply: importAnswerSchema,
    errors: WRITE,
  }),
  createToken: spec({
    summary: 'Create a token (its secret is in this answer, once)',
    tags: ['admin'],
    auth: 'admin',
    body: tokenRequestSchema,
    status: 201,
    reply: tokenInfoSchema.extend({ token: z.string() }),
    errors: WRITE,
  }),
  tokens: spec({
    summary: 'List tokens (never their secrets)',
    tags: ['admin'],
    auth: 'admin',
    reply: z.object({ tokens: z.array(tokenInfoSchema) }),
    errors: READ,
  }),
  revokeToken: spec({
    summary: 'Revoke a token',
    tags: ['admin'],
    auth: 'admin',
    params: idParams,
    reply: z.object({ revoked: z.string() }),
    errors: [...READ, 404, 503],
  }),
  audit: spec({
    summary: 'The audit trail, newest first (?limit=&before=)',
    tags: ['admin'],
    auth: 'admin',
    query: auditQuerySchema,
    reply: z.object({ entries: z.array(auditRecordSchema) }),
    errors: READ,
  }),
  displays: spec({
    summary: 'Walls that have connected',
    tags: ['admin'],
    auth: 'admin',
    reply: z.object({ displays: z.array(displayStatusSchema) }),
    errors: READ,
  }),
  command: spec({
    summary: 'Tell one wall to reload, or switch scene or playlist',
    tags: ['admin'],
    auth: 'admin',
    params: idParams,
    body: displayCommandSchema,
    reply: z.object({ delivered: z.number().int() }),
    errors: [...READ, 404],
  }),
  commandAll: spec({
    summary: 'Tell every wall to reload, or switch scene or playlist',
    tags: ['admin'],
    auth: 'admin',
    body: displayCommandSchema,
    reply: z.object({ delivered: z.number().int() }),
    errors: READ,
  }),
  ...NOTIFY_ROUTES,
  ...TASK_ROUTES,
  ...SIGNIN_ROUTES,
} as const;
