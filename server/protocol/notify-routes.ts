/** The notification routes' contracts (spread into ROUTES): the outbox, its run, resend, acknowledgement, and the contacts. */
import { z } from 'zod';
import { fileSchema } from './api-schemas.js';
import type { RouteSpec } from './routes.js';

const spec = <S extends RouteSpec>(s: S): S => s;
const READ = [400, 401, 403, 429] as const;
const WRITE = [400, 401, 403, 413, 415, 429, 503] as const;

export const messageStateSchema = z.enum(['queued', 'retrying', 'sent', 'failed', 'no_channel']);

const channelSchema = z.enum(['email', 'webhook']);

/** What every listing of a message says. */
const messageHead = z.object({
  id: z.string(),
  kind: z.string(),
  unit: z.string().nullable(),
  period: z.string().nullable(),
  channel: channelSchema,
  recipient: z.string(),
  subject: z.string(),
});

/** A message of the outbox as the admin page lists it. */
export const outboxMessageSchema = messageHead.extend({
  text: z.string(),
  state: messageStateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAt: z.string(),
  sentAt: z.string().nullable(),
  ackedAt: z.string().nullable(),
});

/** A message a run queued (nextAt in ms: quiet hours and the daily cap may hold it). */
export const queuedSchema = messageHead.extend({ nextAt: z.number() });

/** A contact as sent and answered. */
export const contactSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { error: 'expected a short id: lower-case letters, digits, . _ -' })
    .optional(),
  kind: z.enum(['unit', 'leader', 'office']),
  unit: z.string().min(1).nullable().default(null),
  name: z.string().trim().min(1).max(200),
  role: z.string().trim().max(200).default(''),
  email: z.email({ error: 'expected an email address' }),
  chat: z.string().trim().min(1).max(200).nullable().default(null),
  language: z.enum(['vi', 'en']).default('vi'),
});

export const NOTIFY_ROUTES = {
  notificationsRun: spec({
    summary: 'Queue the reminders and alerts due now (each once), then send; answers what it queued',
    tags: ['notifications'],
    auth: 'admin',
    body: z.strictObject({}),
    reply: z.object({ queued: z.array(queuedSchema), channels: z.array(channelSchema) }),
    errors: WRITE,
  }),
  outbox: spec({
    summary: 'The outbox, newest first (?unit=&limit=)',
    tags: ['notifications'],
    auth: 'admin',
    query: z.object({ unit: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    reply: z.object({ messages: z.array(outboxMessageSchema), channels: z.array(channelSchema) }),
    errors: READ,
  }),
  resend: spec({
    summary: 'Send a message again (back to the queue, attempts counted afresh, the same message id)',
    tags: ['notifications'],
    auth: 'admin',
    params: z.object({ id: z.string().min(1) }),
    body: z.strictObject({}),
    reply: outboxMessageSchema,
    errors: [...WRITE, 404],
  }),
  ack: spec({
    summary: 'Acknowledge a message (the link in it): records when it was first opened, answers a page',
    tags: ['notifications'],
    auth: 'none',
    params: z.object({ ackId: z.string().min(8).max(64) }),
    reply: z.string(),
    produces: ['text/html'],
    errors: [404, 429, 503],
  }),
  contacts: spec({
    summary: 'Contacts of the units, their leaders and the province office',
    tags: ['notifications'],
    auth: 'admin',
    reply: z.object({ contacts: z.array(contactSchema.required({ id: true })) }),
    errors: READ,
  }),
  saveContacts: spec({
    summary: 'Add or change contacts (replace: true replaces the whole list); all rows or none',
    tags: ['notifications'],
    auth: 'admin',
    body: z.strictObject({ contacts: z.array(z.unknown()).min(1).max(10_000), replace: z.boolean().default(false) }),
    reply: z.object({ saved: z.number().int() }),
    errors: WRITE,
  }),
  importContacts: spec({
    summary: 'Import contacts from a CSV or XLSX sheet (?dryRun=1: preview only); all rows or none, problems named by row',
    tags: ['notifications'],
    auth: 'admin',
    query: z.object({ dryRun: z.enum(['0', '1']).optional() }),
    body: fileSchema,
    consumes: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    reply: z.object({ dryRun: z.boolean(), saved: z.number().int(), contacts: z.array(contactSchema.required({ id: true })) }),
    errors: WRITE,
  }),
  deleteContact: spec({
    summary: 'Remove a contact',
    tags: ['notifications'],
    auth: 'admin',
    params: z.object({ id: z.string().min(1) }),
    reply: z.object({ deleted: z.string() }),
    errors: [...READ, 404, 503],
  }),
};
