/**
 * ClusterNode in process, on a real PostgreSQL: many deltas (the whole state is stored every
 * SNAPSHOT_EVERY), a node joining late starts from the stored state and replays the deltas
 * after it, a node that missed pruned changes reloads (once), a reset reloads target versions
 * too, the stored delta log is bounded, and the leader's lock connection (through a proxy that
 * can make it half-open): a silent one makes it step down, a late end of an old one is ignored.
 */
import { connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClusterNode } from '../../server/cluster/node.js';
import { KEEP_DELTAS, SNAPSHOT_EVERY, pruneChanges, storeDelta } from '../../server/cluster/logs.js';
import type { Delta, Snapshot } from '../../server/protocol/state.js';
import { realClock } from '../../server/time/clock.js';
import { loadConfig } from '../../server/config/load.js';
import { CLUSTER_LOCK, openClusterStore } from '../../server/cluster/changes.js';
import type { PostgresStore } from '../../server/store/postgres.js';
import { freePort, startPostgres, until, type Postgres } from '../helpers/engines.js';

const config = loadConfig('config/province.json');
const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T10:00:00+07:00');

let server: Postgres;
interface Joined {
  store: PostgresStore;
  node: ClusterNode;
  /** What the node logged. */
  lines: string[];
  /** How many times it read the pruned mark (once per pass over the change log). */
  passes: () => number;
}
const open: Joined[] = [];

beforeAll(async () => {
  server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE nodes');
  await admin.end();
});
afterAll(async () => {
  for (const { store, node } of open) {
    await node.close();
    await store.close();
  }
  await server?.stop();
  server?.remove();
});

/** A node on database `db`; `nodeUrl`: where its own LISTEN and lock connections go (default: the database). */
async function join(o: { db?: string; nodeUrl?: string; lockCheckMs?: number; pollMs?: number } = {}): Promise<Joined> {
  const url = server.url(o.db ?? 'nodes');
  const store = await openClusterStore(url);
  let passes = 0;
  const query = store.pool.query.bind(store.pool) as (...args: unknown[]) => unknown;
  (store.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes("key = 'changes.pruned'")) passes++;
    return query(...args);
  };
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  const node = await ClusterNode.start({ url: o.nodeUrl ?? url, pool: store.pool, config, dataClock: realClock(), tickMs: 0, pollMs: o.pollMs ?? 100, log, ...(o.lockCheckMs && { lockCheckMs: o.lockCheckMs }) });
  const j = { store, node, lines, passes: () => passes };
  open.push(j);
  return j;
}

