import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

interface Link {
  url: string;
  unit: string;
  expiresAt: string;
}
interface Session {
  token: string;
  unit: string;
  expiresAt: string;
  error: { code: string };
}
const send = async <T>(srv: TestServer, path: string, body: unknown, token: string | null = TOKEN) => {
  const r = await post(srv.url, path, body, token);
  return { status: r.status, json: r.json as unknown as T };
};
const codeOf = (url: string) => new URL(url, 'http://x').hash.replace(/^#code=/, '');

describe('sign-in links for the unit page', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  it('an admin makes a link whose code is only in the fragment; it opens one unit session, once, and both steps are audited', async () => {
    const link = await send<Link>(srv, '/api/auth/links', { unit: 'tam-ky' });
    expect(link.status).toBe(201);
    expect(link.json.url).toMatch(/^\/\?mode=unit#code=[\w-]{20,}$/);
    const code = codeOf(link.json.url);
    // Only the code's hash is stored.
    expect(JSON.stringify(await srv.store.listAudit({ limit: 50 }))).not.toContain(code);

    const first = await send<Session>(srv, '/api/auth/exchange', { code }, null);
    expect(first.status).toBe(200);
    expect(first.json.unit).toBe('tam-ky');
    expect(Date.parse(first.json.expiresAt)).toBeGreaterThan(Date.now());
    const again = await send<Session>(srv, '/api/auth/exchange', { code }, null);
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('unauthorized');

    const tokens = await srv.store.listTokens();
    expect(tokens.filter((t) => t.role === 'unit' && t.unit === 'tam-ky' && t.expiresAt !== null)).toHaveLength(1);
    const actions = (await srv.store.listAudit({ limit: 50 })).map((a) => `${a.action} ${a.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['signin.link accepted', 'signin.exchange accepted', 'signin.exchange refused']));
  });

  it('the session reads its own unit, is refused another, and writes for its unit', async () => {
    const link = await send<Link>(srv, '/api/auth/links', { unit: 'hoi-an' });
    const { json } = await send<Session>(srv, '/api/auth/exchange', { code: codeOf(link.json.url) }, null);
    const read = (id: string) => fetch(`${srv.url}/api/units/${id}`, { headers: { authorization: `Bearer ${json.token}` } });
    expect((await read('hoi-an')).status).toBe(200);
    const other = await read('tam-ky');
    expect(other.status).toBe(403);
    expect(((await other.json()) as Session).error.code).toBe('forbidden');
    const w = await post(
      srv.url,
      '/api/readings',
      { readings: [{ unit: 'hoi-an', indicator: 'land-database', value: 60, at: '2024-08-31T07:00:00+07:00' }] },
      json.token,
    );
    expect(w.status).toBe(200);
  });

  it('refuses an unknown unit by field, a non-admin, and a made-up code', async () => {
    const bad = await post(srv.url, '/api/auth/links', { unit: 'atlantis' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([expect.objectContaining({ field: 'unit', problem: 'unknown_unit' })]);
    expect((await post(srv.url, '/api/auth/links', { unit: 'tam-ky' }, null)).status).toBe(401);
    expect((await post(srv.url, '/api/auth/exchange', { code: 'x'.repeat(32) }, null)).status).toBe(401);
    expect((await post(srv.url, '/api/auth/exchange', { code: 1 }, null)).json.error.details).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('a pasted unit token names its unit; no token is refused', async () => {
    const link = await send<Link>(srv, '/api/auth/links', { unit: 'tam-ky' });
    const { json } = await send<Session>(srv, '/api/auth/exchange', { code: codeOf(link.json.url) }, null);
    const me = await fetch(`${srv.url}/api/auth/me`, { headers: { authorization: `Bearer ${json.token}` } });
    expect(await me.json()).toEqual(expect.objectContaining({ role: 'unit', unit: 'tam-ky' }));
    expect((await fetch(`${srv.url}/api/auth/me`)).status).toBe(401);
  });
  it('guessing codes is refused like guessing tokens: 401s coalesced in the audit, then 429', async () => {
    const limited = await startServer({ writeLimitPerMinute: 20 });
    try {
      const got: number[] = [];
      for (let i = 0; i < 14; i++) got.push((await post(limited.url, '/api/auth/exchange', { code: `guess-${i}-xxxxxxxxxx` }, null)).status);
      expect(got).toEqual([...Array<number>(10).fill(401), ...Array<number>(4).fill(429)]);
      await limited.app.http.refusals?.flush();
      const rows = (await limited.store.listAudit({ limit: 50 })).filter((a) => a.action === 'signin.exchange');
      expect(rows.map((r) => [r.status, r.count])).toEqual([[401, 10]]);
    } finally {
      await limited.stop();
    }
  });
});
