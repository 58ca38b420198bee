import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN, type TestServer } from '../helpers/server.js';

const body = (value: number) => JSON.stringify({ readings: [{ unit: 'tam-ky', indicator: 'land-database', value, at: '2024-08-31T07:05:00+07:00' }] });
async function send(url: string, payload: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: payload,
  });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as { accepted?: number; replayed?: boolean; error?: { code: string; message: string } },
  };
}

describe('safe writes', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ writeLimitPerMinute: 8 });
  });
  afterAll(async () => srv.stop());

  it('an Idempotency-Key makes a retried batch a no-op; the same key with another body is a conflict', async () => {
    const counts = await srv.store.counts();
    const first = await send(srv.url, body(61), { 'idempotency-key': 'batch-2024-08-31-a' });
    expect(first).toMatchObject({ status: 200, json: { accepted: 1 } });
    const seq = srv.state.seq;
    const retry = await send(srv.url, body(61), { 'idempotency-key': 'batch-2024-08-31-a' });
    expect(retry).toMatchObject({ status: 200, json: { accepted: 1, replayed: true } });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(srv.state.seq).toBe(seq);
    const clash = await send(srv.url, body(62), { 'idempotency-key': 'batch-2024-08-31-a' });
    expect(clash).toMatchObject({ status: 409, json: { error: { code: 'conflict' } } });
    expect(await srv.store.counts()).toEqual({ ...counts, readings: counts.readings + 1 });
    expect((await send(srv.url, body(63), { 'idempotency-key': 'bad key with spaces' })).status).toBe(400);
  });

  it('refuses an oversized body with 413 and stores nothing', async () => {
    const counts = await srv.store.counts();
    const huge = JSON.stringify({
      readings: Array.from({ length: 30_000 }, (_, k) => ({
        unit: 'tam-ky',
        indicator: 'land-database',
        value: 50,
        at: `2024-08-${String((k % 28) + 1).padStart(2, '0')}T07:05:00+07:00`,
        note: 'x'.repeat(40),
      })),
    });
    expect(huge.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await send(srv.url, huge);
    expect(res).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } });
    expect(await srv.store.counts()).toEqual(counts);
  });

  it('limits the write rate per client with 429 and a clear message', async () => {
    let last = { status: 0, json: {} as { error?: { code: string; message: string } } };
    for (let k = 0; k < 10 && last.status !== 429; k++) last = await send(srv.url, body(40 + k));
    expect(last.status).toBe(429);
    expect(last.json.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('at most 8 a minute') });
    const audit = await srv.store.listAudit({ limit: 5 });
    expect(audit.some((e) => e.status === 429 && e.outcome === 'refused' && e.action === 'POST /api/readings')).toBe(true);
  });
});