const reading = (i: number, unit = 'tam-ky') => ({ unit, indicator: 'land-database', value: 10 + i / 10, at: T0 + i * DAY, source: 'api' as const, submittedBy: 't' });
const reloads = (j: Joined) => j.lines.filter((l) => l.includes('reloading everything'));
/** Prune every change (as the leader does with changes older than a day), in the given client's transaction. */
async function pruneAll(c: pg.ClientBase): Promise<void> {
  await pruneChanges(c, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

let leader: Joined;

it('a node joining after many deltas starts from the stored state, replays the rest, and then follows', async () => {
  const a = await join();
  leader = a;
  expect(a.node.leader).toBe(true);
  let seq = 0;
  for (let i = 0; i < SNAPSHOT_EVERY + 30; i++) {
    await a.store.commit({ readings: [reading(i)] });
    const s = await a.node.publish({});
    expect(s).toBeGreaterThan(seq);
    seq = s;
  }
  const b = await join();
  expect(b.node.leader).toBe(false);
  expect(b.node.epoch).toBe(a.node.epoch);
  expect(b.node.state.seq).toBe(seq);
  expect(b.node.state.snapshot().units).toEqual(a.node.state.snapshot().units);
  // It replayed the deltas after the stored state: a wall at a seq since then resumes without a snapshot.
  expect(b.node.state.since(seq - 10)).toHaveLength(10);
  expect(b.node.state.valueAt('tam-ky', 'land-database', T0)).toBe(10);

  // A write on the follower: committed, computed by the leader, published on both.
  await b.store.commit({ readings: [reading(500, 'hoi-an')] });
  const s2 = await b.node.publish({});
  expect(s2).toBe(seq + 1);
  expect(b.node.state.snapshot().units).toEqual(a.node.state.snapshot().units);
  await b.node.close();
});

it('changes pruned before a running node read them: it reloads everything once, then follows', async () => {
  const c = await join();
  // A write whose change is pruned in its own transaction: C never sees the change, only the mark past it.
  const r = reading(600, 'dai-loc');
  const db = await c.store.pool.connect();
  try {
    await db.query('BEGIN');
    await db.query("INSERT INTO readings (unit, indicator, value, at, source, submitted_by, received_at) VALUES ($1, $2, $3, $4, 'api', 't', 0)", [r.unit, r.indicator, r.value, r.at]);
    await db.query('INSERT INTO changes (body, at) VALUES ($1, 0)', [JSON.stringify({ readings: [{ unit: r.unit, indicator: r.indicator, value: r.value, at: r.at }] })]);
    await pruneAll(db);
    await db.query('COMMIT');
  } finally {
    db.release();
  }
  await until('C reloaded the pruned reading', () => c.node.state.valueAt('dai-loc', 'land-database', r.at) === 70);
  expect(c.node.state.valueAt('hoi-an', 'land-database', T0 + 500 * DAY)).toBe(60);
  const passes = c.passes();
  await until('C read the change log 5 times more', () => c.passes() >= passes + 5);
  expect(reloads(c)).toHaveLength(1);

  await leader.store.commit({ readings: [reading(700, 'que-son')] });
  await c.node.publish({});
  expect(c.node.state.valueAt('que-son', 'land-database', T0 + 700 * DAY)).toBe(80);
  expect(c.node.state.snapshot().units).toEqual(leader.node.state.snapshot().units);
});

it('every change pruned (no write for over a day): a node starting then loads once and does not reload on every poll', async () => {
  const db = await leader.store.pool.connect();
  try {
    await pruneAll(db);
    expect((await db.query('SELECT count(*) AS n FROM changes')).rows[0].n).toBe(0);
  } finally {
    db.release();
  }
  const d = await join();
  expect(d.node.state.valueAt('que-son', 'land-database', T0 + 700 * DAY)).toBe(80);
  await until('D read the change log 5 times', () => d.passes() >= 5);
  expect(reloads(d)).toEqual([]);
  // And it still follows: the next write reaches it.
  await leader.store.commit({ readings: [reading(800, 'nui-thanh')] });
  await d.node.publish({});
  expect(d.node.state.valueAt('nui-thanh', 'land-database', T0 + 800 * DAY)).toBe(90);
  expect(reloads(d)).toEqual([]);
});

it('a reset that carries a new target: the leader reloads the versions too and assesses with the new target', async () => {
  const now = Date.now();
  const version = { indicator: 'land-database', target: 80, deadline: '2024-09-30', effectiveFrom: now - DAY, recordedAt: now - 1000, setBy: 'admin', reason: 'test' };
  const target = (j: Joined) => j.node.state.snapshot().indicators.find((i) => i.id === 'land-database')!.target;
  expect(target(leader)).toBe(100);
  await leader.store.commit({ replaceSource: 'demo', targetVersions: [version] });
  await leader.node.publish({});
  expect(target(leader)).toBe(80);
  const d = open.at(-1)!;
  await until('the follower shows the new target', () => target(d) === 80 && d.node.state.seq === leader.node.state.seq);
  // A leader elected later (its engine built from everything) agrees.
  const e = await join();
  expect(target(e)).toBe(80);
});

it('the stored delta log is bounded by patches as well as by count, but keeps every delta since the previous stored state', async () => {
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE deltas');
  await admin.end();
  const store = await openClusterStore(server.url('deltas'));
  try {
    const store1 = async (n: number, keep: { deltas: number; patches: number }) => {
      for (let seq = 1; seq <= n; seq++) {
        const delta = { seq, generatedAt: '', asOf: '', units: Array.from({ length: 10 }, (_, i) => ({ id: `u${i}` })) } as unknown as Delta;
        await storeDelta(store.pool, 'e', delta, 0, () => ({}) as Snapshot, 0, keep);
      }
      return (await store.pool.query<{ n: number; min: number }>('SELECT count(*) AS n, min(seq) AS min FROM deltas')).rows[0]!;
    };
    // 10 patches each, a budget of 50: at the stored state of 200 only those after 100 (the previous one) stay.
    expect(await store1(2 * SNAPSHOT_EVERY + 50, { deltas: KEEP_DELTAS, patches: 50 })).toEqual({ n: SNAPSHOT_EVERY + 50, min: SNAPSHOT_EVERY + 1 });
    await store.pool.query('TRUNCATE deltas, cluster_state');
    // A budget that holds them all: the count bound alone.
    expect(await store1(2 * SNAPSHOT_EVERY + 50, { deltas: KEEP_DELTAS, patches: 1_000_000 })).toEqual({ n: 2 * SNAPSHOT_EVERY + 50, min: 1 });
    await store.pool.query('TRUNCATE deltas, cluster_state');
    expect(await store1(2 * SNAPSHOT_EVERY + 50, { deltas: 120, patches: 1_000_000 })).toEqual({ n: 120 + 50, min: 2 * SNAPSHOT_EVERY - 120 + 1 });
  } finally {
    await store.close();
  }
});

/**
 * A TCP proxy to PostgreSQL whose connections can be frozen: nothing passes either way (a
 * half-open connection, as when a network path dies silently), then thawed: what was held
 * passes, ends included.
 */
async function proxy(port: number) {
  interface Pair {
    frozen: boolean;
    held: (() => void)[];
    closed: boolean;
  }
  const pairs: Pair[] = [];
  const sockets: Socket[] = [];
  // Half-open allowed on both sides: an end passes only when forwarded (never answered by Node itself).
  const srv = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    const pair: Pair = { frozen: false, held: [], closed: false };
    pairs.push(pair);
    sockets.push(client, upstream);
    const pass = (act: () => void) => (pair.frozen ? pair.held.push(act) : act());
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (b) => pass(() => to.write(b)));
      from.on('end', () => pass(() => to.end()));
      from.on('error', () => pass(() => to.destroy()));
    };
    forward(client, upstream);
    forward(upstream, client);
    client.on('close', () => (pair.closed = true));
  });
  const listenPort = await freePort();
  await new Promise<void>((res) => srv.listen(listenPort, '127.0.0.1', () => res()));
  return {
    url: (db: string) => `postgres://ioc@127.0.0.1:${listenPort}/${db}`,
    /** Freeze every connection open now; returns them. */
    freeze(): Pair[] {
      const now = pairs.filter((p) => !p.closed);
      for (const p of now) p.frozen = true;
      return now;
    },
    thaw(frozen: Pair[]): void {
      for (const p of frozen) {
        p.frozen = false;
        for (const act of p.held.splice(0)) act();
      }
    },
    async close(): Promise<void> {
      for (const so of sockets) so.destroy();
      await new Promise((res) => srv.close(res));
    },
  };
}

