import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { manualClock, ROOT, startServer, type TestServer } from '../helpers/server.js';
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

/** The two maps the label tests compare: the shipped 18 districts of 2024 and today's 94 communes (config/province.json). */
export interface TwoMaps {
  districts: TestServer;
  communes: TestServer;
  /** A page of a fresh browser at `viewport` (one browser at a time: the machine is small). */
  open(viewport: { width: number; height: number }, touch?: boolean): Promise<Page>;
  stop(): Promise<void>;
}

/** Build the web app if needed and start both maps' servers, the communes' on a fixed day (`today`, ms). */
export async function twoMaps(today: number): Promise<TwoMaps> {
  const web = join(ROOT, 'dist/web');
  await ensureWebBuilt(ROOT, web, () => {});
  const districts = await startServer({ webRoot: web });
  const communes = await startServer({ webRoot: web, configFile: join(ROOT, 'config/province.json'), clock: manualClock(today) });
  mkdirSync(SHOTS, { recursive: true });
  let browser: Browser | null = null;
  return {
    districts,
    communes,
    async open(viewport, touch = false) {
      await browser?.close();
      browser = await launch(viewport, { hasTouch: touch });
      return browser.context.pages()[0] ?? (await browser.context.newPage());
    },
    async stop() {
      await browser?.close();
      await districts.stop();
      await communes.stop();
    },
  };
}
