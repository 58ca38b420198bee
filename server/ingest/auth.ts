import { createHash, timingSafeEqual } from 'node:crypto';

export type AuthResult = { ok: true; who: string } | { ok: false; status: 401 | 403; code: 'unauthorized' | 'writes_disabled'; message: string };

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Check a write request's `Authorization: Bearer …` against the admin token.
 * Without a configured admin token every write is refused.
 */
export function checkWriter(header: string | undefined, adminToken: string | undefined): AuthResult {
  if (!adminToken) {
    return { ok: false, status: 403, code: 'writes_disabled', message: 'Writes are disabled: the server has no IOC_ADMIN_TOKEN.' };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return { ok: false, status: 401, code: 'unauthorized', message: 'Send "Authorization: Bearer <token>".' };
  // Compare digests so that timing does not reveal the token or its length.
  if (!timingSafeEqual(digest(m[1]!), digest(adminToken))) {
    return { ok: false, status: 401, code: 'unauthorized', message: 'The token is not valid.' };
  }
  return { ok: true, who: 'admin' };
}
