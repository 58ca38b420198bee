import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN, type TestServer } from '../helpers/server.js';

async function send(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<{ status: number; json: { error?: { code: string; message: string }; delivered?: number } }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as never };
}

describe('hardening: every store failure is a 503 in the product format', { timeout: 15_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
    // The database goes away under the server (a disk pulled, a file closed): every use of it fails.
    await srv.store.close();
  });
  afterAll(() => srv.stop());

  it.each([
    ['POST', '/api/tokens', { role: 'display', label: 'wall' }, TOKEN],
    ['GET', '/api/tokens', undefined, TOKEN],
    ['GET', '/api/audit', undefined, TOKEN],
    ['POST', '/api/readings', { readings: [] }, 'a-token-that-must-be-looked-up'],
    ['POST', '/api/targets', { indicator: 'nope' }, TOKEN],
    ['POST', '/api/import', { nothing: true }, TOKEN],
    ['DELETE', '/api/tokens/abc', undefined, TOKEN],
  ])('%s %s: 503 store_unavailable', async (method, path, body, token) => {
    const r = await send(srv.url, method, path, body, token);
    // Before: 500 internal (the SQLite error was not recognised as the store being unavailable).
    expect(r.status).toBe(503);
    expect(r.json.error?.code).toBe('store_unavailable');
    expect(r.json.error?.message).toMatch(/store|database/i);
  });

  it('a display command is answered by what happened to it, not by its audit entry', async () => {
    const r = await send(srv.url, 'POST', '/api/displays/commands', { kind: 'reload' });
    // Before: 500 after the command had already gone to the walls.
    expect(r.status).toBe(200);
    expect(r.json.delivered).toBe(0);
  });
});
