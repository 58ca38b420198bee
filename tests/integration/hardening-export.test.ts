import { rmSync } from 'node:fs';
import Fastify from 'fastify';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExport } from '../../server/export/briefing.js';
import { schemasDescribeOnly } from '../../server/http/openapi.js';
import type { Browser } from '../../server/export/chromium.js';
import { readTokenConfig, DEMO_NOW, manualClock, startServer, type TestServer } from '../helpers/server.js';

const EXPORT = '/api/export/briefing.pdf?asOf=2024-08-31';

describe('hardening: briefing exports cannot be monopolised', { timeout: 20_000 }, () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  beforeAll(async () => {
    cfg = readTokenConfig();
    srv = await startServer({ configFile: cfg.file });
  });
  afterAll(async () => {
    await srv.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
  });

  it('needs a read token when reads are not public', async () => {
    expect((await fetch(srv.url + EXPORT)).status).toBe(401);
  });

  it('is limited per client: the seventh export in a minute is a 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await fetch(srv.url + EXPORT, { headers: { authorization: 'Bearer test-admin-token' } })).status);
    // This server does not serve the web app: 503 until the limit. Before: 503 every time.
    expect(statuses).toEqual([503, 503, 503, 503, 503, 503, 429, 429]);
  });

  it('an abandoned request stops its rendering: the browser is closed', async () => {
    let launched!: () => void;
    let closed!: () => void;
    const launchedP = new Promise<void>((r) => (launched = r));
    const closedP = new Promise<void>((r) => (closed = r));
    let hang!: (e: Error) => void;
    // A page that never becomes ready: the rendering would take its full minute.
    const tab = { route: async () => {}, goto: async () => {}, waitForSelector: () => new Promise((_, rej) => (hang = rej)) };
    const browser: Browser = {
      context: { pages: () => [tab] } as unknown as BrowserContext,
      close: async () => {
        hang(new Error('browser closed'));
        closed();
      },
    };
    const http = Fastify();
    schemasDescribeOnly(http);
    registerExport(http, { servesWeb: true, dataClock: manualClock(DEMO_NOW), timezone: 'Asia/Ho_Chi_Minh', launch: async () => (launched(), browser) }, {});
    const url = await http.listen({ port: 0, host: '127.0.0.1' });
    try {
      const asker = new AbortController();
      const answer = fetch(url + EXPORT, { signal: asker.signal }).catch(() => 'aborted');
      await launchedP;
      const t0 = performance.now();
      asker.abort();
      expect(await answer).toBe('aborted');
      // Before: the browser rendered on for up to a minute for nobody.
      await closedP;
      expect(performance.now() - t0).toBeLessThan(5000);
    } finally {
      await http.close();
    }
  });
});
