/**
 * ClusterNode in process, on a real PostgreSQL: many deltas (the whole state is stored every
 * SNAPSHOT_EVERY), a node joining late starts from the stored state and replays the deltas
 * after it, and a node that missed pruned changes reloads.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClusterNode } from '../../server/cluster/node.js';
import { SNAPSHOT_EVERY } from '../../server/cluster/logs.js';
import { realClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config/load.js';
import { openPostgresStore, type PostgresStore } from '../../server/store/postgres.js';
import { startPostgres, type Postgres } from '../helpers/engines.js';

const config = loadConfig('config/province.json');
const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T10:00:00+07:00');
const log = { info: () => {}, warn: () => {} };

let server: Postgres;
const open: { store: PostgresStore; node: ClusterNode }[] = [];

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

async function join(): Promise<{ store: PostgresStore; node: ClusterNode }> {
  const url = server.url('nodes');
  const store = await openPostgresStore(url);
  const node = await ClusterNode.start({ url, pool: store.pool, config, clock: realClock(), tickMs: 0, pollMs: 100, log });
  open.push({ store, node });
  return { store, node };
}

const reading = (i: number, unit = 'tam-ky') => ({ unit, indicator: 'land-database', value: 10 + i / 10, at: T0 + i * DAY, source: 'api' as const, submittedBy: 't' });

it('a node joining after many deltas starts from the stored state, replays the rest, and then follows', async () => {
  const a = await join();
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

  // Changes pruned past what B has folded: B reloads everything rather than miss them.
  await b.node.close();
  const c = await join();
  await c.store.pool.query(
    "INSERT INTO meta (key, value) SELECT 'changes.pruned', (max(id) + 1)::text FROM changes ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  );
  await a.store.commit({ readings: [reading(600, 'dai-loc')] });
  await c.node.publish({});
  expect(c.node.state.valueAt('dai-loc', 'land-database', T0 + 600 * DAY)).toBe(70);
  expect(c.node.state.valueAt('hoi-an', 'land-database', T0 + 500 * DAY)).toBe(60);
  expect(c.node.state.snapshot().units).toEqual(a.node.state.snapshot().units);
});
