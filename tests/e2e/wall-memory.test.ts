import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, TOKEN, type TestServer } from '../helpers/server.js';
import { served, SHOTS, type Served } from './served.js';

describe('demo honesty in every mode; admin in dd/mm/yyyy and people’s words; the wall remembers the day’s changes', () => {
  let s: Served;
  let srv: TestServer;
  let page: Page;

  beforeAll(async () => {
    s = await served();
    ({ srv, page } = s);
  });
  afterAll(() => s?.stop());

  it('the wall marks demo data and its clock follows the demo clock', async () => {
    await page.goto(`${srv.url}/?playlist=overview-only`);
    await page.waitForSelector('[data-testid=demo-badge] [data-testid=demo-marker]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=demo-badge]').innerText()).toContain('DỮ LIỆU MINH HỌA');
    // The test server's demo clock stands at 08:00 31/08/2024: the header's clock shows it, not the real time.
    const clock = await page.locator('[data-testid=clock]').innerText();
    expect(clock).toMatch(/^08:0\d:\d\d/);
    expect(clock).toContain('giờ mô phỏng');
    await page.screenshot({ path: join(SHOTS, 'wall-demo-1920x1080.png') });
  });

  it('touch and briefing carry the marker too', async () => {
    await page.goto(`${srv.url}/?mode=touch`);
    await page.waitForSelector('[data-testid=demo-marker]', { timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'touch-demo-1920x1080.png') });
    await page.goto(`${srv.url}/?mode=briefing`);
    await page.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=demo-marker]').innerText()).toContain('DỮ LIỆU MINH HỌA');
    const count = await page.locator('[data-testid=slide] .count').innerText();
    const total = Number(count.split('/')[1]);
    const seen = new Set<string>();
    let compliance = 0;
    for (let n = 1; n <= total; n++) {
      await page.goto(`${srv.url}/?mode=briefing&slide=${n}`);
      await page.waitForSelector(`[data-testid=briefing][data-ready=true][data-index="${n - 1}"]`, { timeout: 60_000 });
      const k = (await page.locator('[data-testid=slide]').getAttribute('data-kind'))!;
      if (k === 'compliance') compliance = n;
      if (seen.has(k)) continue;
      seen.add(k);
      await page.screenshot({ path: join(SHOTS, `briefing-${n}-${k}.png`) });
    }
    expect([...seen]).toEqual(expect.arrayContaining(['summary', 'unit', 'compliance']));
    // Compliance is a unit × month grid: a cell per unit and month.
    await page.goto(`${srv.url}/?mode=briefing&slide=${compliance}`);
    await page.waitForSelector('[data-testid=compliance] tbody tr td', { timeout: 60_000 });
  });

  it('admin: dates typed as dd/mm/yyyy, a Vietnamese file picker, human names', async () => {
    await page.goto(`${srv.url}/?mode=admin`);
    await page.fill('#token', TOKEN);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-tab=targets]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=demo-marker]');
    await page.screenshot({ path: join(SHOTS, 'admin-displays.png') });
    await page.click('[data-tab=targets]');
    await page.fill('[data-testid=target-from]', '31/02/2025');
    await page.waitForSelector('[data-testid=target-form] [role=alert]');
    expect(await page.locator('[data-testid=target-form] [role=alert]').innerText()).toContain('không có thật');
    await page.screenshot({ path: join(SHOTS, 'admin-targets-invalid.png') });
    await page.fill('[data-testid=target-from]', '03/09/2024');
    await page.waitForSelector('[data-testid=target-form] [role=alert]', { state: 'detached' });
    expect(await page.locator('[data-testid=targets-empty]').innerText()).toContain('Chưa có');
    await page.click('[data-tab=tokens]');
    await page.waitForSelector('[data-testid=token-form]');
    expect(await page.locator('[data-testid=token-form]').innerText()).toContain('Màn hình');
    expect(await page.locator('[data-testid=token-form] select >> nth=-1').locator('option:checked').innerText()).toBe('180\u00a0ngày');
    await page.screenshot({ path: join(SHOTS, 'admin-tokens.png') });
    await page.click('[data-tab=import]');
    await page.waitForSelector('[data-testid=import-form]');
    expect(await page.locator('[data-testid=import-form]').innerText()).toContain('Chọn tệp…');
    await page.screenshot({ path: join(SHOTS, 'admin-import.png') });
  });

  // Last: it raises a target, which the tests above must not see.
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
