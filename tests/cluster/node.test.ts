/**
 * ClusterNode in process, on a real PostgreSQL: many deltas (the whole state is stored every
 * SNAPSHOT_EVERY), a node joining late starts from the stored state and replays the deltas
 * after it, a node that missed pruned changes reloads (once), a reset reloads target versions
 * too, and the stored delta log is bounded. The leader's lock connection: leader-lock.test.ts.
 */
import pg from 'pg';
import { expect, it } from 'vitest';
import { KEEP_DELTAS, SNAPSHOT_EVERY, pruneChanges, storeDelta } from '../../server/cluster/logs.js';
import type { Delta, Snapshot } from '../../server/protocol/state.js';
import { openClusterStore } from '../../server/cluster/changes.js';
import { until } from '../helpers/engines.js';
import { clusterHarness, DAY, reading, T0, type Joined } from './harness.js';

const { server, join, joined } = clusterHarness();

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
    await db.query("INSERT INTO readings (unit, indicator, value, at, source, submitted_by, received_at) VALUES ($1, $2, $3, $4, 'api', 't', 0)", [
      r.unit,
      r.indicator,
      r.value,
      r.at,
    ]);
    await db.query('INSERT INTO changes (body, at) VALUES ($1, 0)', [
      JSON.stringify({ readings: [{ unit: r.unit, indicator: r.indicator, value: r.value, at: r.at }] }),
    ]);
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
  const version = {
    indicator: 'land-database',
    target: 80,
    deadline: '2024-09-30',
    effectiveFrom: now - DAY,
    recordedAt: now - 1000,
    setBy: 'admin',
    reason: 'test',
  };
  const target = (j: Joined) => j.node.state.snapshot().indicators.find((i) => i.id === 'land-database')!.target;
  expect(target(leader)).toBe(100);
  await leader.store.commit({ replaceSource: 'demo', targetVersions: [version] });
  await leader.node.publish({});
  expect(target(leader)).toBe(80);
  const d = joined().at(-1)!;
  await until('the follower shows the new target', () => target(d) === 80 && d.node.state.seq === leader.node.state.seq);
  // A leader elected later (its engine built from everything) agrees.
  const e = await join();
  expect(target(e)).toBe(80);
});

it('the stored delta log is bounded by patches as well as by count, but keeps every delta since the previous stored state', async () => {
  const admin = new pg.Client({ connectionString: server().url() });
  await admin.connect();
  await admin.query('CREATE DATABASE deltas');
  await admin.end();
  const store = await openClusterStore(server().url('deltas'));
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
