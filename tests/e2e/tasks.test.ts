import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { post, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

const WEB = join(ROOT, 'dist/web');

describe('the tasks scene on the open wall', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    browser = await launch({ width: 1920, height: 1080 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${srv.url}/?playlist=tasks`);
    await page.waitForSelector('[data-testid=tasks-scene]', { timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('a status report turns the task and its unit to their new colour, live', async () => {
    const task = page.locator('[data-testid=task-row][data-task=ha-tang-thiet-bi]');
    const unit = page.locator('[data-testid=task-unit][data-unit=so-khdt]');
    expect(await task.getAttribute('data-level')).toBe('off_track');
    expect(await unit.getAttribute('data-level')).toBe('off_track');
    const res = await post(srv.url, '/api/tasks/ha-tang-thiet-bi/status', { status: 'done', evidence: 'https://quangnam.gov.vn/minh-hoa/bien-ban' });
    expect(res.status).toBe(201);
    // Done, awaiting the office's confirmation: on track; its owner has no other open task left at risk.
    await page.waitForSelector('[data-testid=task-row][data-task=ha-tang-thiet-bi][data-level=on_track]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=task-unit][data-unit=so-khdt][data-level=on_track]', { timeout: 30_000 });
    expect(await post(srv.url, '/api/tasks/ha-tang-thiet-bi/confirm', {}).then((r) => r.status)).toBe(201);
    // Confirmed: met, and no longer an open task on the board.
    await page.waitForSelector('[data-testid=task-row][data-task=ha-tang-thiet-bi]', { state: 'detached', timeout: 30_000 });
    await page.screenshot({ path: join(ROOT, 'test-results', 'tasks-scene-after-report.png') });
  });
});
