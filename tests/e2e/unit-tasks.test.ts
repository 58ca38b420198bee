import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../server/protocol/tasks.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { post, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

const WEB = join(ROOT, 'dist/web');
/** Where the screenshots go (`IOC_SHOTS` to keep them elsewhere). */
const SHOTS = process.env.IOC_SHOTS ?? join(ROOT, 'test-results');
const UNIT = 'tam-ky';

describe("the unit page's tasks on a phone (360×740)", () => {
  let srv: TestServer;
  let browser: Browser;
  let all: TaskDetail[];

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 360, height: 740 }, { hasTouch: true });
    all = ((await (await fetch(`${srv.url}/api/tasks`)).json()) as { tasks: TaskDetail[] }).tasks;
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('lists only its own tasks, puts the server’s field error beside the field, and a report of done awaits confirmation', async () => {
    const own = all.filter((t) => t.owners.includes(UNIT)).map((t) => t.id);
    const foreign = all.find((t) => !t.owners.includes(UNIT))!;
    expect(own.length).toBeGreaterThan(0);
    const task = own[0]!;

    const link = await post(srv.url, '/api/auth/links', { unit: UNIT });
    expect(link.status).toBe(201);
    const page = await browser.context.newPage();
    await page.goto(srv.url + (link.json as unknown as { url: string }).url);
    await page.waitForSelector('[data-testid=unit-tasks][data-loaded=true]');
    const listed = await page.locator('[data-testid=unit-tasks] li[data-task]').evaluateAll((els) => els.map((e) => e.getAttribute('data-task')));
    expect(listed.sort()).toEqual([...own].sort());
    expect(await page.textContent('[data-testid=unit-tasks]')).not.toContain(foreign.title.vi);

    // Another unit's task is refused to this session, naming the task.
    const refused = await page.evaluate(async (id) => {
      const r = await fetch(`/api/tasks/${id}/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sessionStorage.getItem('ioc.unit')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'done' }),
      });
      return { status: r.status, body: await r.text() };
    }, foreign.id);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain(foreign.id);

    // In progress without a percent: nothing stored, the server's words beside the percent field.
    const item = page.locator(`[data-testid=unit-tasks] li[data-task="${task}"]`);
    const reports = (await srv.store.listTaskReports()).length;
    await item.locator('summary').click();
    await item.locator('input[value=in_progress]').check();
    await item.locator('[data-testid=task-send]').click();
    await item.locator('[data-testid=task-field-error][data-field=percent]').waitFor();
    expect(await item.locator('[data-testid=task-field-error][data-field=percent]').textContent()).toContain('percent');
    expect((await srv.store.listTaskReports()).length).toBe(reports);
    await page.screenshot({ path: join(SHOTS, 'unit-task-rejected-360.png') });

    // Done: stored, the answer's new status shown, and the list says it awaits the office's confirmation.
    await item.locator('input[value=done]').check();
    await item.locator('[data-testid=task-note]').fill('Đã triển khai tại 100 % điểm giao dịch');
    await item.locator('[data-testid=task-evidence]').fill('https://tamky.quangnam.gov.vn/bao-cao');
    await item.locator('[data-testid=task-send]').click();
    await item.locator('[data-testid=task-saved]').waitFor();
    expect(await item.locator('[data-testid=task-saved]').textContent()).toContain('Chờ xác nhận');
    await page.waitForSelector(`[data-testid=unit-tasks] li[data-task="${task}"][data-progress=awaiting_confirmation]`);
    expect(await item.locator('[data-testid=task-latest]').textContent()).toMatch(/Hoàn thành, .* · “Đã triển khai tại 100 % điểm giao dịch”\s· minh chứng/);
    expect((await srv.store.listTaskReports()).length).toBe(reports + 1);
    const fits = await page.evaluate(() => {
      const box = document.querySelector('[data-testid=unit-page]')!;
      return document.documentElement.scrollWidth <= window.innerWidth && box.scrollWidth <= box.clientWidth;
    });
    expect(fits).toBe(true);
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'unit-task-done-360.png') });
    await page.evaluate(() => document.querySelector('[data-testid=unit-tasks]')!.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'unit-tasks-360.png') });
  });
});
