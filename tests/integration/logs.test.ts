import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configWith, post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const reading = { unit: 'tam-ky', indicator: 'land-database', value: 64, at: '2024-08-31T07:00:00+07:00' };
const send = (url: string, path: string, headers: Record<string, string>, body?: object) =>
  fetch(url + path, {
    method: body ? 'POST' : 'GET',
    headers: { ...headers, ...(body && { 'content-type': 'application/json' }) },
    ...(body && { body: JSON.stringify(body) }),
  });

describe('structured logs: request ids from HTTP to the audit trail, and no secrets', () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  const lines: string[] = [];
  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  beforeAll(async () => {
    cfg = configWith({});
    // Reading needs a token: refusals of reads are logged with their URL, the place a `?token=` would leak.
    writeFileSync(cfg.file, JSON.stringify({ ...JSON.parse(readFileSync(cfg.file, 'utf8')), access: { read: 'token' } }));
    srv = await startServer({ configFile: cfg.file, logger: { level: 'debug', stream: { write: (l) => void lines.push(l) } } });
  });
  afterAll(async () => {
    await srv.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
  });

  it('honours a valid x-request-id, answers it, and carries it into the audit trail and the work it caused', async () => {
    const id = 'a3f9c2d4e5b6a7c8d9e0f1a2b3c4d5e6';
    const res = await send(srv.url, '/api/readings', { authorization: `Bearer ${TOKEN}`, 'x-request-id': id }, { readings: [reading] });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(id);
    const audit = (await (await send(srv.url, '/api/audit?limit=5', { authorization: `Bearer ${TOKEN}` })).json()) as {
      entries: { action: string; requestId: string | null }[];
    };
    expect(audit.entries.find((e) => e.action === 'readings.post')?.requestId).toBe(id);
    // The recompute the write caused logs on the root logger, yet names the request.
    expect(logged()).toContainEqual(expect.objectContaining({ msg: 'state recomputed', cause: 'data', requestId: id }));
  });

  it('replaces an invalid incoming id and gives every request its own', async () => {
    const bad = await send(srv.url, '/api/health', { 'x-request-id': 'two words; "quoted"' });
    const other = await send(srv.url, '/api/health', {});
    const [a, b] = [bad.headers.get('x-request-id'), other.headers.get('x-request-id')];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    const refused = await post(srv.url, '/api/readings', { readings: [{ ...reading, unit: 'nowhere' }] });
    expect(refused.status).toBe(400);
    const audit = (await (await send(srv.url, '/api/audit?limit=1', { authorization: `Bearer ${TOKEN}` })).json()) as {
      entries: { outcome: string; requestId: string | null }[];
    };
    expect(audit.entries[0]).toMatchObject({ outcome: 'refused', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('never logs a token: not from a header, not from a ?token= in a URL', async () => {
    const minted = (await post(srv.url, '/api/tokens', { role: 'display', label: 'lobby' })).json as unknown as { token: string };
    const unknown = 'ioc_not-a-real-token-0123456789';
    expect((await send(srv.url, `/api/state?token=${minted.token}`, {})).status).toBe(401);
    expect((await send(srv.url, `/api/units/tam-ky?access_token=${unknown}`, {})).status).toBe(401);
    expect((await send(srv.url, '/api/state', { authorization: `Bearer ${unknown}` })).status).toBe(401);
    expect((await send(srv.url, '/api/readings', { authorization: `Bearer ${minted.token}` }, { readings: [reading] })).status).toBe(403);
    expect((await send(srv.url, '/api/state', { authorization: `Bearer ${minted.token}` })).status).toBe(200);
    const text = lines.join('');
    // The refusals were logged (with their URLs), so the check below looked at real lines.
    expect(logged().filter((l) => l.msg === 'request refused').length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('token=[redacted]');
    for (const secret of [TOKEN, minted.token, unknown]) expect(text).not.toContain(secret);
    for (const l of logged()) expect(l).toHaveProperty('level');
  });
});
