import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { post, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

const WEB = join(ROOT, 'dist/web');
const SHOTS = process.env.IOC_SHOTS ?? join(ROOT, 'test-results');

describe('the wall remembers the day’s level changes and their cause', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 1920, height: 1080 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('a wall opened after a target was raised shows the grouped change with its cause, and again after a reload', async () => {
    const res = await post(srv.url, '/api/targets', {
      indicator: 'online-dossier-rate',
      target: 95,
      effectiveFrom: '2024-08-01',
      reason: 'Kế hoạch tỉnh nâng chỉ tiêu',
    });
    expect(res.status).toBe(201);
    const groups = srv.state.snapshot().changes?.groups ?? [];
    expect(groups).toHaveLength(1);
    const total = groups[0]!.total;
    expect(total).toBeGreaterThan(1);

    const item = `[data-testid=ticker] li[data-cause=target]`;
    await page.goto(`${srv.url}/?playlist=overview-only`);
    await page.waitForSelector(item, { timeout: 60_000 });
    const text = (await page.locator(item).first().innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`đơn vị →`);
    expect(text).toContain('do nâng mục tiêu Hồ sơ trực tuyến 50→95 %');
    const shown = await page.locator(item).evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-total')), 0));
    expect(shown).toBe(total);
    await page.screenshot({ path: join(SHOTS, 'ticker-after-target-1920x1080.png') });

    await page.reload();
    await page.waitForSelector(item, { timeout: 60_000 });
    expect((await page.locator(item).first().innerText()).replace(/\s+/g, ' ')).toBe(text);
    await page.locator('[data-testid=ticker]').screenshot({ path: join(SHOTS, 'ticker-after-reload.png') });
  });
});
