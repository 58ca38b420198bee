import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/index.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { LEVEL_LABEL } from '../../web/lib/i18n.js';
import { DEMO_NOW, post, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { LEVEL_STYLE } from '../../web/lib/levels.js';
import { launch, type Browser } from './browser.js';
import { decode, near, over } from './pixels.js';

const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');

type Map = { project(ll: [number, number]): { x: number; y: number }; getZoom(): number; getCenter(): { lng: number; lat: number } };

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  return page;
}

/** Page position of a lon/lat on the touch screen's map. */
async function at(page: Page, ll: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((p) => {
    const q = (window as unknown as { __iocMap: Map }).__iocMap.project(p);
    const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
    return { x: q.x + r.left, y: q.y + r.top };
  }, ll);
}

describe('touch screens: tap, drill down, look back, go idle', () => {
  let srv: TestServer;
  let browser: Browser;
  let tablet: Browser;
  let labels: Record<string, [number, number]>;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    const geo = (await (await fetch(`${srv.url}/api/geo`)).json()) as { features: { properties: { id: string; label: [number, number] } }[] };
    labels = Object.fromEntries(geo.features.map((f) => [f.properties.id, f.properties.label]));
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 1920, height: 1080 }, { hasTouch: true });
    tablet = await launch({ width: 1024, height: 768 }, { hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await tablet?.close();
    await srv?.stop();
  });

  it('a tap inside a district opens its detail: every indicator with a sentence and a chart with target, deadline and projection', async () => {
    const page = await open(browser, `${srv.url}/?mode=touch&debug`);
    await page.screenshot({ path: join(SHOTS, 'touch-1920x1080.png') });
    const p = await at(page, labels['que-son']!);
    await page.touchscreen.tap(p.x, p.y);
    await page.waitForSelector('[data-testid=unit-detail][data-unit=que-son]', { timeout: 30_000 });
    // The detail is on top everywhere: no district fill of the map shows through (the level
    // colours appear only in thin borders and chips, far under a tenth of the screen).
    const img = decode(await page.screenshot({ path: join(SHOTS, 'touch-detail-1920x1080.png') }));
    const fills = Object.values(LEVEL_STYLE).map((l) => over(l.rgb, 235 / 255));
    let hits = 0;
    let total = 0;
    for (let x = 10; x < img.width; x += 24)
      for (let y = 200; y < img.height; y += 24) {
        total++;
        if (fills.some((f) => near(img.at(x, y), f, 10))) hits++;
      }
    expect(hits / total).toBeLessThan(0.1);
    const unit = srv.state.snapshot().units.find((u) => u.id === 'que-son')!;
    expect(await page.locator('[data-testid=unit-detail]').getAttribute('data-level')).toBe(unit.level);
    expect(await page.locator('[data-testid=indicator-card]').count()).toBe(unit.indicators.length);
    expect(await page.locator('[data-testid=chart]').count()).toBe(unit.indicators.length);
    expect(await page.locator('[data-testid=chart-target]').count()).toBe(unit.indicators.length);
    expect(await page.locator('[data-testid=chart-deadline]').count()).toBe(unit.indicators.length);
    // Every indicator whose level rests on a trend draws its projection and band to the deadline.
    const trended = unit.indicators.filter((i) => i.projected !== null && i.level !== 'overdue' && i.achievedPace !== null).length;
    expect(trended).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=chart-projection]').count()).toBe(trended);
    expect(await page.locator('[data-testid=chart-band]').count()).toBe(trended);
    expect(await page.locator('[data-testid=unit-reason]').innerText()).toMatch(/cần|không|chưa|quá hạn/);
    expect(await page.locator('[data-testid=report-strip] li').count()).toBe(12);
    // Its rank among the localities, as the list beside the map numbers them.
    const areas = srv.state
      .snapshot()
      .units.filter((u) => u.kind === 'area')
      .sort((a, b) => a.rank - b.rank);
    expect(await page.getByText(`Hạng ${areas.findIndex((u) => u.id === 'que-son') + 1}/${areas.length} địa phương`).count()).toBe(1);
    // Numbers in the Vietnamese way: decimal comma, "45,5 %", dates dd/mm/yyyy.
    const text = await page.locator('[data-testid=unit-detail]').innerText();
    expect(text).toMatch(/\d+,\d\u00a0%/);
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    // A clear back to the overview.
    await page.locator('[data-testid=back]').tap();
    await page.waitForSelector('[data-testid=touch][data-view=overview]');
    await page.close();
  });

  it('every touch target is at least 48 px, departments open from their list, English works', async () => {
    const page = await open(browser, `${srv.url}/?mode=touch&lang=en`);
    const small = await page.evaluate(
      () =>
        [...document.querySelectorAll('button, input')].map((b) => b.getBoundingClientRect()).filter((r) => r.width > 0 && (r.height < 48 || r.width < 48))
          .length,
    );
    expect(small).toBe(0);
    await page.locator('[data-testid=tab-departments]').tap();
    await page.locator('[data-unit=so-tnmt]').tap();
    await page.waitForSelector('[data-testid=unit-detail][data-unit=so-tnmt]');
    expect(await page.locator('[data-testid=unit-detail] h1').innerText()).toMatch(/Natural Resources|Environment/);
    expect(await page.locator('[data-testid=unit-detail]').innerText()).toMatch(/monthly reports/i);
    await page.close();
  });

  it('pans with one finger and zooms with a pinch', async () => {
    const page = await open(browser, `${srv.url}/?mode=touch&debug`);
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await page.context().newCDPSession(page);
    const zoom0 = await page.evaluate(() => (window as unknown as { __iocMap: Map }).__iocMap.getZoom());
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchStart',
      touchPoints: [
        { x: cx - 40, y: cy },
        { x: cx + 40, y: cy },
      ],
    });
    for (let i = 1; i <= 12; i++)
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [
          { x: cx - 40 - i * 15, y: cy },
          { x: cx + 40 + i * 15, y: cy },
        ],
      });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction((z) => (window as unknown as { __iocMap: Map }).__iocMap.getZoom() > z + 0.3, zoom0, { timeout: 10_000 });
    const c0 = await page.evaluate(() => (window as unknown as { __iocMap: Map }).__iocMap.getCenter().lng);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: cx, y: cy }] });
    for (let i = 1; i <= 12; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: cx + i * 20, y: cy }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction((c) => (window as unknown as { __iocMap: Map }).__iocMap.getCenter().lng < c - 0.01, c0, { timeout: 10_000 });
    await page.close();
  });

  it('left alone, it returns to the live overview by itself (short idle time)', async () => {
    const page = await open(browser, `${srv.url}/?mode=touch&idle=4`);
    // A look back and a tap (each touch starts the idle time again)…
    await page.locator('[data-testid=asof-back]').tap();
    await page.waitForSelector('[data-testid=touch][data-past=true]');
    await page.locator('[data-testid=unit-list] [data-unit=thang-binh]').tap();
    await page.waitForSelector('[data-testid=unit-detail][data-unit=thang-binh]');
    // …then nobody touches it: back to the overview, live.
    await page.waitForSelector('[data-testid=touch][data-view=overview][data-past=false]', { timeout: 15_000 });
    expect(await page.locator('[data-testid=past-banner]').count()).toBe(0);
    await page.close();
  });

  it('looks back in time: a unit that changed since shows its earlier level', async () => {
    const page = await open(tablet, `${srv.url}/?mode=touch`);
    const before = await page.locator('[data-testid=unit-list] [data-unit=dien-ban]').innerText();
    // Điện Bàn reports every indicator at its target now: live, it turns met.
    const s = srv.state.snapshot();
    const unit = s.units.find((u) => u.id === 'dien-ban')!;
    const target = new Map(s.indicators.map((i) => [i.id, i.target]));
    const res = await post(srv.url, '/api/readings', {
      readings: unit.indicators.map((i) => ({ unit: 'dien-ban', indicator: i.id, value: target.get(i.id), at: new Date(DEMO_NOW).toISOString() })),
    });
    expect(res.status).toBe(200);
    await page.waitForFunction(() => document.querySelector('[data-unit=dien-ban]')?.textContent?.includes('Đã đạt') ?? false);
    // One day back: the figures as the server knew them then.
    await page.locator('[data-testid=asof-back]').tap();
    await page.waitForSelector('[data-testid=touch][data-past=true]');
    await page.waitForSelector('[data-testid=past-banner]');
    expect(await page.locator('[data-testid=asof-date]').innerText()).toBe('30/08/2024');
    const then = await page.locator('[data-testid=unit-list] [data-unit=dien-ban]').innerText();
    const past = (await (await fetch(`${srv.url}/api/state?asOf=2024-08-30`)).json()) as Snapshot;
    const level = past.units.find((u) => u.id === 'dien-ban')!.level;
    expect(level).not.toBe('met');
    expect(then).toContain(LEVEL_LABEL[level].vi);
    expect(then).not.toContain(LEVEL_LABEL.met.vi);
    expect(before).not.toContain(LEVEL_LABEL.met.vi);
    await page.screenshot({ path: join(SHOTS, 'touch-past-1024x768.png') });
    // No horizontal overflow at tablet size.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await page.locator('[data-testid=unit-list] [data-unit=dien-ban]').tap();
    await page.waitForSelector('[data-testid=unit-detail][data-unit=dien-ban]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'touch-detail-1024x768.png') });
    await page.close();
  });
});
