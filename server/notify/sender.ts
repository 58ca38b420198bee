import type { ChannelName, StoredMessage } from '../store/outbox-rows.js';
import type { OutboxStore } from '../store/outbox-rows.js';
import type { Channel } from './channels.js';
import { notifyCrashPoint } from './crash.js';

export interface SenderOptions {
  store: OutboxStore;
  channels: Partial<Record<ChannelName, Channel>>;
  /** System time (retries are real seconds, not data-clock time). */
  now?: () => number;
  /** Only the cluster's leader sends (a single node always leads). */
  isLeader?: () => boolean;
  /** First retry after this (ms), doubling each time up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** After this many failed attempts the message is failed (an operator may resend it). */
  maxAttempts?: number;
  /** Messages per pass. */
  batch?: number;
  onError?: (err: unknown) => void;
}

/** What one pass did. */
export interface SendPass {
  sent: number;
  retrying: number;
  failed: number;
  noChannel: number;
}

/** The delay before retry number `attempts` (1 = after the first failure): exponential, capped. */
export function backoff(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * The outbox's one sender. A message is stored before it is sent and marked sent after; a crash
 * in between leaves it not marked, so a restart sends it again under the same message id
 * (SMTP Message-ID, webhook X-IOC-Message-Id) for receivers to recognise: nothing is dropped.
 */
export class OutboxSender {
  readonly #o: Required<Omit<SenderOptions, 'onError'>> & Pick<SenderOptions, 'onError'>;
  #last: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  constructor(o: SenderOptions) {
    this.#o = { now: Date.now, isLeader: () => true, backoffMs: 30_000, maxBackoffMs: 3_600_000, maxAttempts: 8, batch: 50, ...o };
  }

  /** One pass over what is due now (nothing when not the leader), after any pass under way: passes never overlap. */
  pass(): Promise<SendPass> {
    const next = this.#last.then(() => this.#pass());
    this.#last = next.catch(() => {});
    return next;
  }

  /** Pass every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.pass().catch((err: unknown) => this.#o.onError?.(err)), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #pass(): Promise<SendPass> {
    const out: SendPass = { sent: 0, retrying: 0, failed: 0, noChannel: 0 };
    if (!this.#o.isLeader()) return out;
    const due = await this.#o.store.dueMessages(this.#o.now(), this.#o.batch);
    for (const m of due) {
      if (!this.#o.isLeader()) break;
      const state = await this.#sendOne(m);
      if (state === 'no_channel') out.noChannel++;
      else out[state]++;
    }
    return out;
  }

  async #sendOne(m: StoredMessage): Promise<'sent' | 'retrying' | 'failed' | 'no_channel'> {
    const { store, channels } = this.#o;
    const channel = channels[m.channel];
    if (!channel) {
      await store.updateMessage(m.id, { state: 'no_channel', attempts: m.attempts, nextAt: m.nextAt, lastError: null, sentAt: null });
      return 'no_channel';
    }
    notifyCrashPoint('before-send', m.id);
    const attempts = m.attempts + 1;
    try {
      await channel.send(m);
    } catch (err) {
      const failed = attempts >= this.#o.maxAttempts;
      const lastError = err instanceof Error ? err.message.slice(0, 500) : 'send failed';
      const nextAt = this.#o.now() + backoff(attempts, this.#o.backoffMs, this.#o.maxBackoffMs);
      await store.updateMessage(m.id, { state: failed ? 'failed' : 'retrying', attempts, nextAt, lastError, sentAt: null });
      return failed ? 'failed' : 'retrying';
    }
    notifyCrashPoint('after-send', m.id);
    await store.updateMessage(m.id, { state: 'sent', attempts, nextAt: m.nextAt, lastError: null, sentAt: this.#o.now() });
    return 'sent';
  }
}

/** An operator's resend: the message goes back to the queue now, its attempts counted afresh. */
export async function resend(store: OutboxStore, id: string, now: number): Promise<StoredMessage | null> {
  const m = await store.getMessage(id);
  if (!m) return null;
  await store.updateMessage(id, { state: 'queued', attempts: 0, nextAt: now, lastError: null, sentAt: null });
  return store.getMessage(id);
}

/** Pass until a pass finds nothing more it can send now; resolves with the totals. */
export async function drain(sender: OutboxSender): Promise<SendPass> {
  const total: SendPass = { sent: 0, retrying: 0, failed: 0, noChannel: 0 };
  for (;;) {
    const p = await sender.pass();
    for (const k of Object.keys(total) as (keyof SendPass)[]) total[k] += p[k];
    // Only a pass that sent something can have left more due behind it (a failure waits for its backoff).
    if (p.sent === 0) return total;
  }
}
