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

  // Whole cards only: every card shown lies inside its list's box; the rest are counted in "+N nhiệm vụ nữa".
  const cardsInside = () =>
    page.waitForFunction(
      () => {
        const lists = [...document.querySelectorAll<HTMLElement>('[data-testid=task-list]')];
        return (
          lists.length === 3 &&
          lists.every((l) => {
            const box = l.getBoundingClientRect();
            const shown = [...l.children].filter((c) => !(c as HTMLElement).hidden).map((c) => c.getBoundingClientRect());
            const hidden = l.children.length - shown.length;
            const more = l.parentElement!.querySelector('[data-testid=tasks-more]');
            return (
              shown.every((b) => b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5) &&
              (hidden === 0) === !more &&
              (!more || more.textContent!.includes(`+${hidden}`))
            );
          })
        );
      },
      undefined,
      { timeout: 30_000 },
    );

  it('shows only whole cards, with "+N" for the rest, at 1920×1080 and 3840×2160; the map carries each unit\'s late tasks', async () => {
    await cardsInside();
    expect(await page.locator('[data-testid=tasks-map] [data-testid=svg-map]').count()).toBe(1);
    await page.setViewportSize({ width: 3840, height: 2160 });
    await cardsInside();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await cardsInside();
  });

  it("a status report turns its owner's colour live; the task turns only when every owner is done", async () => {
    const task = '[data-testid=task-row][data-task=ha-tang-thiet-bi]';
    const unit = '[data-testid=task-unit][data-unit=so-khdt]';
    expect(await page.locator(task).getAttribute('data-level')).toBe('off_track');
    expect(await page.locator(unit).getAttribute('data-level')).toBe('off_track');
    const done = (owner: string) =>
      post(srv.url, '/api/tasks/ha-tang-thiet-bi/status', { status: 'done', unit: owner, evidence: 'https://quangnam.gov.vn/minh-hoa/bien-ban' });
    expect((await done('so-khdt')).status).toBe(201);
    // Done, awaiting the office's confirmation: on track for its owner; the other owner has reported nothing, so the task stays as it was.
    await page.waitForSelector(`${unit}[data-level=on_track]`, { state: 'attached', timeout: 30_000 });
    expect(await page.locator(task).getAttribute('data-level')).toBe('off_track');
    expect(await post(srv.url, '/api/tasks/ha-tang-thiet-bi/confirm', { unit: 'so-khdt' }).then((r) => r.status)).toBe(201);
    await page.waitForSelector(`${task}[data-done="1"]`, { state: 'attached', timeout: 30_000 });
    expect((await done('so-tttt')).status).toBe(201);
    expect(await post(srv.url, '/api/tasks/ha-tang-thiet-bi/confirm', { unit: 'so-tttt' }).then((r) => r.status)).toBe(201);
    // Confirmed for both owners: met, and no longer an open task on the board.
    await page.waitForSelector(task, { state: 'detached', timeout: 30_000 });
    await page.screenshot({ path: join(ROOT, 'test-results', 'tasks-scene-after-report.png') });
  });
});
