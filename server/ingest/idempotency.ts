import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiError } from '../protocol/errors.js';
import type { Store } from '../store/store.js';
import type { IdempotencyRecord } from '../store/rows.js';

export type Idempotency =
  | { kind: 'none' }
  | { kind: 'new'; record: Omit<IdempotencyRecord, 'accepted' | 'createdAt'> }
  | { kind: 'replay'; accepted: number }
  | { kind: 'error'; status: 400 | 409; error: ApiError['error'] };

/**
 * The `Idempotency-Key` of a write: none, a new one (to be stored with the write), a retry of a
 * stored write with the same body (answer it again, write nothing), or a misuse.
 */
export async function idempotency(req: FastifyRequest, store: Store, who: string): Promise<Idempotency> {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return { kind: 'none' };
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) {
    return { kind: 'error', status: 400, error: { code: 'bad_request', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters.' } };
  }
  const requestHash = createHash('sha256').update(JSON.stringify(req.body)).digest('hex');
  const prior = await store.findIdempotency(who, key);
  if (!prior) return { kind: 'new', record: { who, key, requestHash } };
  if (prior.requestHash !== requestHash) {
    return { kind: 'error', status: 409, error: { code: 'conflict', message: 'This Idempotency-Key was already used for a different body; use a new key.' } };
  }
  return { kind: 'replay', accepted: prior.accepted };
}
