import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken } from '../../server/auth/tokens.js';
import { connect, post, ROOT, startServer, TOKEN, type Client, type TestServer } from '../helpers/server.js';

/** Resolves with the time (ms) until the socket is disconnected, or rejects after `bound` ms. */
function disconnectedWithin(socket: Client, bound: number): Promise<number> {
  const t0 = performance.now();
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`socket still open after ${bound} ms`)), bound);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      res(performance.now() - t0);
    });
  });
}

describe('hardening: token expiry and revocation', { timeout: 15_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.stop());

  it('an expiry beyond ten years, or at or before now, is a 400 and the token list still answers', async () => {
    for (const expires of ['0d', '0h', '99999999d', '9000000000h', '9999-12-31', '2999-01-01T00:00:00Z', '2020-01-01']) {
      const r = await post(srv.url, '/api/tokens', { role: 'display', label: 'wall', expires });
      expect(r.status, expires).toBe(400);
      expect(r.json.error.details[0]).toMatchObject({ field: 'expires', problem: 'invalid_expiry' });
    }
    expect((await post(srv.url, '/api/tokens', { role: 'display', label: 'wall', expires: '365d' })).status).toBe(201);
    const list = await fetch(`${srv.url}/api/tokens`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(list.status).toBe(200);
  });

  it('the CLI refuses the same expiries with exit code 2 and stores nothing', { timeout: 60_000 }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-cli-'));
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/token.ts', ...args], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: dataDir },
          encoding: 'utf8',
        });
      const bad = run('create', '--role', 'display', '--expires', '99999999d');
      expect(bad.status, bad.stderr).toBe(2);
      expect(bad.stderr).toMatch(/--expires/);
      expect(run('create', '--role', 'display', '--expires', '0d').status).toBe(2);
      const list = run('list');
      expect(list.status, list.stderr).toBe(0);
      expect(list.stdout).toMatch(/no tokens/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('revoking a token disconnects the sockets opened with it within five seconds', async () => {
    const minted = (await post(srv.url, '/api/tokens', { role: 'display', label: 'lobby wall' })).json as unknown as { id: string; token: string };
    const a = await connect(srv.url, { token: minted.token });
    const b = await connect(srv.url, { token: minted.token });
    const other = await connect(srv.url, {});
    const closedA = disconnectedWithin(a.socket, 5000);
    const closedB = disconnectedWithin(b.socket, 5000);
    const res = await fetch(`${srv.url}/api/tokens/${minted.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await closedA).toBeLessThan(5000);
    expect(await closedB).toBeLessThan(5000);
    expect(other.socket.connected).toBe(true);
    other.socket.disconnect();
  });

  it('a token that expires disconnects its sockets within five seconds of expiring', async () => {
    const { secret, record } = newToken({ role: 'display', unit: null, label: 'short', expiresAt: Date.now() + 1500, now: Date.now() });
    await srv.store.commit({ tokens: [record] });
    const s = await connect(srv.url, { token: secret });
    expect(await disconnectedWithin(s.socket, 6500)).toBeGreaterThan(0);
  });

  it('a socket with a token that is not valid is refused at connection', async () => {
    await expect(connect(srv.url, { token: 'ioc_not-a-token' })).rejects.toThrow(/unauthorized/);
  });
});
