import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

/** Where browser tests write screenshots (`IOC_SHOTS` to keep them elsewhere). */
export const SHOTS = process.env.IOC_SHOTS ?? join(ROOT, 'test-results');

/** A test server on the demo, serving the built web app, and a 1920×1080 browser page on it. */
export interface Served {
  srv: TestServer;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

/** Build the web app if needed, start a server and a browser; `stop()` closes both. */
export async function served(): Promise<Served> {
  const web = join(ROOT, 'dist/web');
  await ensureWebBuilt(ROOT, web, () => {});
  const srv = await startServer({ webRoot: web });
  mkdirSync(SHOTS, { recursive: true });
  const browser = await launch({ width: 1920, height: 1080 });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return {
    srv,
    browser,
    page,
    async stop() {
      await browser.close();
      await srv.stop();
    },
  };
}
