import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/types.js';
import { invalid, issueDetails, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { auditQuerySchema, ROUTES, tokenRequestSchema } from '../protocol/routes.js';
import type { ErrorDetail } from '../protocol/errors.js';
import { auditOf, guard, type GuardDeps } from './guard.js';
import { newToken, parseExpiry, publicToken } from './tokens.js';

export interface AccessRouteDeps extends GuardDeps {
  config: AppConfig;
}

/**
 * Admin API for access: POST /api/tokens (the secret is in the answer, once), GET /api/tokens,
 * DELETE /api/tokens/:id (revoke), and GET /api/audit (newest first, `?limit=&before=`).
 */
export function registerAccessRoutes(app: FastifyInstance, deps: AccessRouteDeps): void {
  app.post('/api/tokens', { onRequest: guard(deps, 'admin', 'tokens.create'), schema: schemaOf(ROUTES.createToken) }, async (req, reply) => {
    const parsed = tokenRequestSchema.safeParse(req.body);
    const problems: ErrorDetail[] = parsed.success ? [] : issueDetails(parsed.error.issues);
    const body = parsed.success ? parsed.data : null;
    if (body?.role === 'unit' && !deps.config.units.some((u) => u.id === body.unit)) {
      problems.push({ field: 'unit', problem: 'unknown_unit', message: `a unit token needs a configured unit, got "${body.unit ?? ''}"` });
    }
    if (body && body.role !== 'unit' && body.unit) problems.push({ field: 'unit', problem: 'not_applicable', message: `only unit tokens have a unit` });
    let expiresAt: number | null = null;
    try {
      expiresAt = parseExpiry(body?.expires, deps.systemNow(), deps.config.timezone);
    } catch (err) {
      problems.push({ field: 'expires', problem: 'invalid_expiry', message: (err as Error).message });
    }
    if (problems.length || !body) {
      return refuse(deps, 'tokens.create', req, reply, 400, invalid('The token request is not valid.', problems).error);
    }
    const { secret, record } = newToken({ role: body.role, unit: body.unit ?? null, label: body.label, expiresAt, now: deps.systemNow() });
    const entry = auditOf(req, 'tokens.create', deps.systemNow, {
      status: 201,
      target: record.id,
      detail: `${record.role}${record.unit ? ` ${record.unit}` : ''}`,
    });
    await deps.store.commit({ tokens: [record], audit: [entry] });
    return reply.code(201).send({ ...publicToken(record, deps.systemNow()), token: secret });
  });

  app.get('/api/tokens', { onRequest: guard(deps, 'admin', 'tokens.list'), schema: schemaOf(ROUTES.tokens) }, async () => ({
    tokens: (await deps.store.listTokens()).map((t) => publicToken(t, deps.systemNow())),
  }));

  app.delete<{ Params: { id: string } }>(
    '/api/tokens/:id',
    { onRequest: guard(deps, 'admin', 'tokens.revoke'), schema: schemaOf(ROUTES.revokeToken) },
    async (req, reply) => {
      const active = (await deps.store.listTokens()).some((t) => t.id === req.params.id && t.revokedAt === null);
      const entry = auditOf(req, 'tokens.revoke', deps.systemNow, {
        target: req.params.id,
        outcome: active ? 'accepted' : 'refused',
        status: active ? 200 : 404,
      });
      // The revocation and its audit entry land together.
      await deps.store.commit({ ...(active && { revoke: { [req.params.id]: deps.systemNow() } }), audit: [entry] });
      if (!active) return reply.code(404).send({ error: { code: 'not_found', message: `No active token "${req.params.id}".` } });
      return { revoked: req.params.id };
    },
  );

  app.get('/api/audit', { onRequest: guard(deps, 'admin', 'audit.read'), schema: schemaOf(ROUTES.audit) }, async (req, reply) => {
    const q = auditQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: { code: 'validation_failed', message: 'Expected ?limit=1..1000 and ?before=<id>.' } });
    const rows = await deps.store.listAudit({ limit: q.data.limit, ...(q.data.before !== undefined && { before: q.data.before }) });
    return { entries: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
  });
}
