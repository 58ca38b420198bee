/**
 * Two real server processes (`npm start`'s entry point) on one real PostgreSQL and one real
 * Redis: a reading posted to one node reaches walls on both; seq is global; killing the
 * leader moves its walls to the other node, which takes over and catches them up by seq;
 * Redis down delivers locally and recovers; PostgreSQL down refuses writes with 503.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta } from '../../server/protocol/patch.js';
import { CLUSTER_LOCK } from '../../server/cluster/changes.js';
import type { Delta, Snapshot } from '../../server/protocol/index.js';
import { startPostgres, startRedis, until, type Postgres, type Redis } from '../helpers/engines.js';
import { runMain, type Proc } from '../helpers/process.js';
import { post, ROOT, TOKEN, type Client } from '../helpers/server.js';

/** A wall as the web app keeps it: a snapshot, then deltas in seq order (a gap is recorded as a failure). */
class Wall {
  snap: Snapshot | null = null;
  snapshots = 0;
  readonly gaps: string[] = [];
  socket!: Client;
  constructor(url: string) {
    this.#connect(url, {});
  }
  #connect(url: string, auth: object): void {
    this.socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
    this.socket.on('state:snapshot', (s) => {
      this.snap = s;
      this.snapshots++;
    });
    this.socket.on('state:delta', (d: Delta) => {
      if (!this.snap) return void this.gaps.push(`delta ${d.seq} before any snapshot`);
      if (d.seq <= this.snap.seq) return; // already have it
      if (d.seq !== this.snap.seq + 1) return void this.gaps.push(`delta ${d.seq} after ${this.snap.seq}`);
      this.snap = applyDelta(this.snap, d);
    });
  }
  get seq(): number {
    return this.snap?.seq ?? -1;
  }
  value(unit: string, indicator: string): number | null {
    return this.snap?.units.find((u) => u.id === unit)?.indicators.find((i) => i.id === indicator)?.value ?? null;
  }
  /** Reconnect elsewhere (what the load balancer does when this wall's node dies), resuming by epoch and seq as the web app does. */
  moveTo(url: string): void {
    this.socket.close();
    this.#connect(url, { resume: { epoch: this.snap!.epoch, seq: this.snap!.seq } });
  }
}

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const reading = (value: number, minutesAgo: number, unit = 'tam-ky') => ({ readings: [{ unit, indicator: 'land-database', value, at: at(minutesAgo) }] });
const health = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as { seq: number; cluster: { leader: boolean; redis: boolean | null } };
const state = async (url: string) => (await (await fetch(`${url}/api/state`)).json()) as Snapshot;

