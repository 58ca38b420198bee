/** Request limits (issue 17 items 1 and 12): writes per address and token, refusals per address, audit coalesced and bounded. */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditOf } from '../auth/guard.js';
import type { ApiError } from '../protocol/errors.js';
import type { Store } from '../store/store.js';
import { AuditCoalescer, MinuteCounter } from './refusals.js';

export interface LimitDeps {
  store: Store;
  systemNow: () => number;
  /** Write requests allowed per address and token per minute. */
  writeLimitPerMinute: number;
  /** Audit rows older than this many days are deleted (IOC_AUDIT_RETENTION_DAYS, default 400). */
  auditRetentionDays?: number;
}

const DAY = 86_400_000;
const isRead = (req: FastifyRequest) => req.method === 'GET' || req.method === 'HEAD';
/** The token part of a limit key: a digest, never the secret itself. */
const tokenKey = (req: FastifyRequest) => {
  const h = req.headers.authorization;
  return h ? createHash('sha256').update(h).digest('base64url').slice(0, 16) : '-';
};

/** Refusals (401/403) allowed per address per minute: fewer than writes, enough for a mistyped token or two. */
export const refusalLimit = (writeLimit: number) => Math.max(10, Math.ceil(writeLimit / 4));

/**
 * Register the limits. Writes: `writeLimitPerMinute` per address and token; reads 100 times
 * that per address. Refusals: once an address has had `refusalLimit` 401/403 answers in a
 * minute, everything it sends is a 429 until the minute ends (no unlimited token guessing).
 * Every 429 and refusal is coalesced in the audit; the audit keeps `auditRetentionDays`.
 */
export async function registerLimits(http: FastifyInstance, deps: LimitDeps): Promise<void> {
  const refusals = new AuditCoalescer(deps.store);
  http.decorate('refusals', refusals);
  const audit429 = (req: FastifyRequest) =>
    refusals
      .note(auditOf(req, `${req.method} ${req.url.split('?')[0]}`, deps.systemNow, { outcome: 'refused', status: 429, detail: 'rate_limited' }))
      .catch((err: unknown) => req.log.error({ err }, 'audit write failed'));

  const refused = new MinuteCounter();
  const maxRefused = refusalLimit(deps.writeLimitPerMinute);
  http.addHook('onRequest', async (req, reply) => {
    const now = deps.systemNow();
    if (refused.count(req.ip, now) < maxRefused) return;
    await audit429(req);
    const error: ApiError['error'] = {
      code: 'rate_limited',
      message: `Too many refused requests from this address: at most ${maxRefused} a minute; try again in ${MinuteCounter.retryAfter(now)} s.`,
    };
    return reply.code(429).header('retry-after', MinuteCounter.retryAfter(now)).send({ error });
  });
  http.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 401 || reply.statusCode === 403) refused.add(req.ip, deps.systemNow());
  });

  // Registered globally so that it runs before every route's token check.
  await http.register(rateLimit, {
    global: true,
    max: (req) => (isRead(req) ? 100 * deps.writeLimitPerMinute : deps.writeLimitPerMinute),
    timeWindow: '1 minute',
    keyGenerator: (req) => (isRead(req) ? `${req.ip}|read` : `${req.ip}|write|${tokenKey(req)}`),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: `Too many writes: at most ${ctx.max} a minute; try again in ${ctx.after}.` }),
    // A write refused for its rate is a refused write: it goes in the audit trail too (coalesced).
    onExceeded: (req) => {
      if (!isRead(req)) void audit429(req);
    },
  });

  const keepMs = (deps.auditRetentionDays ?? Number(process.env.IOC_AUDIT_RETENTION_DAYS ?? 400)) * DAY;
  const prune = () =>
    deps.store.pruneAudit(deps.systemNow() - keepMs).then(
      (n) => n > 0 && http.log.info({ deleted: n }, 'audit rows past retention deleted'),
      (err: unknown) => http.log.error({ err }, 'audit pruning failed'),
    );
  const flush = () => refusals.flush().catch((err: unknown) => http.log.error({ err }, 'audit write failed'));
  const flushTimer = setInterval(() => void flush(), 5000).unref();
  const pruneTimer = setInterval(() => void prune(), 6 * 3600_000).unref();
  http.addHook('onReady', async () => void prune());
  http.addHook('onClose', async () => {
    clearInterval(flushTimer);
    clearInterval(pruneTimer);
    await flush();
  });
}
