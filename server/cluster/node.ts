import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataClock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import { LiveState } from '../state/live.js';
import type { Publish } from '../state/publish.js';
import { CHANGES_CHANNEL, CLUSTER_LOCK } from './changes.js';
import { DELTAS_CHANNEL, changeHead, changesAfter, clusterEpoch, clusterHead, deltasAfter, loadEverything, prunedUpto, storeDelta, type ChangeRow, type Everything } from './logs.js';

export interface ClusterLog {
  info(msg: string): void;
  warn(msg: string, err?: unknown): void;
}

export interface ClusterOptions {
  /** DATABASE_URL: the node's own connections for LISTEN and the leader's lock. */
  url: string;
  pool: pg.Pool;
  config: AppConfig;
  /** The data clock: what "now" means for the engine. */
  dataClock: DataClock;
  /** The system clock (stamps, pruning); default Date.now. */
  systemNow?: () => number;
  /** How often time alone is re-assessed by the leader (0: only on changes). */
  tickMs: number;
  /** Fallback poll and election period (ms); notifications make the usual case immediate. */
  pollMs?: number;
  /** How long a write waits for the leader's delta before answering with the seq it has. */
  publishWaitMs?: number;
  /** The leader checks its lock connection every poll; no answer within this (ms): it steps down. */
  lockCheckMs?: number;
  log: ClusterLog;
}

/** The leader's own engine: the changes it has folded, and the lock connection it leads by. */
interface Engine {
  state: LiveState;
  upto: number;
  lock: pg.Client;
}

