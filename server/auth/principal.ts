import { createHash, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.js';
import { hashSecret } from './tokens.js';
import type { Role } from '../store/rows.js';

/** Who is asking: a token's id and role (and unit, for unit tokens). */
export interface Principal {
  id: string;
  role: Role;
  unit: string | null;
}

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; status: 401 | 403; code: 'unauthorized' | 'writes_disabled'; message: string };

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who sent `Authorization: Bearer …`: the bootstrap admin (IOC_ADMIN_TOKEN) or a stored token
 * that is neither revoked nor expired.
 */
export async function authenticate(header: string | undefined, store: Store, adminToken: string | undefined, now: number): Promise<AuthOutcome> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return { ok: false, status: 401, code: 'unauthorized', message: 'Send "Authorization: Bearer <token>".' };
  const secret = m[1]!;
  // Compare digests so that timing does not reveal the admin token or its length.
  if (adminToken && timingSafeEqual(digest(secret), digest(adminToken))) return { ok: true, principal: { id: 'env-admin', role: 'admin', unit: null } };
  const t = await store.findToken(hashSecret(secret));
  if (!t) return { ok: false, status: 401, code: 'unauthorized', message: 'The token is not valid.' };
  if (t.revokedAt !== null) return { ok: false, status: 401, code: 'unauthorized', message: 'The token has been revoked.' };
  if (t.expiresAt !== null && t.expiresAt <= now) return { ok: false, status: 401, code: 'unauthorized', message: 'The token has expired.' };
  return { ok: true, principal: { id: t.id, role: t.role, unit: t.unit } };
}

/** What each role may do. Unit tokens are further limited to their own unit by the routes. */
const CAN: Record<Role, ReadonlySet<string>> = {
  admin: new Set(['read', 'write', 'admin']),
  unit: new Set(['read', 'write']),
  display: new Set(['read']),
};

export function can(p: Principal, what: 'read' | 'write' | 'admin'): boolean {
  return CAN[p.role].has(what);
}
