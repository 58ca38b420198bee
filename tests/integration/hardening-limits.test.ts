import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN, type TestServer } from '../helpers/server.js';

/** A POST from `address` (the server trusts the loopback proxy's X-Forwarded-For). */
async function postFrom(url: string, address: string, path: string, body: unknown, token: string): Promise<{ status: number; json: unknown }> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': address };
  const res = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** Send `n` requests one after another; the statuses in order. */
async function statuses(n: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
}

const tally = (xs: number[]) => xs.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

describe('hardening: refusals and writes are limited, and coalesced in the audit', { timeout: 30_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ writeLimitPerMinute: 20, trustProxy: '127.0.0.1' });
  });
  afterAll(() => srv.stop());

  const auditRows = async () => {
    await srv.app.http.refusals?.flush();
    return srv.store.listAudit({ limit: 1000 });
  };

  it('a flood of bad tokens gets 429 after a few refusals, and the audit holds one row per answer with its count', async () => {
    // Before: 200 answers, all 401, and 200 audit rows.
    const got = await statuses(200, () => postFrom(srv.url, '10.0.0.1', '/api/readings', [], `guess-${Math.random()}`));
    const t = tally(got);
    expect(t[401]).toBe(10);
    expect(t[429]).toBe(190);
    expect(got.slice(10).every((s) => s === 429)).toBe(true);
    const rows = (await auditRows()).filter((r) => r.source === '10.0.0.1');
    expect(rows.map((r) => [r.status, r.count]).sort()).toEqual([
      [401, 10],
      [429, 190],
    ]);
  });

  it('the write limit keys on address and token: one busy token does not stop another from the same address', async () => {
    const second = ((await postFrom(srv.url, '10.0.0.2', '/api/tokens', { role: 'admin', label: 'second admin' }, TOKEN)).json as { token: string }).token;
    // Invalid token requests (400) are writes too: the admin token spends its 20.
    const busy = await statuses(40, () => postFrom(srv.url, '10.0.0.2', '/api/tokens', { role: 'nobody' }, TOKEN));
    expect(tally(busy)).toEqual({ 400: 19, 429: 21 });
    // Before: 429 here too (the limit was per address).
    expect((await postFrom(srv.url, '10.0.0.2', '/api/tokens', { role: 'nobody' }, second)).status).toBe(400);
    const limited = (await auditRows()).filter((r) => r.status === 429 && r.source === '10.0.0.2');
    expect(limited.map((r) => r.count)).toEqual([21]);
  });
});
