/** The zod schemas of the REST API's bodies, queries and answers (server/protocol/routes.ts puts them together per route). */
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { asOfQuerySchema } from './history.js';
import { instantSchema, MAX_READINGS_PER_REQUEST, readingInputSchema, readingsBodySchema } from './readings.js';
import { reportInputSchema, reportsBodySchema } from './reports.js';

/** A file in a body or an answer. */
export const fileSchema = z.string().meta({ format: 'binary', description: 'the file itself' });

export const errorDetailSchema = z.object({ row: z.number().int().optional(), field: z.string(), problem: z.string(), message: z.string() });
/** Every refusal: a code from the closed set, a message, and (for bad input) each row and field at fault. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.array(errorDetailSchema).optional() }) });

/** An instant as the API writes it. */
export const instant = z.string().meta({ format: 'date-time', description: 'ISO 8601 with offset' });
export const asOfSchema = asOfQuerySchema;
export const idParams = z.object({ id: z.string().min(1) });

export const readingsRequestSchema = readingsBodySchema.extend({ readings: z.array(readingInputSchema).min(1).max(MAX_READINGS_PER_REQUEST) });
export const reportsRequestSchema = reportsBodySchema.extend({ reports: z.array(reportInputSchema).min(1).max(1000) });
export const targetChangeSchema = z.strictObject({
  indicator: z.string().min(1),
  target: z.number().optional(),
  deadline: z.iso.date({ error: 'expected a date YYYY-MM-DD' }).optional(),
  /** A local date (in force from its 00:00) or an instant with offset. */
  effectiveFrom: z.union([z.iso.date(), instantSchema], { error: 'expected a date YYYY-MM-DD or a time with offset' }),
  reason: z.string().trim().min(5, { error: 'say why, in a few words (at least 5 characters)' }).max(500),
});
export const tokenRequestSchema = z.strictObject({
  role: z.enum(['admin', 'unit', 'display']),
  unit: z.string().min(1).optional(),
  label: z.string().min(1).max(120),
  expires: z.string().max(40).optional(),
});
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
export const displayCommandSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reload') }),
  z.strictObject({ kind: z.literal('scene'), scene: z.number().int().min(0).max(1000) }),
  z.strictObject({ kind: z.literal('playlist'), playlist: z.string().min(1).max(64) }),
]);
export const briefingQuerySchema = z.strictObject({
  asOf: z.string({ error: 'required: the frozen instant of the briefing' }),
  lang: z.enum(['vi', 'en']).default('vi'),
  /** 1-based, as the screen numbers slides (`slide=1` is the first). */
  slide: z.coerce.number().int().min(1).max(500).default(1),
  width: z.coerce.number().int().min(640).max(3840).default(1920),
  height: z.coerce.number().int().min(360).max(2160).default(1080),
});
export const importQuerySchema = z.strictObject({ dryRun: z.enum(['0', '1']).optional(), reports: z.enum(['0', '1']).optional() });
/** `?version=` of GET /api/geo: one geography id (default: the version valid now). */
export const geoQuerySchema = z.object({ version: z.string().min(1).optional() });
/** `?lens=&asOf=` of GET /api/rollup: the geography whose units group the state's. */
export const rollupQuerySchema = asOfQuerySchema.extend({ lens: z.string().min(1).optional() });

export const tokenInfoSchema = z.object({
  id: z.string(),
  role: z.enum(['admin', 'unit', 'display']),
  unit: z.string().nullable(),
  label: z.string(),
  createdAt: instant,
  expiresAt: instant.nullable(),
  revokedAt: instant.nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export const auditRecordSchema = z.object({
  id: z.number().int(),
  at: instant,
  who: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  source: z.string(),
  outcome: z.enum(['accepted', 'refused']),
  status: z.number().int(),
  detail: z.string().nullable(),
  requestId: z.string().nullable().optional(),
});
export const targetVersionSchema = z.object({
  indicator: z.string(),
  target: z.number(),
  deadline: z.string(),
  effectiveFrom: instant,
  recordedAt: instant,
  setBy: z.string(),
  reason: z.string(),
});
export const displayStatusSchema = z.object({
  id: z.string(),
  width: z.number(),
  height: z.number(),
  version: z.string(),
  mode: z.string(),
  playlist: z.string(),
  scene: z.number(),
  paused: z.boolean(),
  connected: z.boolean(),
  lastSeen: instant,
  address: z.string(),
});
const change = z.enum(['new', 'update', 'same']);
export const importAnswerSchema = z.object({
  dryRun: z.literal(true).optional(),
  accepted: z.number().int().optional(),
  reports: z.number().int().optional(),
  seq: z.number().int().optional(),
  format: z.string(),
  rows: z.number().int(),
  new: z.number().int(),
  update: z.number().int(),
  same: z.number().int(),
  readings: z
    .array(
      z.object({
        row: z.number().int(),
        unit: z.string(),
        indicator: z.string(),
        period: z.string(),
        at: instant,
        value: z.number(),
        previous: z.number().nullable(),
        change,
      }),
    )
    .optional(),
});
