/** The node's own PostgreSQL connections (outside the pool): LISTEN, and the leader's lock; and how their work is run. */
import pg from 'pg';
import { CHANGES_CHANNEL, CLUSTER_LOCK } from './changes.js';
import { DELTAS_CHANNEL } from './logs.js';

export interface ClusterLog {
  info(msg: string): void;
  warn(msg: string, err?: unknown): void;
}

/** A connection of its own; keepAlive, so that a connection gone half-open is noticed. */
function ownClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
}

/** Runs `fn` one at a time; a call during a run asks for one more run after it. Errors are left to `fn`. */
export function serial(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      await fn().catch(() => {});
    } while (again);
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}

/** What is failing now: each is logged once when it starts failing and once when it works again. */
export class Failures {
  readonly #failing = new Set<string>();
  constructor(
    private readonly log: ClusterLog,
    private readonly pollMs: number,
    private readonly quiet: () => boolean,
  ) {}

  fail(what: string, err: unknown): void {
    if (this.quiet() || this.#failing.has(what)) return;
    this.#failing.add(what);
    this.log.warn(`cluster: ${what} failed (retrying every ${this.pollMs} ms)`, err);
  }

  ok(what: string): void {
    if (this.#failing.delete(what)) this.log.info(`cluster: ${what} works again`);
  }

  /** `fn`, with its failure and recovery logged under `what` (a failure still rejects). */
  watch(what: string, fn: () => Promise<void>): () => Promise<void> {
    return async () => {
      await fn().catch((err: unknown) => {
        this.fail(what, err);
        throw err;
      });
      this.ok(what);
    };
  }
}

/**
 * LISTEN for the change and delta channels on a connection of its own; reconnects after a loss
 * (the node's poll covers the gap).
 */
export class Listener {
  #client: pg.Client | null = null;
  #closed = false;

  constructor(
    private readonly url: string,
    private readonly retryMs: number,
    private readonly on: { changes(): void; deltas(): void },
    private readonly failures: Failures,
  ) {}

  async listen(): Promise<void> {
    if (this.#closed) return;
    const c = ownClient(this.url);
    const retry = () => {
      if (this.#client !== c) return;
      this.#client = null;
      c.end().catch(() => {});
      if (this.#closed) return;
      const t = setTimeout(() => void this.listen(), this.retryMs);
      t.unref();
    };
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) this.on.changes();
      else if (n.channel === DELTAS_CHANNEL) this.on.deltas();
    });
    this.#client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      await c.query(`LISTEN ${DELTAS_CHANNEL}`);
      this.failures.ok('listening for changes');
    } catch (err) {
      this.failures.fail('listening for changes', err);
      retry();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const c = this.#client;
    this.#client = null;
    await c?.end().catch(() => {});
  }
}

/** Try to take the leader's lock (a session advisory lock on a connection of its own): the connection, or null when another node holds it. */
export async function takeLeaderLock(url: string): Promise<pg.Client | null> {
  const c = ownClient(url);
  c.on('error', () => {});
  let won = false;
  try {
    await c.connect();
    won = (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [CLUSTER_LOCK.leader])).rows[0]!.ok;
  } finally {
    if (!won) await c.end().catch(() => {});
  }
  return won ? c : null;
}

/** Ask a lock connection something cheap; rejects when it fails or gives no answer within `ms`. */
export async function checkConnection(c: pg.Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, rej) => {
    timer = setTimeout(() => rej(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([c.query('SELECT 1'), late]);
  } finally {
    clearTimeout(timer);
  }
}
