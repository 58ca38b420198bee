import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditOf, guard, type GuardDeps } from '../auth/guard.js';
import type { Clock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import type { ApiError, ErrorDetail } from '../protocol/errors.js';
import type { ReadingsAccepted } from '../protocol/readings.js';
import type { LiveState } from '../state/live.js';
import type { Publish } from '../state/publish.js';
import { idempotency } from './idempotency.js';
import { validateReadings } from './validate.js';
import type { AuditEntry } from '../store/rows.js';

export interface IngestDeps extends GuardDeps {
  config: AppConfig;
  state: LiveState;
  /** Makes the live state show a committed write; resolves with its seq. */
  publish: Publish;
  clock: Clock;
}

/** A unit token may write for its own unit only: every other row is named. */
export function outsideUnit(unit: string | null, rows: readonly { unit: string }[]): ErrorDetail[] {
  if (unit === null) return [];
  return rows.flatMap((r, row) =>
    r.unit === unit ? [] : [{ row, field: 'unit', problem: 'forbidden_unit', message: `this token may write for "${unit}" only, not "${r.unit}"` }],
  );
}

/** POST /api/readings: check the token, validate every row, store all in one transaction with its audit entry, then update the live state. */
export function registerIngest(app: FastifyInstance, deps: IngestDeps): void {
  const refuse = async (req: FastifyRequest, reply: FastifyReply, status: number, error: ApiError['error'], target: string | null = null) => {
    await deps.store.appendAudit(auditOf(req, 'readings.post', deps.wall, { outcome: 'refused', status, target, detail: error.code }));
    return reply.code(status).send({ error });
  };

  const options = { onRequest: guard(deps, 'write', 'readings.post') };
  app.post<{ Reply: ReadingsAccepted | ApiError }>('/api/readings', options, async (req, reply) => {
    const v = validateReadings(req.body, deps.config, deps.clock.now());
    if (!v.ok) return refuse(req, reply, 400, { code: 'validation_failed', message: v.message, details: v.details });
    const principal = req.principal!;
    const foreign = outsideUnit(principal.unit, v.rows);
    if (foreign.length) {
      return refuse(req, reply, 403, { code: 'forbidden', message: `${foreign.length} row(s) are for another unit; nothing was stored.`, details: foreign }, principal.unit);
    }

    const idem = await idempotency(req, deps.store, principal.id);
    if (idem.kind === 'error') return refuse(req, reply, idem.status, idem.error);
    if (idem.kind === 'replay') {
      await deps.store.appendAudit(auditOf(req, 'readings.post', deps.wall, { detail: `replayed (Idempotency-Key): ${idem.accepted} reading(s), none written again` }));
      return reply.header('idempotent-replayed', 'true').send({ accepted: idem.accepted, seq: deps.state.seq, replayed: true });
    }

    const rows = v.rows.map((r) => ({ ...r, source: 'api' as const, submittedBy: principal.id }));
    const units = [...new Set(rows.map((r) => r.unit))];
    const audit: AuditEntry = auditOf(req, 'readings.post', deps.wall, {
      target: units.length === 1 ? units[0]! : `${units.length} units`,
      detail: `${rows.length} reading(s)`,
    });
    try {
      await deps.store.commit({
        readings: rows,
        audit: [audit],
        ...(idem.kind === 'new' && { idempotency: { ...idem.record, accepted: rows.length, createdAt: deps.wall() } }),
      });
    } catch (err) {
      // Two retries raced: the other one stored it; answer as a retry.
      const again = idem.kind === 'new' ? await idempotency(req, deps.store, principal.id) : null;
      if (again?.kind === 'replay') return reply.header('idempotent-replayed', 'true').send({ accepted: again.accepted, seq: deps.state.seq, replayed: true });
      req.log.error({ err }, 'store write failed');
      return reply.code(503).send({ error: { code: 'store_unavailable', message: 'The store failed: the readings may not have been stored. Send them again (with the same Idempotency-Key, so that they are not stored twice).' } });
    }
    const seq = await deps.publish({ readings: rows });
    return { accepted: rows.length, seq };
  });
}
