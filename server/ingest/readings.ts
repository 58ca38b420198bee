import type { FastifyInstance } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { lostCommit, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { ROUTES } from '../protocol/routes.js';
import type { ApiError } from '../protocol/errors.js';
import type { ReadingsAccepted } from '../protocol/readings.js';
import type { AuditEntry } from '../store/rows.js';
import { outsideUnit, type IngestDeps } from './deps.js';
import { idempotency } from './idempotency.js';
import { validateReadings } from './validate.js';

/** POST /api/readings: check the token, validate every row, store all in one transaction with its audit entry, then update the live state. */
export function registerReadings(app: FastifyInstance, deps: IngestDeps): void {
  const options = { onRequest: guard(deps, 'write', 'readings.post'), schema: schemaOf(ROUTES.readings) };
  app.post<{ Reply: ReadingsAccepted | ApiError }>('/api/readings', options, async (req, reply) => {
    const v = validateReadings(req.body, deps.config, deps.dataClock.now());
    if (!v.ok) return refuse(deps, 'readings.post', req, reply, 400, { code: 'validation_failed', message: v.message, details: v.details });
    const principal = req.principal!;
    const foreign = outsideUnit(principal.unit, v.rows);
    if (foreign.length) {
      return refuse(
        deps,
        'readings.post',
        req,
        reply,
        403,
        { code: 'forbidden', message: `${foreign.length} row(s) are for another unit; nothing was stored.`, details: foreign },
        { target: principal.unit },
      );
    }

    const idem = await idempotency(req, deps.store, principal.id);
    if (idem.kind === 'error') return refuse(deps, 'readings.post', req, reply, idem.status, idem.error);
    if (idem.kind === 'replay') {
      await deps.store.appendAudit(
        auditOf(req, 'readings.post', deps.systemNow, { detail: `replayed (Idempotency-Key): ${idem.accepted} reading(s), none written again` }),
      );
      return reply.header('idempotent-replayed', 'true').send({ accepted: idem.accepted, seq: deps.state.seq, replayed: true });
    }

    const rows = v.rows.map((r) => ({ unit: r.unit, indicator: r.indicator, value: r.value, at: r.at, source: 'api' as const, submittedBy: principal.id }));
    const units = [...new Set(rows.map((r) => r.unit))];
    const audit: AuditEntry = auditOf(req, 'readings.post', deps.systemNow, {
      target: units.length === 1 ? units[0]! : `${units.length} units`,
      detail: `${rows.length} reading(s)`,
    });
    try {
      await deps.store.commit({
        readings: rows,
        audit: [audit],
        ...(idem.kind === 'new' && { idempotency: { ...idem.record, accepted: rows.length, createdAt: deps.systemNow() } }),
      });
    } catch (err) {
      // Two retries raced: the other one stored it; answer as a retry.
      const again = idem.kind === 'new' ? await idempotency(req, deps.store, principal.id) : null;
      if (again?.kind === 'replay') return reply.header('idempotent-replayed', 'true').send({ accepted: again.accepted, seq: deps.state.seq, replayed: true });
      return lostCommit(req, reply, err, 'the readings', 'Send them again (with the same Idempotency-Key, so that they are not stored twice).');
    }
    // Indexed after the answer is sent: 10,000 readings take about as long to index as to check.
    const seq = await deps.publish({ readings: rows, afterAnswer: true });
    return { accepted: rows.length, seq };
  });
}
