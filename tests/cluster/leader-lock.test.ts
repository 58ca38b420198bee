/**
 * The leader's lock connection, through a proxy that can make it half-open, on a real
 * PostgreSQL: a silent one makes the leader step down, a late end of an old one is ignored.
 */
import { expect, it } from 'vitest';
import { until } from '../helpers/engines.js';
import { clusterHarness, leaderPid, proxy, reading } from './harness.js';

const { server, join, createDb } = clusterHarness();

it('a leader whose lock connection goes half-open steps down (its check gets no answer), and leads again once PostgreSQL lets the lock go', async () => {
  await createDb('lockcheck');
  const px = await proxy(server().port);
  try {
    const x = await join({ db: 'lockcheck', nodeUrl: px.url('lockcheck'), lockCheckMs: 300 });
    expect(x.node.leader).toBe(true);
    const holder = () => leaderPid(x.store.pool);
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
  const px = await proxy(server().port);
  try {
    // Checks every 800 ms: the first step-down below comes before any check, on an idle lock connection.
    const x = await join({ db: 'lateend', nodeUrl: px.url('lateend'), pollMs: 800, lockCheckMs: 60_000 });
    expect(x.node.leader).toBe(true);
    const holder = () => leaderPid(x.store.pool);
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
