/** The HTTP boundary kit every route uses: zod issues as error details, refusals with their audit entry, the lost-commit answer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { auditOf, type GuardDeps } from '../auth/guard.js';
import type { ApiError, ErrorDetail } from '../protocol/errors.js';
import type { AuditEntry } from '../store/rows.js';

type Issue = z.core.$ZodIssue;

/** The field an issue is about; for unknown keys, the keys themselves; `whole` when it is about the whole value. */
function fieldOf(i: Issue, whole: string): string {
  return [...i.path.map(String), ...(i.code === 'unrecognized_keys' ? [i.keys.join(',')] : [])].join('.') || whole;
}

/** Zod issues as the API's error details, each naming its field (and its row, in a batch). */
export function issueDetails(issues: readonly Issue[], whole = '(body)', row?: number): ErrorDetail[] {
  return issues.map((i) => ({ ...(row !== undefined && { row }), field: fieldOf(i, whole), problem: i.code, message: i.message }));
}

/** A 400 validation_failed answer. */
export function invalid(message: string, details: ErrorDetail[]): ApiError {
  return { error: { code: 'validation_failed', message, details } };
}

/** What a refusal needs: the store for its audit entry and the system clock for its time. */
export type RefuseDeps = Pick<GuardDeps, 'store' | 'systemNow'>;

/**
 * A refused write for `action`: its audit entry first (a refused write is recorded too), then the
 * answer. The audit detail is the error code unless `audit` says otherwise.
 */
export async function refuse(
  deps: RefuseDeps,
  action: string,
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: ApiError['error'],
  audit: Partial<AuditEntry> = {},
): Promise<FastifyReply> {
  await deps.store.appendAudit(auditOf(req, action, deps.systemNow, { outcome: 'refused', status, detail: error.code, ...audit }));
  return reply.code(status).send({ error });
}

/**
 * The answer when a commit failed: it may or may not have landed (a connection lost after the
 * COMMIT was sent), so the client is told to send again and how that is safe for `what`.
 */
export function lostCommit(req: FastifyRequest, reply: FastifyReply, err: unknown, what: string, again: string): FastifyReply {
  req.log.error({ err }, 'store write failed');
  return reply
    .code(503)
    .send({ error: { code: 'store_unavailable', message: `The store failed: ${what} may not have been stored. ${again}` } } satisfies ApiError);
}

/** Names one problem of the row being checked. */
export type Problem = (field: string, problem: string, message: string) => void;

/**
 * Check every row of a batch: each parsed by `schema` (its issues named by row), then `check`
 * names the row's own problems and returns it as stored. Every problem of every row is
 * gathered, so that one answer tells the sender everything to fix; `rows` holds the valid ones.
 * `plain`, when given, accepts a row as the schema would, faster; zod then checks only the others.
 */
export function checkRows<S extends z.ZodType, T>(
  raws: readonly unknown[],
  schema: S,
  check: (r: z.infer<S>, problem: Problem, row: number) => T,
  plain?: (raw: unknown) => raw is z.infer<S>,
): { rows: T[]; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const rows: T[] = [];
  raws.forEach((raw, row) => {
    const parsed = plain?.(raw) ? { success: true as const, data: raw } : schema.safeParse(raw);
    if (!parsed.success) {
      details.push(...issueDetails(parsed.error.issues, '(row)', row));
      return;
    }
    const before = details.length;
    const valid = check(parsed.data, (field, problem, message) => details.push({ row, field, problem, message }), row);
    if (details.length === before) rows.push(valid);
  });
  return { rows, details };
}
