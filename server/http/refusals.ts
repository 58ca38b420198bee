/** Repeated refusals (401, 403, 429) coalesced in the audit: one row per address, minute and answer, with a count. */
import type { FastifyRequest } from 'fastify';
import type { AuditEntry } from '../store/rows.js';
import type { Store } from '../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by server/http/limits.ts: where refusals are counted. */
    refusals: AuditCoalescer | null;
  }
}

const MINUTE = 60_000;

/**
 * Counts refusals per key. The first of a key in a minute is written at once (awaited, so a
 * store failure is answered); the rest are counted in memory and added by `flush` (on a timer),
 * so a flood costs one store write per address and flush, not one per request.
 */
export class AuditCoalescer {
  readonly #store: Store;
  readonly #pending = new Map<string, { entry: AuditEntry; n: number }>();
  /** Keys that have their row in the current minute. */
  readonly #written = new Set<string>();
  #minute = -1;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Count one refusal. */
  async note(entry: AuditEntry): Promise<void> {
    const minute = Math.floor(entry.at / MINUTE);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#written.clear();
    }
    const key = `${minute}|${entry.source}|${entry.status}|${entry.who}|${entry.detail ?? ''}`;
    if (!this.#written.has(key)) {
      this.#written.add(key);
      return this.#store.countAudit(entry, key, 1);
    }
    const p = this.#pending.get(key);
    if (p) p.n++;
    else this.#pending.set(key, { entry, n: 1 });
  }

  /** Add the counted refusals to their rows. */
  async flush(): Promise<void> {
    const batch = [...this.#pending];
    this.#pending.clear();
    for (const [key, { entry, n }] of batch) await this.#store.countAudit(entry, key, n);
  }
}

/** Record a refusal: coalesced where the app counts refusals, else one row. */
export function noteRefusal(req: FastifyRequest, store: Store, entry: AuditEntry): Promise<void> {
  const c = req.server.hasDecorator('refusals') ? req.server.refusals : null;
  return c ? c.note(entry) : store.appendAudit(entry);
}

/** A fixed one-minute window of counts per key (refusals per address); forgets the last minute at once. */
export class MinuteCounter {
  readonly #counts = new Map<string, number>();
  #minute = -1;

  #roll(now: number): void {
    const minute = Math.floor(now / MINUTE);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#counts.clear();
    }
  }

  add(key: string, now: number): void {
    this.#roll(now);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  count(key: string, now: number): number {
    this.#roll(now);
    return this.#counts.get(key) ?? 0;
  }

  /** Seconds until the window ends. */
  static retryAfter(now: number): number {
    return Math.ceil((MINUTE - (now % MINUTE)) / 1000);
  }
}
