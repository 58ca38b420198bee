import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/auth/tokens.js';
import { configWith, connect, next, post, ROOT, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const reading = (unit: string, value = 50) => ({ unit, indicator: 'land-database', value, at: '2024-08-31T07:10:00+07:00' });
interface Listing {
  tokens: { state: string }[];
  entries: { action: string; outcome: string; who: string; status: number; target: string | null; source: string }[];
}
const get = async (url: string, token?: string) => {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, json: (await res.json()) as Listing };
};

describe('tokens and roles', () => {
  let srv: TestServer;
  const mint = async (body: object) => {
    const r = await post(srv.url, '/api/tokens', body);
    expect(r.status).toBe(201);
    return r.json as unknown as { id: string; token: string };
  };
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  it('a unit token moves its own district on a connected wall, and cannot touch any other', async () => {
    const { token } = await mint({ role: 'unit', unit: 'nong-son', label: 'Nông Sơn data officer' });
    const c = await connect(srv.url);
    const delta = next(c.socket, 'state:delta');
    const ok = await post(
      srv.url,
      '/api/readings',
      { readings: [{ unit: 'nong-son', indicator: 'igate-entry', value: 100, at: '2024-08-31T07:20:00+07:00' }] },
      token,
    );
    expect(ok.status).toBe(200);
    expect((await delta).units.find((u) => u.id === 'nong-son')!.level).toBe('off_track');
    c.socket.disconnect();

    const counts = await srv.store.counts();
    const seq = srv.state.seq;
    const other = await post(srv.url, '/api/readings', { readings: [reading('nong-son', 51), reading('que-son')] }, token);
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('forbidden');
    expect(other.json.error.details).toEqual([expect.objectContaining({ row: 1, field: 'unit', problem: 'forbidden_unit' })]);
    expect(await srv.store.counts()).toEqual(counts);
    expect(srv.state.seq).toBe(seq);
  });

  it('a display token reads but never writes; no token cannot write', async () => {
    const { token } = await mint({ role: 'display', label: 'lobby wall' });
    expect((await get(`${srv.url}/api/state`, token)).status).toBe(200);
    const w = await post(srv.url, '/api/readings', { readings: [reading('tam-ky')] }, token);
    expect(w.status).toBe(403);
    expect(w.json.error).toMatchObject({ code: 'forbidden', message: 'A display token does not allow writing.' });
    expect((await get(`${srv.url}/api/tokens`, token)).status).toBe(403);
    expect((await post(srv.url, '/api/readings', { readings: [reading('tam-ky')] }, null)).status).toBe(401);
  });

  it('revoked and expired tokens are refused with 401 and a reason', async () => {
    const { id, token } = await mint({ role: 'unit', unit: 'tam-ky', label: 'soon gone', expires: '30d' });
    expect((await fetch(`${srv.url}/api/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const revoked = await post(srv.url, '/api/readings', { readings: [reading('tam-ky')] }, token);
    expect(revoked).toMatchObject({ status: 401, json: { error: { code: 'unauthorized', message: 'The token has been revoked.' } } });
    expect((await fetch(`${srv.url}/api/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);

    const secret = 'ioc_expired-test-secret';
    await srv.store.commit({
      tokens: [{ id: 'old', hash: hashSecret(secret), role: 'unit', unit: 'tam-ky', label: 'old', createdAt: 0, expiresAt: 1, revokedAt: null }],
    });
    expect((await post(srv.url, '/api/readings', { readings: [reading('tam-ky')] }, secret)).json.error.message).toBe('The token has expired.');
  });

  it('lists tokens without secrets and refuses bad token requests precisely', async () => {
    const list = await get(`${srv.url}/api/tokens`, TOKEN);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.json);
    expect(text).not.toMatch(/ioc_|hash/);
    expect(list.json.tokens.map((t) => t.state)).toEqual(expect.arrayContaining(['active', 'revoked', 'expired']));
    const bad = await post(srv.url, '/api/tokens', { role: 'unit', unit: 'atlantis', label: 'x', expires: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['expires', 'unit']);
  });

  it('keeps an audit trail of accepted and refused writes that only an admin can read', async () => {
    const audit = await get(`${srv.url}/api/audit?limit=200`, TOKEN);
    expect(audit.status).toBe(200);
    const entries = audit.json.entries;
    expect(entries.some((e) => e.action === 'readings.post' && e.outcome === 'accepted' && e.target === 'nong-son')).toBe(true);
    expect(entries.some((e) => e.action === 'readings.post' && e.outcome === 'refused' && e.status === 403)).toBe(true);
    expect(entries.some((e) => e.action === 'readings.post' && e.outcome === 'refused' && e.who === 'anonymous' && e.status === 401)).toBe(true);
    expect(entries.some((e) => e.action === 'tokens.revoke' && e.outcome === 'accepted')).toBe(true);
    expect(entries.every((e) => e.source.length > 0)).toBe(true);
    expect((await get(`${srv.url}/api/audit`)).status).toBe(401);
  });
});

describe('reading can require a token (config access.read = "token")', () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  beforeAll(async () => {
    cfg = configWith({});
    const province = JSON.parse(readFileSync(cfg.file, 'utf8'));
    writeFileSync(cfg.file, JSON.stringify({ ...province, access: { read: 'token' } }));
    srv = await startServer({ configFile: cfg.file });
  });
  afterAll(async () => {
    await srv.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
  });

  it('HTTP and socket alike', async () => {
    expect((await get(`${srv.url}/api/state`)).status).toBe(401);
    const { json } = await post(srv.url, '/api/tokens', { role: 'display', label: 'wall' });
    const token = (json as unknown as { token: string }).token;
    expect((await get(`${srv.url}/api/state`, token)).status).toBe(200);

    const refused = io(srv.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await expect(new Promise<void>((res, rej) => (refused.once('connect', () => res()), refused.once('connect_error', (e) => rej(e))))).rejects.toThrow(
      'unauthorized',
    );
    refused.disconnect();
    const ok = await connect(srv.url, { token });
    expect(ok.snapshot.units.length).toBe(24);
    ok.socket.disconnect();
  });
});

describe('npm run token (CLI)', () => {
  it('creates, lists and revokes; the secret is printed once; mistakes are named', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-cli-'));
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'server/cli/token.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, IOC_CONFIG: join(ROOT, 'config/quang-nam-2024.json'), DATA_DIR: dataDir },
      });
    try {
      const created = await cli('create', '--role', 'unit', '--unit', 'tam-ky', '--expires', '90d');
      const secret = /token \(shown once, keep it safe\): (ioc_\S+)/.exec(created.stdout)![1]!;
      const id = /created unit token (\S+) for tam-ky/.exec(created.stdout)![1]!;
      expect((await cli('list')).stdout).toMatch(new RegExp(`${id}\\s+active\\s+unit\\s+tam-ky`));
      expect((await cli('list')).stdout).not.toContain(secret);
      expect((await cli('revoke', id)).stdout).toContain(`revoked ${id}`);
      expect((await cli('list')).stdout).toMatch(new RegExp(`${id}\\s+revoked`));
      await expect(cli('create', '--role', 'unit', '--unit', 'atlantis')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--unit must be a configured unit'),
      });
      await expect(cli('create', '--role', 'boss')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--role must be admin, unit or display'),
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
