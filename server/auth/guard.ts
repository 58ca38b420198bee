import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../protocol/errors.js';
import type { Store } from '../store/store.js';
import { authenticate, can, type Principal } from './principal.js';
import type { AuditEntry } from '../store/rows.js';
import { noteRefusal } from '../http/refusals.js';
import { loggedUrl } from '../http/log-url.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a guard: who is asking. */
    principal: Principal | null;
  }
}

export interface GuardDeps {
  store: Store;
  adminToken: string | undefined;
  /** The system clock (token expiry, audit times), never the data clock. */
  systemNow: () => number;
}

const NEED_MESSAGE = { read: 'reading', write: 'writing', admin: 'administration' } as const;

/** An audit entry for a request (the route adds target, outcome and detail). */
export function auditOf(req: FastifyRequest, action: string, systemNow: () => number, e: Partial<AuditEntry>): AuditEntry {
  return {
    at: systemNow(),
    who: req.principal?.id ?? 'anonymous',
    role: req.principal?.role ?? null,
    action,
    target: null,
    source: req.ip,
    outcome: 'accepted',
    status: 200,
    detail: null,
    requestId: req.id,
    ...e,
  };
}

/**
 * An onRequest hook: the request must carry a token allowed to `need`; otherwise 401/403 with
 * a clear code, logged, and (for writes and administration) recorded in the audit trail.
 * Runs before the body is read.
 */
export function guard(deps: GuardDeps, need: 'read' | 'write' | 'admin', action: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = await authenticate(req.headers.authorization, deps.store, deps.adminToken, deps.systemNow());
    let status: 401 | 403;
    let error: ApiError['error'];
    if (auth.ok && can(auth.principal, need)) {
      req.principal = auth.principal;
      return;
    }
    if (auth.ok) {
      req.principal = auth.principal;
      status = 403;
      error = { code: 'forbidden', message: `A ${auth.principal.role} token does not allow ${NEED_MESSAGE[need]}.` };
    } else if (!deps.adminToken && need !== 'read' && (await deps.store.listTokens()).length === 0) {
      status = 403;
      error = { code: 'writes_disabled', message: 'Writes are disabled: the server has no IOC_ADMIN_TOKEN and no tokens.' };
    } else {
      status = auth.status;
      error = { code: auth.code, message: auth.message };
    }
    req.log.warn({ code: error.code, url: loggedUrl(req.url), who: req.principal?.id ?? 'anonymous' }, 'request refused');
    if (need !== 'read') await noteRefusal(req, deps.store, auditOf(req, action, deps.systemNow, { outcome: 'refused', status, detail: error.code }));
    return reply.code(status).send({ error });
  };
}
