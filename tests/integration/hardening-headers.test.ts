import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';

describe('hardening: security headers on every answer, hashed assets immutable', { timeout: 15_000 }, () => {
  let srv: TestServer;
  let web: string;
  beforeAll(async () => {
    web = mkdtempSync(join(tmpdir(), 'ioc-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>IOC</title>');
    writeFileSync(join(web, 'assets/index-Ab12Cd34.js'), 'export {};');
    srv = await startServer({ webRoot: web });
  });
  afterAll(async () => {
    await srv.stop();
    rmSync(web, { recursive: true, force: true });
  });

  it.each([
    ['GET', '/api/health', 200],
    ['GET', '/', 200],
    ['GET', '/nowhere', 404],
    ['POST', '/api/readings', 401],
  ])('%s %s (%i) carries CSP, nosniff and Referrer-Policy', async (method, path, status) => {
    const res = await fetch(srv.url + path, { method, ...(method === 'POST' && { headers: { 'content-type': 'application/json' }, body: '[]' }) });
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    // maplibre: blob: workers, data:/blob: images.
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('hashed assets are immutable for a year; index.html is revalidated', async () => {
    const asset = await fetch(`${srv.url}/assets/index-Ab12Cd34.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${srv.url}/`)).headers.get('cache-control')).toBe('no-cache');
  });
});
