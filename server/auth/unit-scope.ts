import type { FastifyInstance } from 'fastify';
import type { ApiError } from '../protocol/errors.js';
import { authenticate } from './principal.js';
import type { GuardDeps } from './guard.js';

/** The read routes that name one unit: a unit token may read its own unit there, no other. */
const UNIT_ROUTES = new Set(['/api/units/:id']);

/**
 * A request to a unit's route that carries a unit token for another unit is refused (403), even
 * where reading is open: a unit's page shows its own unit only.
 */
export function registerUnitScope(app: FastifyInstance, deps: GuardDeps): void {
  app.addHook('preHandler', async (req, reply) => {
    if (!UNIT_ROUTES.has(req.routeOptions.url ?? '') || !req.headers.authorization) return;
    const auth = await authenticate(req.headers.authorization, deps.store, deps.adminToken, deps.systemNow());
    const asked = (req.params as { id?: string }).id;
    if (!auth.ok || auth.principal.role !== 'unit' || auth.principal.unit === asked) return;
    req.log.warn({ code: 'forbidden', who: auth.principal.id }, 'a unit token asked for another unit');
    const error: ApiError['error'] = { code: 'forbidden', message: `A token of unit "${auth.principal.unit ?? ''}" may not read unit "${asked ?? ''}".` };
    return reply.code(403).send({ error });
  });
}