describe('two nodes on PostgreSQL and Redis', () => {
  let server: Postgres;
  let redis: Redis;
  let dataDir: string;
  const nodes: Proc[] = [];
  const walls: Wall[] = [];
  const start = (): Proc => {
    const p = runMain({
      IOC_CONFIG: join(ROOT, 'config/quang-nam-2024.json'),
      DATABASE_URL: server.url(),
      REDIS_URL: redis.url,
      IOC_ADMIN_TOKEN: TOKEN,
      IOC_DEMO: '0',
      IOC_TICK_MS: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    nodes.push(p);
    return p;
  };
  let a: Proc;
  let b: Proc;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    [server, redis] = await Promise.all([startPostgres(), startRedis()]);
    dataDir = mkdtempSync(join(tmpdir(), 'ioc-cluster-'));
    a = start();
    urlA = await a.url;
    // A started first, so A leads; B follows.
    expect((await health(urlA)).cluster.leader).toBe(true);
    b = start();
    urlB = await b.url;
    expect((await health(urlB)).cluster).toEqual({ leader: false, redis: true });
    // GET /metrics says the same: 1 on the leader, 0 on the follower.
    for (const [url, lead] of [
      [urlA, 1],
      [urlB, 0],
    ] as const)
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(new RegExp(`^ioc_cluster_leader ${lead}$`, 'm'));
  });

  afterAll(async () => {
    for (const w of walls) w.socket.close();
    await Promise.all(nodes.map((n) => n.kill()));
    await redis?.stop();
    redis?.remove();
    await server?.stop();
    server?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a reading posted to B reaches walls on A and B within a second, with the same global seq', async () => {
    const onA = new Wall(urlA);
    const onB = new Wall(urlB);
    walls.push(onA, onB);
    await until('both walls have a snapshot', () => onA.snap && onB.snap);
    expect(onA.snap!.epoch).toBe(onB.snap!.epoch);

    // Timed from before the POST: its answer itself waits for the delta to be published.
    const t0 = Date.now();
    const res = await post(urlB, '/api/readings', reading(41.5, 30));
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(1);
    await until('the reading on both walls', () => onA.value('tam-ky', 'land-database') === 41.5 && onB.value('tam-ky', 'land-database') === 41.5, 1000);
    expect(Date.now() - t0).toBeLessThan(1000); // on both walls within a second of being posted
    expect(onA.seq).toBe(res.json.seq);
    expect(onB.seq).toBe(res.json.seq);

    // seq is global and strictly increasing whichever node takes the write.
    const seqs = [res.json.seq];
    for (const [i, url] of [urlA, urlB, urlA, urlB].entries()) {
      const r = await post(url, '/api/readings', reading(42 + i, 20 - i));
      expect(r.status).toBe(200);
      seqs.push(r.json.seq);
    }
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
    await until('both walls at the last seq', () => onA.seq === seqs.at(-1) && onB.seq === seqs.at(-1));
    expect((await health(urlA)).seq).toBe(seqs.at(-1));
    expect((await health(urlB)).seq).toBe(seqs.at(-1));
    expect(onA.gaps).toEqual([]);
    expect(onB.gaps).toEqual([]);
    expect(onA.snap!.units).toEqual((await state(urlB)).units);
  });

  it('a command to every wall, sent to A, reaches a wall connected to B (through Redis)', async () => {
    const info = { id: 'hall-b', width: 1920, height: 1080, version: '0.1.0', mode: 'wall', playlist: 'control-room', scene: 0, paused: false };
    const onB = io(urlB, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: TOKEN, display: info } }) as Client;
    await new Promise<void>((res) => onB.once('state:snapshot', () => res()));
    const got = new Promise((res) => onB.once('display:command', res));
    const r = await post(urlA, '/api/displays/commands', { kind: 'reload' });
    expect(r.status).toBe(200);
    expect(await got).toEqual({ kind: 'reload' });
    onB.close();
  });

  it('killing the leader A: its wall moves to B and resumes by seq with nothing lost; B takes over', async () => {
    const wall = new Wall(urlA);
    walls.push(wall);
    await until('a snapshot from A', () => wall.snap && wall.seq === walls[0]!.seq && wall.snap);
    const before = wall.seq;

    a.child.kill('SIGKILL');
    await a.exited;
    // Written while the wall is between nodes: it must still get it.
    const r1 = await post(urlB, '/api/readings', reading(55, 5, 'hoi-an'));
    expect(r1.status).toBe(200);
    expect(r1.json.seq).toBeGreaterThan(before);
    expect((await health(urlB)).cluster.leader).toBe(true);

    wall.moveTo(urlB); // what nginx does when A is gone
    await until('the wall caught up on B', () => wall.seq === r1.json.seq && wall);
    expect(wall.snapshots).toBe(1); // resumed by seq: the missed deltas, not a new snapshot
    expect(wall.value('hoi-an', 'land-database')).toBe(55);

    const r2 = await post(urlB, '/api/readings', reading(56, 4, 'hoi-an'));
    expect(r2.json.seq).toBe(r1.json.seq + 1);
    await until('the next delta on the moved wall', () => wall.seq === r2.json.seq && wall);
    expect(wall.gaps).toEqual([]);
    expect(wall.snap!.units).toEqual((await state(urlB)).units);
  });

  it('a restarted node catches up by itself and serves the same state and seq', async () => {
    a = start();
    urlA = await a.url;
    const hb = await health(urlB);
    await until("A at B's seq", async () => (await health(urlA)).seq === hb.seq);
    expect((await health(urlA)).cluster.leader).toBe(false);
    expect((await state(urlA)).units).toEqual((await state(urlB)).units);
    const r = await post(urlA, '/api/readings', reading(57, 3, 'hoi-an'));
    expect(r.status).toBe(200);
    expect(r.json.seq).toBe(hb.seq + 1);
  });

  it('the leader losing its database connection steps down; a leader is elected again and seq goes on without a gap', async () => {
    const onA = new Wall(urlA);
    const onB = new Wall(urlB);
    walls.push(onA, onB);
    await until('snapshots', () => onA.snap && onB.snap && onA.seq === onB.seq);
    const start = onA.seq;
    const db = new pg.Client({ connectionString: server.url() });
    await db.connect();
    // The leader's lock lives on a connection of its own: cut it from the database side.
    const cut = await db.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted", [CLUSTER_LOCK.leader]);
    await db.end();
    expect(cut.rowCount).toBe(1);
    await until('a leader again', async () => (await health(urlA)).cluster.leader || (await health(urlB)).cluster.leader);
    const seqs: number[] = [];
    for (const [i, url] of [urlA, urlB, urlA].entries()) {
      const r = await post(url, '/api/readings', reading(80 + i, 10 - i, 'nui-thanh'));
      expect(r.status).toBe(200);
      seqs.push(r.json.seq);
    }
    expect(seqs[0]).toBeGreaterThan(start);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
    await until('both walls at the last seq', () => onA.seq === seqs.at(-1) && onB.seq === seqs.at(-1));
    expect([...onA.gaps, ...onB.gaps]).toEqual([]);
    expect(onA.snap!.units).toEqual(onB.snap!.units);
    expect([(await health(urlA)).cluster.leader, (await health(urlB)).cluster.leader].filter(Boolean)).toHaveLength(1);
  });

  it('Redis down: walls on both nodes still get deltas; Redis back: shared again', async () => {
    const onA = new Wall(urlA);
    const onB = new Wall(urlB);
    walls.push(onA, onB);
    await until('snapshots', () => onA.snap && onB.snap);
    await redis.stop();
    await until('both nodes see Redis down', async () => !(await health(urlA)).cluster.redis && !(await health(urlB)).cluster.redis);
    const r = await post(urlA, '/api/readings', reading(60, 2, 'dai-loc'));
    expect(r.status).toBe(200);
    await until('the reading on both walls', () => onA.value('dai-loc', 'land-database') === 60 && onB.value('dai-loc', 'land-database') === 60);
    // Broadcasts degrade to this node's own walls.
    const info = { id: 'hall-a', width: 1920, height: 1080, version: '0.1.0', mode: 'wall', playlist: 'control-room', scene: 0, paused: false };
    const local = io(urlA, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: TOKEN, display: info } }) as Client;
    await new Promise<void>((res) => local.once('state:snapshot', () => res()));
    const got = new Promise((res) => local.once('display:command', res));
    expect((await post(urlA, '/api/displays/commands', { kind: 'reload' })).json.delivered).toBe(1);
    expect(await got).toEqual({ kind: 'reload' });
    local.close();
    // "Down for a while": several reconnection attempts fail (each rejects the commands queued
    // meanwhile); the nodes must live through them. Counted, not slept on: while Redis is down
    // something on its port accepts each attempt and closes it at once.
    let attempts = 0;
    const port = Number(new URL(redis.url).port);
    const refuser = createServer((sock) => {
      attempts++;
      sock.destroy();
    });
    await new Promise<void>((res, rej) => refuser.once('error', rej).listen(port, '127.0.0.1', () => res()));
    try {
      await until('20 failed reconnection attempts', () => attempts >= 20, 30_000);
      expect((await health(urlA)).cluster.redis).toBe(false);
      expect((await health(urlB)).cluster.redis).toBe(false);
    } finally {
      await new Promise((res) => refuser.close(res));
    }
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
    const r1 = await post(urlB, '/api/readings', reading(59, 2, 'dai-loc'));
    await until('a later reading on both walls', () => onA.seq === r1.json.seq && onB.seq === r1.json.seq);
    await redis.start();
    await until('both nodes reconnected to Redis', async () => (await health(urlA)).cluster.redis && (await health(urlB)).cluster.redis, 20_000);
    const r2 = await post(urlB, '/api/readings', reading(61, 1, 'dai-loc'));
    await until('the next reading on both walls', () => onA.seq === r2.json.seq && onB.seq === r2.json.seq);
    expect([...onA.gaps, ...onB.gaps]).toEqual([]);
  });

  it('PostgreSQL down: writes get 503 store_unavailable and nothing is acknowledged; back up: writes work again', async () => {
    const wall = new Wall(urlB);
    walls.push(wall);
    await until('a snapshot', () => wall.snap);
    const seqBefore = wall.seq;
    await server.stop();
    const r = await post(urlB, '/api/readings', reading(70, 1, 'que-son'));
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe('store_unavailable');
    const r2 = await post(urlA, '/api/readings', reading(70, 1, 'que-son'));
    expect(r2.status).toBe(503);
    // The wall keeps showing the last state (reads are served from memory).
    expect((await health(urlB)).seq).toBe(seqBefore);

    await server.start();
    const ok = await until(
      'a write accepted again',
      async () => {
        const x = await post(urlB, '/api/readings', reading(71, 1, 'que-son'));
        return x.status === 200 ? x : null;
      },
      30_000,
    );
    await until('the reading on the wall', () => wall.seq === ok.json.seq && wall.value('que-son', 'land-database') === 71, 15_000);
    expect(wall.gaps).toEqual([]);
    // 70 was never stored: the store holds 71 only, and A (its listener back too) shows it.
    const db = new pg.Client({ connectionString: server.url() });
    await db.connect();
    const rows = (await db.query("SELECT value FROM readings WHERE unit = 'que-son'")).rows as { value: number }[];
    await db.end();
    expect(rows).toEqual([{ value: 71 }]);
    await until('A at the same seq', async () => (await health(urlA)).seq === ok.json.seq, 15_000);
    expect((await state(urlA)).units).toEqual(wall.snap!.units);
  });
});
