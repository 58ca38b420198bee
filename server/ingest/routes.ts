import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { AppConfig } from '../config/types.js';
import type { ApiError } from '../protocol/errors.js';
import type { ReadingsAccepted } from '../protocol/readings.js';
import type { LiveState } from '../state/live.js';
import type { Store } from '../store/store.js';
import { checkWriter } from './auth.js';
import { validateReadings } from './validate.js';

export interface IngestDeps {
  config: AppConfig;
  store: Store;
  state: LiveState;
  clock: Clock;
  adminToken: string | undefined;
}

/** POST /api/readings: validate every row, then store all in one transaction, then update the live state. */
export function registerIngest(app: FastifyInstance, deps: IngestDeps): void {
  // The token is checked before the body is even read: strangers cannot make us parse 2 MB.
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = checkWriter(req.headers.authorization, deps.adminToken);
    if (!auth.ok) {
      req.log.warn({ code: auth.code, url: req.url }, 'write refused');
      return reply.code(auth.status).send({ error: { code: auth.code, message: auth.message } } satisfies ApiError);
    }
  };

  app.post<{ Reply: ReadingsAccepted | ApiError }>('/api/readings', { onRequest: guard }, async (req, reply) => {
    const v = validateReadings(req.body, deps.config, deps.clock.now());
    if (!v.ok) return reply.code(400).send({ error: { code: 'validation_failed', message: v.message, details: v.details } });

    const rows = v.rows.map((r) => ({ ...r, source: 'api' as const, submittedBy: 'admin' }));
    try {
      await deps.store.insertReadings(rows);
    } catch (err) {
      req.log.error({ err }, 'store write failed');
      return reply.code(503).send({ error: { code: 'store_unavailable', message: 'The readings could not be stored; nothing was accepted. Try again.' } });
    }
    deps.state.addReadings(rows);
    const delta = deps.state.recompute();
    return { accepted: rows.length, seq: delta.seq };
  });
}
