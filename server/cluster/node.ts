import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DataClock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import { LiveState } from '../state/live.js';
import type { Publish } from '../state/publish.js';
import { checkConnection, Failures, Listener, serial, takeLeaderLock, type ClusterLog } from './connections.js';
import { foldChanges, reloadInto, Waiters } from './follow.js';
import { changeHead, changesAfter, clusterEpoch, clusterHead, deltasAfter, prunedUpto, storeDelta } from './logs.js';

export type { ClusterLog };

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
  readonly #listener: Listener;
  #lock: pg.Client | null = null;
  #campaigning = false;
  #lockCheck: Promise<void> | null = null;
  #engine: Engine | null = null;
  #tickDue = false;
  #closed = false;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #waiters = new Waiters();
  readonly #resync = new Set<() => void>();
  readonly #failures: Failures;
  readonly #tailChanges: () => Promise<void>;
  readonly #tailDeltas: () => Promise<void>;
  readonly #lead: () => Promise<void>;

  private constructor(o: ClusterOptions, epoch: string) {
    this.#o = { systemNow: Date.now, pollMs: 1000, publishWaitMs: 10_000, lockCheckMs: 5000, ...o };
    this.epoch = epoch;
    this.state = new LiveState(o.config, o.dataClock, this.#o.systemNow, epoch);
    this.#failures = new Failures(o.log, this.#o.pollMs, () => this.#closed);
    this.#tailChanges = serial(this.#failures.watch('reading the change log', () => this.#applyChanges()));
    this.#tailDeltas = serial(this.#failures.watch('reading the delta log', () => this.#applyDeltas()));
    this.#lead = serial(() => this.#leaderStep());
    this.#listener = new Listener(this.#o.url, this.#o.pollMs, { changes: () => this.#onChange(), deltas: () => void this.#tailDeltas() }, this.#failures);
  }

  /** Join the cluster: shared epoch, the stored state, then follow the logs and stand for leader. */
  static async start(o: ClusterOptions): Promise<ClusterNode> {
    const node = new ClusterNode(o, await clusterEpoch(o.pool, randomUUID()));
    node.#indexed = await reloadInto(node.state, o.pool);
    await node.#applyDeltas();
    await node.#listener.listen();
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
    this.#onChange();
    const shown = this.#waiters.wait(head, this.#o.publishWaitMs, () =>
      this.#o.log.warn(`cluster: no delta covered change ${head} within ${this.#o.publishWaitMs} ms (is a leader running?); the write is stored`),
    );
    this.#settle();
    await shown;
    return this.state.seq;
  };

  /** A change was committed somewhere: index it, and fold it in when leading. */
  #onChange(): void {
    void this.#tailChanges();
    if (this.#engine) void this.#lead();
  }

  #settle(): void {
    const reached = Math.min(this.#indexed, this.#published);
    this.#waiters.settle(reached);
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
        () => this.#failures.ok('standing for leader'),
        (err: unknown) => this.#failures.fail('standing for leader', err),
      );
  }

  /** The published index follows the change log. */
  async #applyChanges(): Promise<void> {
    const pruned = await prunedUpto(this.#o.pool);
    if (pruned > this.#indexed) {
      // Away for longer than the change log is kept: start again from everything.
      this.#o.log.info(`cluster: changes ${this.#indexed + 1}..${pruned} were pruned before this node read them: reloading everything`);
      this.#indexed = await reloadInto(this.state, this.#o.pool);
    }
    for (;;) {
      const rows = await changesAfter(this.#o.pool, this.#indexed);
      if (!rows.length) break;
      this.#indexed = await foldChanges(this.state, rows, this.#indexed, this.#o.pool);
    }
    this.#settle();
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

  /** Try to take the leader's lock (a session advisory lock on a connection of its own). */
  async #campaign(): Promise<void> {
    if (this.#closed || this.#lock || this.#campaigning) return;
    this.#campaigning = true;
    let c: pg.Client | null;
    try {
      c = await takeLeaderLock(this.#o.url);
    } finally {
      this.#campaigning = false;
    }
    if (!c) return;
    if (this.#closed) {
      await c.end().catch(() => {});
      return;
    }
    this.#lock = c;
    // A late event from an older lock connection must not end a newer leadership: #stepDown checks whose.
    const lock = c;
    c.on('end', () => this.#stepDown(lock, 'its lock connection ended'));
    c.on('error', (err) => this.#stepDown(lock, 'its lock connection failed', err));
    try {
      // Catch up with what was published, then continue from it with an engine of our own.
      await this.#tailDeltas();
      const engine = new LiveState(this.#o.config, this.#o.dataClock, this.#o.systemNow, this.epoch);
      const upto = await reloadInto(engine, this.#o.pool);
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
    this.#lockCheck = checkConnection(c, this.#o.lockCheckMs)
      .catch((err: unknown) => this.#stepDown(c, 'its lock connection does not answer', err))
      .finally(() => (this.#lockCheck = null));
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
    const upto = await foldChanges(e.state, rows, e.upto, this.#o.pool);
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
    this.#waiters.releaseAll();
    await this.#listener.close();
    const lock = this.#lock;
    this.#lock = null;
    this.#engine = null;
    await lock?.end().catch(() => {});
  }
}