async function createDb(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

it('a leader whose lock connection goes half-open steps down (its check gets no answer), and leads again once PostgreSQL lets the lock go', async () => {
  await createDb('lockcheck');
  const px = await proxy(server.port);
  try {
    const x = await join({ db: 'lockcheck', nodeUrl: px.url('lockcheck'), lockCheckMs: 300 });
    expect(x.node.leader).toBe(true);
    const holder = async () =>
      (await x.store.pool.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        [CLUSTER_LOCK.leader],
      )).rows[0]?.pid ?? null;
    const first = await holder();
    expect(first).not.toBeNull();

    // Its lock and LISTEN connections go half-open: nothing comes back, nothing is closed.
    const frozen = px.freeze();
    await until('X steps down', () => !x.node.leader);
    expect(x.lines.filter((l) => l.includes('stepped down'))).toEqual(['cluster: stepped down: its lock connection does not answer']);
    // PostgreSQL keeps the lock while it thinks that session lives; it ends it (as its keepalive would).
    await x.store.pool.query('SELECT pg_terminate_backend($1)', [first]);
    await until('X leads again, on a new lock connection', async () => x.node.leader && (await holder()) !== first && (await holder()) !== null);
    const second = await holder();

    // The network comes back: the old connections' ends pass.
    px.thaw(frozen);
    await until('the old connections closed', () => frozen.some((p) => p.closed));
    const passes = x.passes();
    await until('X read the change log 5 times more', () => x.passes() >= passes + 5);
    expect(x.node.leader).toBe(true);
    expect(await holder()).toBe(second);
    expect(x.lines.filter((l) => l.includes('stepped down'))).toHaveLength(1);
    await x.node.close();
  } finally {
    await px.close();
  }
});

it('a late end of an old lock connection does not end a newer leadership', async () => {
  await createDb('lateend');
  const px = await proxy(server.port);
  try {
    // Checks every 800 ms: the first step-down below comes before any check, on an idle lock connection.
    const x = await join({ db: 'lateend', nodeUrl: px.url('lateend'), pollMs: 800, lockCheckMs: 60_000 });
    expect(x.node.leader).toBe(true);
    const holder = async () =>
      (
        await x.store.pool.query<{ pid: number }>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
          [CLUSTER_LOCK.leader],
        )
      ).rows[0]?.pid ?? null;
    const first = await holder();
    // Its connections go half-open, and its next step fails (the stored seq moved): it steps down;
    // ending the idle, half-open lock connection waits for an answer that does not come yet.
    const frozen = px.freeze();
    await x.store.pool.query('UPDATE cluster_state SET seq = seq + 1');
    await x.store.commit({ readings: [reading(900, 'que-son')] });
    const published = x.node.publish({});
    await until('X steps down', () => !x.node.leader);
    await x.store.pool.query('UPDATE cluster_state SET seq = seq - 1');
    await x.store.pool.query('SELECT pg_terminate_backend($1)', [first]);
    await until('X leads again, on a new lock connection', async () => x.node.leader && (await holder()) !== first && (await holder()) !== null);
    const second = await holder();
    await published;
    const stepped = x.lines.filter((l) => l.includes('stepped down'));
    expect(stepped).toHaveLength(1);

    // Now the old lock connection's end arrives.
    px.thaw(frozen);
    await until('the old connections closed', () => frozen.some((p) => p.closed));
    const passes = x.passes();
    await until('X read the change log 3 times more', () => x.passes() >= passes + 3);
    expect(x.lines.filter((l) => l.includes('stepped down'))).toEqual(stepped);
    expect(x.node.leader).toBe(true);
    expect(await holder()).toBe(second);
    await x.node.close();
  } finally {
    await px.close();
  }
});
