import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/types.js';
import { invalid, issueDetails, refuse } from '../http/boundary.js';
import { noteRefusal } from '../http/refusals.js';
import { schemaOf } from '../http/openapi.js';
import { ROUTES } from '../protocol/routes.js';
import { signinExchangeSchema, signinLinkRequestSchema } from '../protocol/signin-routes.js';
import { unitById } from '../geography/validity.js';
import { auditOf, guard, type GuardDeps } from './guard.js';
import { hashSecret, newToken } from './tokens.js';

/** How long a sign-in link works (once), and how long the session it opens lasts. */
export const SIGNIN_LINK_MS = 24 * 3_600_000;
export const UNIT_SESSION_MS = 12 * 3_600_000;

export interface SigninDeps extends GuardDeps {
  config: AppConfig;
}

const iso = (t: number) => new Date(t).toISOString();

/**
 * POST /api/auth/links (admin, {unit}): a one-time code, stored hashed, in the fragment of
 * `/?mode=unit#code=…` (never sent to a server, so never logged). POST /api/auth/exchange
 * ({code}): once, before it expires, a unit token that expires after a working day. Both audited.
 * GET /api/auth/me: whose token it is (a pasted unit token opens its unit's page).
 */
export function registerSignin(app: FastifyInstance, deps: SigninDeps): void {
  app.post('/api/auth/links', { onRequest: guard(deps, 'admin', 'signin.link'), schema: schemaOf(ROUTES.signinLink) }, async (req, reply) => {
    const parsed = signinLinkRequestSchema.safeParse(req.body);
    const problems = parsed.success ? [] : issueDetails(parsed.error.issues);
    if (parsed.success && !unitById(deps.config.geography, parsed.data.unit)) {
      problems.push({ field: 'unit', problem: 'unknown_unit', message: `no unit "${parsed.data.unit}" in this province` });
    }
    if (!parsed.success || problems.length)
      return refuse(deps, 'signin.link', req, reply, 400, invalid('The sign-in link request is not valid.', problems).error);
    const now = deps.systemNow();
    const code = randomBytes(24).toString('base64url');
    const link = {
      hash: hashSecret(code),
      unit: parsed.data.unit,
      createdAt: now,
      expiresAt: now + SIGNIN_LINK_MS,
      createdBy: req.principal!.id,
      usedAt: null,
    };
    const entry = auditOf(req, 'signin.link', deps.systemNow, { status: 201, target: link.unit, detail: `link until ${iso(link.expiresAt)}` });
    await deps.store.commit({ signinLinks: [link], audit: [entry] });
    return reply.code(201).send({ url: `/?mode=unit#code=${code}`, unit: link.unit, expiresAt: iso(link.expiresAt) });
  });

  app.post('/api/auth/exchange', { schema: schemaOf(ROUTES.signinExchange) }, async (req, reply) => {
    const parsed = signinExchangeSchema.safeParse(req.body);
    if (!parsed.success)
      return refuse(deps, 'signin.exchange', req, reply, 400, invalid('Send {"code": "…"} from the sign-in link.', issueDetails(parsed.error.issues)).error);
    const now = deps.systemNow();
    const unit = await deps.store.claimSigninLink(hashSecret(parsed.data.code), now);
    if (!unit) {
      const error = { code: 'unauthorized' as const, message: 'The sign-in link is not valid, has expired or has been used: ask for a new one.' };
      // Counted like a wrong token: coalesced in the audit, and a guessing address is stopped by the refusal limit.
      await noteRefusal(req, deps.store, auditOf(req, 'signin.exchange', deps.systemNow, { outcome: 'refused', status: 401, detail: error.code }));
      return reply.code(401).send({ error });
    }
    const expiresAt = now + UNIT_SESSION_MS;
    const { secret, record } = newToken({ role: 'unit', unit, label: `unit page session (sign-in link)`, expiresAt, now });
    const entry = auditOf(req, 'signin.exchange', deps.systemNow, { who: record.id, role: 'unit', status: 200, target: record.id, detail: `unit ${unit}` });
    await deps.store.commit({ tokens: [record], audit: [entry] });
    return { token: secret, unit, expiresAt: iso(expiresAt) };
  });

  app.get('/api/auth/me', { onRequest: guard(deps, 'read', 'auth.me'), schema: schemaOf(ROUTES.whoami) }, async (req) => {
    const p = req.principal!;
    return { id: p.id, role: p.role, unit: p.unit };
  });
}
