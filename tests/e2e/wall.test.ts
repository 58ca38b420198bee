import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Level } from '../../server/protocol/index.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { LEVEL_STYLE } from '../../web/lib/levels.js';
import { post, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';
import { bbox, decode, inside, near, over, type Image, type Polygonal } from './pixels.js';

const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');
/** The overview only (no scene rotation mid-test), with the map reachable for projecting. */
const PATH = '/?playlist=overview-only&debug';

interface Feature {
  geometry: Polygonal;
  properties: { id: string; label: [number, number] };
}

async function openWall(browser: Browser, url: string): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  return page;
}

/** Screen position (page pixels) of lon/lat points on the wall's map. */
async function project(page: Page, pts: [number, number][]): Promise<[number, number][]> {
  return page.evaluate((p) => {
    const map = (window as unknown as { __iocMap: { project(ll: [number, number]): { x: number; y: number } } }).__iocMap;
    const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
    return p.map((ll) => {
      const q = map.project(ll);
      return [q.x + r.left, q.y + r.top] as [number, number];
    });
  }, pts);
}

/** Points spread inside a district, away from its label. */
function interior(f: Feature): [number, number][] {
  const [x0, y0, x1, y1] = bbox(f.geometry);
  const [lx, ly] = f.properties.label;
  const pts: [number, number][] = [];
  for (let i = 1; i < 14; i++)
    for (let j = 1; j < 14; j++) {
      const p: [number, number] = [x0 + ((x1 - x0) * i) / 14, y0 + ((y1 - y0) * j) / 14];
      if (inside(f.geometry, p) && Math.hypot(p[0] - lx, (p[1] - ly) * 1.5) > 0.06) pts.push(p);
    }
  return pts;
}

/** Share of a district's interior pixels that show `level` (grey hatch for no data). */
async function share(page: Page, img: Image, f: Feature, level: Level): Promise<number> {
  const colours = (await project(page, interior(f))).map(([x, y]) => img.at(x, y));
  if (level === 'no_data') return colours.filter(([r, g, b]) => Math.max(r, g, b) - Math.min(r, g, b) < 30).length / colours.length;
  const want = over(LEVEL_STYLE[level].rgb, 235 / 255);
  return colours.filter((c) => near(c, want)).length / colours.length;
}

describe('the wall in headless chromium', () => {
  let srv: TestServer;
  let browser: Browser;
  let features: Feature[];

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    features = (await (await fetch(`${srv.url}/api/geo`)).json()).features;
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 1920, height: 1080 });
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('colours every district by its level (pixels sampled inside districts of each level) and draws their names', async () => {
    const page = await openWall(browser, srv.url + PATH);
    const img = decode(await page.screenshot({ path: join(SHOTS, 'wall-1920x1080.png') }));
    const levelOf = new Map(srv.state.snapshot().units.map((u) => [u.id, u.level]));

    const checked = new Set<Level>();
    for (const f of features) {
      const level = levelOf.get(f.properties.id)!;
      expect(await share(page, img, f, level), `${f.properties.id} (${level})`).toBeGreaterThan(level === 'no_data' ? 0.8 : 0.6);
      checked.add(level);
    }
    expect(checked.size).toBe(6);

    // Names: near-white text pixels at every label point (no fill colour is that bright).
    const labels = await project(
      page,
      features.map((f) => f.properties.label),
    );
    const mapHeight = await page.evaluate(() => document.querySelector('[data-testid=map]')!.clientHeight);
    const labelPx = mapHeight / 42;
    for (const [i, [x, y]] of labels.entries()) {
      let white = 0;
      for (let dx = -labelPx * 1.5; dx <= labelPx * 1.5; dx += 2)
        for (let dy = -labelPx; dy <= 0; dy += 2) {
          const [r, g, b] = img.at(x + dx, y + dy);
          if (r > 235 && g > 235 && b > 235) white++;
        }
      expect(white, `label of ${features[i]!.properties.id}`).toBeGreaterThan(10);
    }
  });

  it('shows the header, DEMO, the ranked panel with Vietnamese names, departments and credits; English by a toggle', async () => {
    const page = browser.context.pages()[0]!;
    await expect.poll(() => page.textContent('[data-testid=demo-badge]'), { timeout: 15_000 }).toContain('DEMO');
    expect(await page.textContent('[data-testid=as-of]')).toContain('31/08/2024');
    const worst = await page.textContent('[data-testid=worst-units]');
    expect(worst).toContain('Nông Sơn');
    expect(worst).toContain('Quế Sơn');
    expect(worst).toMatch(/cần|quá hạn|không/);
    expect(await page.textContent('[data-testid=departments]')).toContain('Sở Kế hoạch và Đầu tư');
    expect(await page.textContent('[data-testid=credits]')).toContain('gis.chinhphu.vn');
    expect(await page.textContent('[data-testid=connection]')).toContain('Trực tuyến');
    // Self-hosted fonts, loaded from our own server: Vietnamese letters and the level icons.
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
    expect(loaded).toEqual(expect.arrayContaining(['Be Vietnam Pro', 'Noto Sans Symbols 2']));
    await page.click('[data-testid=lang-toggle]');
    await expect.poll(() => page.textContent('[data-testid=worst-units]'), { timeout: 15_000 }).toMatch(/needs|overdue|no progress/);
    // Place names keep their diacritics in English too; descriptive names are translated.
    expect(await page.textContent('[data-testid=worst-units]')).toContain('Quế Sơn');
    expect(await page.textContent('[data-testid=departments]')).toContain('Department of Justice');
    await page.click('[data-testid=lang-toggle]');
  });

  it('follows a POSTed reading live: the district changes colour without a reload', async () => {
    const page = browser.context.pages()[0]!;
    const nongSon = features.find((f) => f.properties.id === 'nong-son')!;
    expect(srv.state.snapshot().units.find((u) => u.id === 'nong-son')!.level).toBe('overdue');
    const res = await post(srv.url, '/api/readings', {
      readings: [{ unit: 'nong-son', indicator: 'igate-entry', value: 100, at: '2024-08-31T07:45:00+07:00' }],
    });
    expect(res.status).toBe(200);
    expect(srv.state.snapshot().units.find((u) => u.id === 'nong-son')!.level).toBe('off_track');
    // The wall draws the new colour on its next frame; read the screen until it shows it.
    await expect.poll(async () => share(page, decode(await page.screenshot()), nongSon, 'off_track'), { timeout: 10_000 }).toBeGreaterThan(0.6);
  });
});
