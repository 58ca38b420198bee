/** The harness of the ClusterNode tests: a real PostgreSQL, nodes joined in process, and a proxy that can make connections half-open. */
import { connect, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { CLUSTER_LOCK, openClusterStore } from '../../server/cluster/changes.js';
import { ClusterNode } from '../../server/cluster/node.js';
import { loadConfig } from '../../server/config/load.js';
import type { PostgresStore } from '../../server/store/postgres.js';
import { realClock } from '../../server/time/clock.js';
import { freePort, startPostgres, type Postgres } from '../helpers/engines.js';

const config = loadConfig('config/quang-nam-2024.json');
export const DAY = 86_400_000;
export const T0 = Date.parse('2024-01-01T10:00:00+07:00');

export interface Joined {
  store: PostgresStore;
  node: ClusterNode;
  /** What the node logged. */
  lines: string[];
  /** How many times it read the pruned mark (once per pass over the change log). */
  passes: () => number;
}

/** A reading of the i-th day after T0. */
export const reading = (i: number, unit = 'tam-ky') => ({
  unit,
  indicator: 'land-database',
  value: 10 + i / 10,
  at: T0 + i * DAY,
  source: 'api' as const,
  submittedBy: 't',
});

/** A real PostgreSQL for the file's tests, with database `nodes`; nodes joined are closed at the end. */
export function clusterHarness(): { server: () => Postgres; join: typeof join; joined: () => readonly Joined[]; createDb: (name: string) => Promise<void> } {
  let server: Postgres;
  const open: Joined[] = [];
  const createDb = async (name: string): Promise<void> => {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  };
  beforeAll(async () => {
    server = await startPostgres();
    await createDb('nodes');
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
    const node = await ClusterNode.start({
      url: o.nodeUrl ?? url,
      pool: store.pool,
      config,
      dataClock: realClock(),
      tickMs: 0,
      pollMs: o.pollMs ?? 100,
      log,
      ...(o.lockCheckMs && { lockCheckMs: o.lockCheckMs }),
    });
    const j = { store, node, lines, passes: () => passes };
    open.push(j);
    return j;
  }
  return { server: () => server, join, joined: () => open, createDb };
}

/** The backend holding the leader's lock in this database, if one does. */
export async function leaderPid(pool: pg.Pool): Promise<number | null> {
  const rows = await pool.query<{ pid: number }>(
    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    [CLUSTER_LOCK.leader],
  );
  return rows.rows[0]?.pid ?? null;
}

/**
 * A TCP proxy to PostgreSQL whose connections can be frozen: nothing passes either way (a
 * half-open connection, as when a network path dies silently), then thawed: what was held
 * passes, ends included.
 */
export async function proxy(port: number) {
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
