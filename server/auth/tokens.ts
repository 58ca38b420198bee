import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokenInfo } from '../protocol/access.js';
import { localInstant } from '../time/local.js';
import type { Role, TokenRecord } from '../store/rows.js';

/** SHA-256 of a token secret (hex): what the store keeps. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A new token: the secret (shown once) and the record to store. */
export function newToken(o: { role: Role; unit: string | null; label: string; expiresAt: number | null; now: number }): {
  secret: string;
  record: TokenRecord;
} {
  const secret = `ioc_${randomBytes(24).toString('base64url')}`;
  const record: TokenRecord = {
    id: randomUUID().slice(0, 8),
    hash: hashSecret(secret),
    role: o.role,
    unit: o.role === 'unit' ? o.unit : null,
    label: o.label,
    createdAt: o.now,
    expiresAt: o.expiresAt,
    revokedAt: null,
  };
  return { secret, record };
}

/** A token as listed (never its secret or hash). */
export function publicToken(t: TokenRecord, now: number): TokenInfo {
  const state: TokenInfo['state'] = t.revokedAt !== null ? 'revoked' : t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'active';
  return {
    id: t.id,
    role: t.role,
    unit: t.unit,
    label: t.label,
    createdAt: new Date(t.createdAt).toISOString(),
    // A far expiry stored before it was bounded must not break the list: show the latest date there is.
    expiresAt: t.expiresAt === null ? null : new Date(Math.min(t.expiresAt, 8.64e15)).toISOString(),
    revokedAt: t.revokedAt === null ? null : new Date(t.revokedAt).toISOString(),
    state,
  };
}

/** The longest a token may live: beyond this an expiry is a typo, and far dates break date formatting. */
export const MAX_TOKEN_LIFETIME_MS = 10 * 366 * 86_400_000;

/**
 * "90d", "12h", a date (valid to the end of that day in provincial time) or a time with offset →
 * an instant; null for "never" or nothing. Throws on nonsense, on an instant at or before `now`,
 * and on one more than ten years ahead.
 */
export function parseExpiry(text: string | undefined, now: number, tz: string): number | null {
  if (!text || text === 'never') return null;
  const rel = /^(\d+)([dh])$/.exec(text);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const t = rel
    ? now + Number(rel[1]) * (rel[2] === 'd' ? 86_400_000 : 3_600_000)
    : day
      ? localInstant(tz, Number(day[1]), Number(day[2]), Number(day[3]) + 1)
      : Date.parse(text);
  if (!Number.isFinite(t)) throw new Error(`expected an expiry like 90d, 12h, 2025-12-31 or never, got "${text}"`);
  if (t <= now) throw new Error(`the expiry ${text} is ${rel ? 'no time at all' : 'already past'}`);
  if (t - now > MAX_TOKEN_LIFETIME_MS) throw new Error(`the expiry ${text} is more than ten years ahead; use "never" for a token that does not expire`);
  return t;
}
