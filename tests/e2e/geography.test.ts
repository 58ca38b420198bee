import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Boundaries, Level, Snapshot } from '../../server/protocol/index.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { LEVEL_STYLE } from '../../web/lib/levels.js';
import { manualClock, post, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';
import { bbox, decode, inside, near, over, type Polygonal } from './pixels.js';

/**
 * Today's map (issue 12): the Đà Nẵng file, its three geography versions, on a touch screen.
 * Looking back to 2024 shows the 2024 districts; stepping past 1 Jul 2025 swaps in the 94
 * communes in place (no reload), and the caption says which map is on screen.
 * Needs the server side of the protocol (snapshot.geography, GET /api/geo?version=).
 */
const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');
const NOW = Date.parse('2026-11-20T08:00:00+07:00');
type MapHandle = { project(ll: [number, number]): { x: number; y: number } };

const geo = async (url: string, version: string) => (await (await fetch(`${url}/api/geo?version=${version}`)).json()) as Boundaries;
const stateAt = async (url: string, asOf: string) => (await (await fetch(`${url}/api/state?asOf=${asOf}`)).json()) as Snapshot;

/** Points inside a unit's polygon, clear of its label (name and icon sit there). */
function interior(b: Boundaries, id: string): [number, number][] {
  const f = b.features.find((x) => x.properties.id === id)!;
  const g = f.geometry as Polygonal;
  const [x0, y0, x1, y1] = bbox(g);
  const [lx, ly] = f.properties.label;
  const pts: [number, number][] = [];
  for (let i = 1; i < 12; i++)
    for (let j = 1; j < 12; j++) {
      const p: [number, number] = [x0 + ((x1 - x0) * i) / 12, y0 + ((y1 - y0) * j) / 12];
      const clear = Math.abs(p[0] - lx) > (x1 - x0) / 6 || Math.abs(p[1] - ly) > (y1 - y0) / 8;
      if (clear && inside(g, p)) pts.push(p);
    }
  return pts;
}

/** Share of those points that show `level` on the page now (grey, low saturation, for the no-data hatch). */
async function share(page: Page, pts: [number, number][], level: Level): Promise<number> {
  const px = await page.evaluate((lls) => {
    const m = (window as unknown as { __iocMap: MapHandle }).__iocMap;
    const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
    return lls.map((ll) => m.project(ll)).map((q) => [q.x + r.left, q.y + r.top] as const);
  }, pts);
  const img = decode(await page.screenshot());
  const want = over(LEVEL_STYLE[level].rgb, 235 / 255);
  const ok = px.map(([x, y]) => img.at(x, y)).filter((c) => (level === 'no_data' ? Math.max(...c) - Math.min(...c) < 30 : near(c, want)));
  return ok.length / Math.max(1, px.length);
}

/** Every indicator of a unit at its target on two dates: the unit has readings in that version. */
async function report(srv: TestServer, unit: string, asOf: string, dates: string[]): Promise<void> {
  const s = await stateAt(srv.url, asOf);
  const target = new Map(s.indicators.map((i) => [i.id, i.target]));
  const u = s.units.find((x) => x.id === unit)!;
  const readings = dates.flatMap((at) => u.indicators.map((i) => ({ unit, indicator: i.id, value: target.get(i.id)!, at })));
  const res = await post(srv.url, '/api/readings', { readings });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

/** Move the look-back slider to a date (as a finger's release does: one change event). */
async function slideTo(page: Page, date: string): Promise<void> {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${new Date(NOW + 7 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000);
  await page.locator('[data-testid=asof-slider]').evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, days);
}

describe('today’s map: the geography follows the date looked at (Đà Nẵng)', () => {
  let srv: TestServer;
  let browser: Browser;
  let districts: Boundaries;
  let communes: Boundaries;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    // The demo is off: this test writes its own readings, so it does not depend on the demo's story.
    srv = await startServer({ webRoot: WEB, configFile: join(ROOT, 'config/province.json'), demo: false, clock: manualClock(NOW, false) });
    [districts, communes] = await Promise.all([geo(srv.url, 'districts-2024'), geo(srv.url, 'communes-2025')]);
    await report(srv, 'que-son', '2024-09-15', ['2024-06-30T10:00:00+07:00', '2024-08-31T10:00:00+07:00']);
    await report(srv, 'xa-que-son', '2026-11-20', ['2025-09-30T10:00:00+07:00', '2026-10-31T10:00:00+07:00']);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 1920, height: 1080 }, { hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('looks back to 2024 on the district map, then steps past 1 Jul 2025 onto the commune map, without a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${srv.url}/?mode=touch&debug`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=geo-caption][data-version=communes-2025]');
    await page.screenshot({ path: join(SHOTS, 'geography-touch-live-1920x1080.png') });
    await page.evaluate(() => ((window as unknown as { __kept?: string }).__kept = 'same page'));
    const mainCount = (b: Boundaries) => String(b.features.filter((f) => !f.properties.inset).length);

    // Back to 15 Sep 2024: the 2024 districts (Quảng Nam's and old Đà Nẵng's), Quế Sơn among them.
    await slideTo(page, '2024-09-15');
    await page.waitForSelector('[data-testid=geo-caption][data-version=districts-2024]');
    await page.waitForSelector(`[data-testid=map][data-features="${mainCount(districts)}"]`);
    expect(await page.textContent('[data-testid=geo-caption]')).toContain('Bản đồ');
    const then = (await stateAt(srv.url, '2024-09-15')).units.find((u) => u.id === 'que-son')!.level;
    const queSon = interior(districts, 'que-son');
    expect(queSon.length).toBeGreaterThan(5);
    await expect.poll(() => share(page, queSon, then), { timeout: 20_000 }).toBeGreaterThan(0.6);
    await page.screenshot({ path: join(SHOTS, 'geography-touch-2024-1920x1080.png') });

    // 30 Jun 2025, then one step forward: 1 Jul 2025, the 94 communes.
    await slideTo(page, '2025-06-30');
    await page.waitForSelector('[data-testid=geo-caption][data-version=districts-2025]');
    await page.locator('[data-testid=asof-date]').waitFor();
    await page.getByRole('button', { name: /Tiến một ngày/ }).tap();
    await page.waitForSelector('[data-testid=geo-caption][data-version=communes-2025]');
    await page.waitForSelector(`[data-testid=map][data-features="${mainCount(communes)}"]`);
    expect(await page.textContent('[data-testid=asof-date]')).toBe('01/07/2025');
    const now = (await stateAt(srv.url, '2025-07-01')).units.find((u) => u.id === 'xa-que-son')!.level;
    const commune = interior(communes, 'xa-que-son');
    await expect.poll(() => share(page, commune, now), { timeout: 20_000 }).toBeGreaterThan(0.6);
    await page.screenshot({ path: join(SHOTS, 'geography-touch-2025-1920x1080.png') });

    // The same page all along: the marker set before the first look-back is still there.
    expect(await page.evaluate(() => (window as unknown as { __kept?: string }).__kept)).toBe('same page');
    await page.close();
  });

  it('shows Hoàng Sa in its inset box, never by zooming the main map out, and finds "Quế Sơn" typed without diacritics', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${srv.url}/?mode=touch&debug`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    expect(await page.getAttribute('[data-testid=map-inset]', 'data-units')).toBe('dac-khu-hoang-sa');
    expect(await page.textContent('[data-testid=map-inset] figcaption')).toContain('Hoàng Sa');
    // The main map is the mainland: Hoàng Sa (about 112° E) lies far off its right edge.
    const hs = await page.evaluate(() => (window as unknown as { __iocMap: MapHandle }).__iocMap.project([112, 16.5]).x);
    expect(hs).toBeGreaterThan(await page.evaluate(() => document.querySelector('[data-testid=map]')!.clientWidth));
    await page.locator('[data-testid=unit-search]').fill('que son');
    const rows = await page.locator('[data-testid=unit-list] [data-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')));
    expect(rows).toContain('xa-que-son');
    expect(rows).not.toContain('phuong-hai-chau');
    // A tap anywhere in the inset box opens the special zone's detail (its islets are a few pixels
    // wide: the box is the target), like a tap on the map.
    await page.locator('[data-testid=map-inset][data-units=dac-khu-hoang-sa] svg').tap();
    await page.waitForSelector('[data-testid=unit-detail][data-unit=dac-khu-hoang-sa]', { timeout: 30_000 });
    await page.close();
  });
});