/** Runs `fn` one at a time; a call during a run asks for one more run after it. */
function serial(fn: () => Promise<void>, onError: (err: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      await fn().catch(onError);
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

/**
 * One node of a cluster on PostgreSQL. Every node keeps a published LiveState (what its walls
 * and API see): its readings index follows the change log, its assessment follows the delta
 * log. The leader, elected by a PostgreSQL advisory lock held on its own connection, is the
 * only one that computes: it folds new changes (or time passing) into its engine, stores the
 * delta with the next seq and notifies; every node, the leader included, then publishes that
 * same delta to its own walls. A leader that dies releases the lock with its connection; the
 * next node to take it continues from the stored state, same epoch, next seq.
 */
export class ClusterNode {
  readonly state: LiveState;
  readonly epoch: string;
  readonly #o: ClusterOptions & { systemNow: () => number; pollMs: number; publishWaitMs: number; lockCheckMs: number };
  /** Last change folded into the published index. */
  #indexed = 0;
  /** Last change the published assessment includes. */
  #published = 0;
  #listener: pg.Client | null = null;
  #lock: pg.Client | null = null;
  #lockCheck: Promise<void> | null = null;
  #engine: Engine | null = null;
  #tickDue = false;
  #closed = false;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #waiters = new Set<{ upto: number; done: () => void }>();
  readonly #resync = new Set<() => void>();
  /** What is failing now: each is logged once when it starts failing and once when it works again. */
  readonly #failing = new Set<string>();
  readonly #tailChanges: () => Promise<void>;
  readonly #tailDeltas: () => Promise<void>;
  readonly #lead: () => Promise<void>;

  private constructor(o: ClusterOptions, epoch: string) {
    this.#o = { systemNow: Date.now, pollMs: 1000, publishWaitMs: 10_000, lockCheckMs: 5000, ...o };
    this.epoch = epoch;
    this.state = new LiveState(o.config, o.dataClock, this.#o.systemNow, epoch);
    const watch = (what: string, fn: () => Promise<void>) => async () => {
      await fn().catch((err: unknown) => {
        this.#fail(what, err);
        throw err;
      });
      this.#ok(what);
    };
    const quiet = () => {};
    this.#tailChanges = serial(watch('reading the change log', () => this.#applyChanges()), quiet);
    this.#tailDeltas = serial(watch('reading the delta log', () => this.#applyDeltas()), quiet);
    this.#lead = serial(() => this.#leaderStep(), quiet);
  }

  /** Join the cluster: shared epoch, the stored state, then follow the logs and stand for leader. */
  static async start(o: ClusterOptions): Promise<ClusterNode> {
    const node = new ClusterNode(o, await clusterEpoch(o.pool, randomUUID()));
    node.#indexed = node.#reload(node.state, await loadEverything(o.pool));
    await node.#applyDeltas();
    await node.#listen();
    await node.#campaign();
    const poll = setInterval(() => node.#poll(), node.#o.pollMs);
    poll.unref();
    node.#timers.push(poll);
    if (o.tickMs > 0) {
      const tick = setInterval(() => {
        node.#tickDue = true;
        if (node.#engine) void node.#lead();
      }, o.tickMs);
      tick.unref();
      node.#timers.push(tick);
    }
    return node;
  }

  get leader(): boolean {
    return this.#engine !== null;
  }

  /** Called when the published state jumped (a snapshot replaced it): walls need a snapshot. */
  onResync(fn: () => void): void {
    this.#resync.add(fn);
  }

  /** After a commit: resolves with the seq of the delta that shows it (or, if no leader answers in time, the current seq). */
  readonly publish: Publish = async () => {
    let head: number;
    try {
      head = await changeHead(this.#o.pool);
    } catch {
      return this.state.seq; // stored, but the database went away since: the wall catches up later
    }
    void this.#tailChanges();
    if (this.#engine) void this.#lead();
    await new Promise<void>((res) => {
      const w = { upto: head, done: () => (clearTimeout(timer), this.#waiters.delete(w), res()) };
      const timer = setTimeout(() => {
        this.#o.log.warn(`cluster: no delta covered change ${head} within ${this.#o.publishWaitMs} ms (is a leader running?); the write is stored`);
        w.done();
      }, this.#o.publishWaitMs);
      this.#waiters.add(w);
      this.#settle();
    });
    return this.state.seq;
  };

  #fail(what: string, err: unknown): void {
    if (this.#closed || this.#failing.has(what)) return;
    this.#failing.add(what);
    this.#o.log.warn(`cluster: ${what} failed (retrying every ${this.#o.pollMs} ms)`, err);
  }

  #ok(what: string): void {
    if (this.#failing.delete(what)) this.#o.log.info(`cluster: ${what} works again`);
  }

  #settle(): void {
    const reached = Math.min(this.#indexed, this.#published);
    for (const w of [...this.#waiters]) if (w.upto <= reached) w.done();
  }

  #poll(): void {
    if (this.#closed) return;
    void this.#tailChanges();
    void this.#tailDeltas();
    if (this.#engine) {
      this.#checkLock(this.#engine.lock);
      void this.#lead();
    } else
      void this.#campaign().then(
        () => this.#ok('standing for leader'),
        (err: unknown) => this.#fail('standing for leader', err),
      );
  }

  /** The published index follows the change log. */
  async #applyChanges(): Promise<void> {
    const pruned = await prunedUpto(this.#o.pool);
    if (pruned > this.#indexed) {
      // Away for longer than the change log is kept: start again from everything.
      this.#o.log.info(`cluster: changes ${this.#indexed + 1}..${pruned} were pruned before this node read them: reloading everything`);
      this.#indexed = this.#reload(this.state, await loadEverything(this.#o.pool));
    }
    for (;;) {
      const rows = await changesAfter(this.#o.pool, this.#indexed);
      if (!rows.length) break;
      this.#indexed = await this.#fold(this.state, rows, this.#indexed);
    }
    this.#settle();
  }

  /** Replace a LiveState's index by everything stored. Returns the change reached. */
  #reload(state: LiveState, all: Everything): number {
    state.load(all);
    return all.upto;
  }

  /** Fold changes into a LiveState's index; a reset reloads everything. Returns the change reached. */
  async #fold(state: LiveState, rows: ChangeRow[], from: number): Promise<number> {
    let upto = from;
    for (const { id, body } of rows) {
      // Everything stored covers this change and the rest of the batch (versions included).
      if (body.reset) return this.#reload(state, await loadEverything(this.#o.pool));
      if (body.readings) state.addReadings(body.readings);
      if (body.reports) state.addReports(body.reports);
      if (body.versions) state.addVersions(body.versions);
      upto = id;
    }
    return upto;
  }

  /** The published assessment follows the delta log (a gap or another epoch: the stored snapshot). */
  async #applyDeltas(): Promise<void> {
    let resynced = false;
    for (;;) {
      // The leader adopts its own deltas directly: some rows may already be here.
      const rows = (await deltasAfter(this.#o.pool, this.state.seq)).filter((r) => r.seq > this.state.seq);
      if (!rows.length) break;
      if (this.state.seq === 0 || rows[0]!.seq !== this.state.seq + 1 || rows.some((r) => r.epoch !== this.epoch)) {
        if (resynced) throw new Error(`the delta log has a gap after seq ${this.state.seq}`);
        const head = await clusterHead(this.#o.pool);
        if (!head || head.epoch !== this.epoch) throw new Error('the stored state belongs to another epoch');
        resynced = true;
        // Never go back: the leader may have adopted newer deltas meanwhile; look again.
        if (this.state.seq > 0 && head.snapshotSeq <= this.state.seq) continue;
        this.state.resumeFrom(head.snapshot);
        this.#published = head.snapshotUpto;
        for (const fn of this.#resync) fn();
        continue;
      }
      for (const r of rows) {
        if (r.seq !== this.state.seq + 1) break;
        this.state.adopt(r.body);
        this.#published = r.upto;
      }
    }
    this.#settle();
  }

  /** LISTEN on its own connection; reconnects after a loss (the poll covers the gap). */
  async #listen(): Promise<void> {
    if (this.#closed) return;
    const c = new pg.Client({ connectionString: this.#o.url, connectionTimeoutMillis: 3000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    const retry = () => {
      if (this.#listener !== c) return;
      this.#listener = null;
      c.end().catch(() => {});
      if (this.#closed) return;
      const t = setTimeout(() => void this.#listen(), this.#o.pollMs);
      t.unref();
    };
    c.on('error', retry);
    c.on('end', retry);
    c.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) {
        void this.#tailChanges();
        if (this.#engine) void this.#lead();
      } else if (n.channel === DELTAS_CHANNEL) void this.#tailDeltas();
    });
    this.#listener = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGES_CHANNEL}`);
      await c.query(`LISTEN ${DELTAS_CHANNEL}`);
      this.#ok('listening for changes');
    } catch (err) {
      this.#fail('listening for changes', err);
      retry();
    }
  }

  /** Try to take the leader's lock (a session advisory lock on a connection of its own). */
  async #campaign(): Promise<void> {
    if (this.#closed || this.#lock) return;
    // keepAlive, and the leader's check every poll (#checkLock): a connection that went half-open is noticed.
    const c = new pg.Client({ connectionString: this.#o.url, connectionTimeoutMillis: 3000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    c.on('error', () => {});
    this.#lock = c;
    let won = false;
    try {
      await c.connect();
      won = (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [CLUSTER_LOCK.leader])).rows[0]!.ok;
    } finally {
      if (!won) {
        this.#lock = null;
        await c.end().catch(() => {});
      }
    }
    if (!won) return;
    // A late event from an older lock connection must not end a newer leadership: #stepDown checks whose.
    c.on('end', () => this.#stepDown(c, 'its lock connection ended'));
    c.on('error', (err) => this.#stepDown(c, 'its lock connection failed', err));
    try {
      // Catch up with what was published, then continue from it with an engine of our own.
      await this.#tailDeltas();
      const engine = new LiveState(this.#o.config, this.#o.dataClock, this.#o.systemNow, this.epoch);
      const upto = this.#reload(engine, await loadEverything(this.#o.pool));
      if (this.state.seq > 0) engine.resumeFrom(this.state.snapshot());
      if (this.#lock !== c) return;
      this.#engine = { state: engine, upto, lock: c };
    } catch (err) {
      this.#stepDown(c, 'taking over failed', err);
      return;
    }
    this.#tickDue = true;
    this.#o.log.info(`cluster: this node leads (epoch ${this.epoch}, seq ${this.state.seq})`);
    await this.#lead();
  }

  /** The leader asks its lock connection something cheap; no answer in time: the lock may be gone, step down. */
  #checkLock(c: pg.Client): void {
    if (this.#lockCheck) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`no answer within ${this.#o.lockCheckMs} ms`)), this.#o.lockCheckMs);
    });
    this.#lockCheck = Promise.race([c.query('SELECT 1'), late])
      .then(
        () => {},
        (err: unknown) => this.#stepDown(c, 'its lock connection does not answer', err),
      )
      .finally(() => {
        clearTimeout(timer);
        this.#lockCheck = null;
      });
  }

  /** Give up leadership held on lock connection `c` (nothing if a newer connection holds it now). */
  #stepDown(c: pg.Client, why: string, err?: unknown): void {
    if (this.#lock !== c) return;
    const led = this.#engine !== null;
    this.#lock = null;
    this.#engine = null;
    c.end().catch(() => {});
    if ((led || err !== undefined) && !this.#closed) this.#o.log.warn(`cluster: stepped down: ${why}`, err);
  }

  /** The leader's step: fold new changes, recompute, store the delta, then publish it here. */
  async #leaderStep(): Promise<void> {
    const e = this.#engine;
    if (!e) return;
    try {
      await this.#step(e);
    } catch (err) {
      this.#stepDown(e.lock, 'its step failed', err);
    }
  }

  async #step(e: Engine): Promise<void> {
    const rows = await changesAfter(this.#o.pool, e.upto, 1000);
    if (!rows.length && !this.#tickDue) return;
    this.#tickDue = false;
    const upto = await this.#fold(e.state, rows, e.upto);
    if (this.#engine !== e) return;
    e.upto = upto;
    // If the delta is not stored the engine is ahead of the cluster: the catch steps down and a
    // new engine is built from the stored state.
    const delta = e.state.recompute();
    await storeDelta(this.#o.pool, this.epoch, delta, upto, () => e.state.snapshot(), this.#o.systemNow());
    if (this.state.seq === 0) {
      // The cluster's first delta: take the leader's whole state, not a diff from ours.
      this.state.resumeFrom(e.state.snapshot());
      this.#published = upto;
      for (const fn of this.#resync) fn();
      this.#settle();
    } else if (this.state.seq + 1 === delta.seq) {
      this.state.adopt(delta);
      this.#published = upto;
      this.#settle();
    } else void this.#tailDeltas();
    if (rows.length === 1000) void this.#lead();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) clearInterval(t);
    for (const w of [...this.#waiters]) w.done();
    const l = this.#listener;
    this.#listener = null;
    await l?.end().catch(() => {});
    const lock = this.#lock;
    this.#lock = null;
    this.#engine = null;
    await lock?.end().catch(() => {});
  }
}
