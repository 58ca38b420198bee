import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/index.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { LEVEL_LABEL } from '../../web/lib/i18n.js';
import { post, ROOT, startServer, TOKEN, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

const WEB = join(ROOT, 'dist/web');
/** Where the screenshots go (`IOC_SHOTS` to keep them elsewhere). */
const SHOTS = process.env.IOC_SHOTS ?? join(ROOT, 'test-results');

/** No horizontal scroll: neither the document nor the page's scrolling box is wider than the viewport. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('[data-testid=unit-page]')!;
    return document.documentElement.scrollWidth <= window.innerWidth && box.scrollWidth <= box.clientWidth;
  });

describe('the unit page on a phone (360×740)', () => {
  let srv: TestServer;
  let browser: Browser;
  let snap: Snapshot;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 360, height: 740 }, { hasTouch: true });
    snap = (await (await fetch(`${srv.url}/api/state`)).json()) as Snapshot;
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('signs in by link, shows only its unit, rejects a bad row whole, files right, prints a receipt, and the wall changes live', async () => {
    // Phước Sơn is at risk on its land database alone (demo): its target reached, the unit moves up.
    const unit = snap.units.find((u) => u.id === 'phuoc-son')!;
    expect(unit.level).toBe('at_risk');
    expect(unit.indicators.filter((i) => i.level === 'at_risk').map((i) => i.id)).toEqual(['land-database']);
    const good = snap.indicators.find((i) => i.id === 'land-database')!;
    const bad = snap.indicators.find((i) => i.id === 'online-dossier-rate')!;
    const other = snap.units.find((u) => u.id === 'tam-ky')!;

    const link = await post(srv.url, '/api/auth/links', { unit: unit.id });
    expect(link.status).toBe(201);
    const { url } = link.json as unknown as { url: string };

    // The wall first, in the same browser: its ticker will name the unit when its level moves.
    const wall = await browser.context.newPage();
    await wall.goto(`${srv.url}/?playlist=overview-only`);
    await wall.waitForSelector('[data-testid=ticker]', { timeout: 60_000 });
    const before = await wall.locator(`[data-testid=ticker] li[data-unit="${unit.id}"]`).count();

    const page = await browser.context.newPage();
    await page.goto(srv.url + url);
    await page.waitForSelector(`[data-testid=unit-summary][data-unit="${unit.id}"]`);
    expect(page.url()).not.toContain('code=');
    expect(await page.locator('[data-testid=unit-summary]').count()).toBe(1);
    expect(await page.textContent('[data-testid=unit-page]')).not.toContain(other.name.vi);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'unit-page-360.png'), fullPage: true });

    // Another unit's data is refused to this session.
    const refused = await page.evaluate(async (id) => {
      const r = await fetch(`/api/units/${id}`, { headers: { authorization: `Bearer ${sessionStorage.getItem('ioc.unit')}` } });
      return r.status;
    }, other.id);
    expect(refused).toBe(403);

    // The date reads day/month/year whatever the browser's locale, and a future day is refused.
    expect(await page.inputValue('[data-testid=figures-date]')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const today = await page.inputValue('[data-testid=figures-date]');
    await page.fill('[data-testid=figures-date]', '01/01/2999');
    await page.click('[data-testid=figures-submit]');
    await page.waitForSelector('[data-testid=figures-message]');
    expect(await page.textContent('[data-testid=figures-message]')).toContain('sau hôm nay');
    await page.fill('[data-testid=figures-date]', today);

    // One bad row: the whole filing is refused, the error sits beside that indicator, nothing is stored.
    const counts = await srv.store.counts();
    await page.fill(`[data-testid=figures-form] [data-indicator="${good.id}"] input`, String(good.target));
    await page.fill(`[data-testid=figures-form] [data-indicator="${bad.id}"] input`, '250');
    await page.click('[data-testid=figures-submit]');
    await page.waitForSelector(`[data-testid=figures-form] [data-indicator="${bad.id}"] [data-testid=figure-error]`);
    expect(await page.textContent(`[data-testid=figures-form] [data-indicator="${bad.id}"] [data-testid=figure-error]`)).toContain('value');
    expect(await page.locator(`[data-testid=figures-form] [data-indicator="${good.id}"] [data-testid=figure-error]`).count()).toBe(0);
    expect(await srv.store.counts()).toEqual(counts);
    await page.locator(`[data-testid=figures-form] [data-indicator="${bad.id}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'unit-form-rejected-360.png') });
    expect(await page.locator('[data-testid=receipt]').count()).toBe(0);

    // Filed right: a receipt with a number, and one more reading stored.
    await page.fill(`[data-testid=figures-form] [data-indicator="${bad.id}"] input`, '');
    await page.click('[data-testid=figures-submit]');
    await page.waitForSelector('[data-testid=receipt]');
    expect(await page.textContent('[data-testid=receipt-number]')).toMatch(/-\d+$/);
    expect((await srv.store.counts()).readings).toBe(counts.readings + 1);
    expect(await fitsWidth(page)).toBe(true);
    await page.locator('[data-testid=receipt]').screenshot({ path: join(SHOTS, 'unit-receipt-360.png') });

    // The wall, live: the ticker names the unit at its new level.
    const level = srv.state.snapshot().units.find((u) => u.id === unit.id)!.level;
    expect(level).not.toBe(unit.level);
    await wall.waitForFunction(
      ([id, n]) => document.querySelectorAll(`[data-testid=ticker] li[data-unit="${id}"]`).length > Number(n),
      [unit.id, String(before)] as const,
      { timeout: 30_000 },
    );
    expect(await wall.locator(`[data-testid=ticker] li[data-unit="${unit.id}"]`).first().textContent()).toContain(LEVEL_LABEL[level].vi);
    // And the unit page shows the new level too.
    await page.waitForSelector(`[data-testid=unit-summary][data-level="${level}"]`);

    // The same indicator again for the same day and minute: a correction, marked on the receipt; the audit keeps both writes.
    const first = await page.textContent('[data-testid=receipt-number]');
    await page.fill(`[data-testid=figures-form] [data-indicator="${good.id}"] input`, String(good.target - 1));
    await page.click('[data-testid=figures-submit]');
    await page.waitForSelector(`[data-testid=receipt]:not([data-number="${first}"]) li[data-correction=true]`);
    expect(await page.textContent('[data-testid=receipt]')).toContain('đã sửa');
    expect((await srv.store.counts()).readings).toBe(counts.readings + 1);
    const writes = (await srv.store.listAudit({ limit: 20 })).filter((a) => a.action === 'readings.post');
    expect(writes.map((a) => `${a.outcome} ${a.target ?? ''}`)).toEqual([`accepted ${unit.id}`, `accepted ${unit.id}`, 'refused ']);
    await page.emulateMedia({ media: 'print' });
    await page.locator('[data-testid=receipt]').screenshot({ path: join(SHOTS, 'unit-receipt-print.png') });
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => document.querySelector('[data-testid=unit-page]')!.scrollTo(0, 0));
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'unit-page-1440.png') });
  });
  it('an administrator makes the link on the admin page; it opens that unit once', async () => {
    const admin = await browser.context.newPage();
    await admin.setViewportSize({ width: 1280, height: 800 });
    await admin.goto(`${srv.url}/?mode=admin`);
    await admin.fill('#token', TOKEN);
    await admin.click('button[type=submit]');
    await admin.click('[data-tab=tokens]');
    await admin.selectOption('[data-testid=signin-link-form] select', 'hoi-an');
    await admin.click('[data-testid=signin-link-form] button');
    const url = (await admin.textContent('[data-testid=signin-link] code'))!;
    expect(url).toMatch(/\/\?mode=unit#code=/);
    await admin.screenshot({ path: join(SHOTS, 'admin-signin-link.png') });

    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-testid=unit-summary][data-unit="hoi-an"]');
    // Used once: the same link again does not sign in.
    const again = await browser.context.newPage();
    await again.goto(url);
    await again.waitForSelector('[data-testid=unit-error]');
    expect(await again.locator('[data-testid=unit-summary]').count()).toBe(0);
  });
});
