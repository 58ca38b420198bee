import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { configWith, post, ROOT, startServer, TOKEN, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';
import { WALL_SIZES } from './type-scale.js';

const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');
const SIZES = WALL_SIZES;

async function open(browser: Browser, url: string): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(url);
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  return page;
}

/** Run `fn` with a fresh browser of this size, closed however `fn` ends. */
async function withBrowser(size: { width: number; height: number }, fn: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await launch(size);
  try {
    await fn(browser);
  } finally {
    await browser.close();
  }
}

/** Every element that holds text: is any of it cut, spilling out of its box or off screen, or too small? */
function textProblems(page: Page, minPx: number) {
  return page.evaluate((min) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim()) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[aria-hidden=true]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const name = `${el.tagName.toLowerCase()}.${el.className}: "${n.textContent.trim().slice(0, 30)}"`;
      // Lists show as many whole items as fit and clip the rest out of sight: an item wholly
      // outside its clipping box is hidden on purpose; one partly outside is cut.
      let clip: Element | null = el.parentElement;
      while (clip && getComputedStyle(clip).overflow === 'visible') clip = clip.parentElement;
      if (clip && clip !== document.body && clip !== document.documentElement) {
        const c = clip.getBoundingClientRect();
        const outside = r.left >= c.right - 1 || r.right <= c.left + 1 || r.top >= c.bottom - 1 || r.bottom <= c.top + 1;
        if (outside) continue;
        const partly = r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1;
        if (partly) out.push(`cut by its box: ${name}`);
      }
      if (el.scrollWidth > el.clientWidth + 1 && style.display !== 'inline') out.push(`cut or spilling horizontally: ${name}`);
      if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1 || r.left < -1 || r.top < -1) out.push(`off screen: ${name}`);
      if (parseFloat(style.fontSize) < min - 0.5) out.push(`too small (${style.fontSize}): ${name}`);
    }
    return out;
  }, minPx);
}

describe('the kiosk wall', () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  let dataDir: string;
  let port: number;
  const boot = async () => {
    srv = await startServer({ configFile: cfg.file, dataDir, webRoot: WEB, ...(port && { port }) });
    port = Number(new URL(srv.url).port);
  };

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    cfg = configWith({ heartbeatSeconds: 0.25, staleAfterSeconds: 1.5 });
    dataDir = mkdtempSync(join(tmpdir(), 'ioc-kiosk-'));
    mkdirSync(SHOTS, { recursive: true });
    await boot();
  });
  afterAll(async () => {
    await srv?.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(SIZES)('fills %i×%i in every scene: no cut or spilled text, readable sizes, no cursor', async (w, h) => {
    await withBrowser({ width: w, height: h }, async (browser) => {
      const page = await open(browser, `${srv.url}/?mode=wall`);
      await page.keyboard.press('Space'); // pause: the test steps through the scenes itself
      await page.waitForSelector('[data-testid=scene-indicator] .paused');
      const scenes = await page.evaluate(
        async () => (await (await fetch('/api/display')).json()) as { playlists: Record<string, unknown[]>; defaultPlaylist: string },
      );
      const count = scenes.playlists[scenes.defaultPlaylist]!.length;
      // At 4K and on a video wall nothing is smaller than 28 px; at 1080p half of that.
      const min = h >= 2160 ? 28 : 14;
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid=wall]')!).cursor)).toBe('none');
      expect(await page.$$('button')).toHaveLength(0);
      for (let i = 0; i < count; i++) {
        await page.waitForFunction((n) => document.querySelector('[data-testid=scene-indicator]')?.textContent?.includes(`${n}/`), i + 1);
        await page.waitForFunction(() => document.getAnimations().length === 0); // fades done: judge the settled layout
        const scene = await page.getAttribute('[data-testid=wall]', 'data-scene');
        await page.screenshot({ path: join(SHOTS, `kiosk-${w}x${h}-${i + 1}-${scene}.png`) });
        expect(await textProblems(page, min), `${w}×${h}, scene ${i + 1} (${scene})`).toEqual([]);
        // Lists show whole items and clip the rest: make sure what matters is actually on screen.
        const shown = await page.evaluate(() => {
          const visible = (sel: string) =>
            [...document.querySelectorAll(sel)].filter((el) => {
              const r = el.getBoundingClientRect();
              const box = el.parentElement!.getBoundingClientRect();
              return r.height > 0 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1 && r.right <= innerWidth;
            }).length;
          return {
            worst: visible('[data-testid=worst-units] > li'),
            departments: visible('[data-testid=departments] > li'),
            indicatorRows: visible('[data-testid=indicator-panel] .rows > li'),
            ranking: visible('[data-testid=ranking] li'),
            calendar: visible('[data-testid=reports-calendar] .name'),
            deadlines: visible('[data-testid=deadlines-scene] li[data-indicator]'),
          };
        });
        const expected = {
          // The departments' list is on the overview of a 32:9 wall; on 16:9 the counts say how they stand.
          overview: { worst: (n: number) => n >= 3, departments: (n: number) => n === (w / h > 21 / 9 ? 6 : 0) },
          deadlines: { deadlines: (n: number) => n >= 5 },
          // On 16:9 the worst districts that fit in the wall's type (the map shows them all); on 32:9 every one.
          indicator: { indicatorRows: (n: number) => (w / h > 21 / 9 ? n === 18 : n >= 6) },
          ranking: { ranking: (n: number) => n === 24 },
          reports: { calendar: (n: number) => n === 24 },
        }[scene as 'overview' | 'deadlines' | 'indicator' | 'ranking' | 'reports'];
        for (const [k, ok] of Object.entries(expected))
          expect(ok(shown[k as keyof typeof shown]), `${w}×${h} ${scene}: ${k} shown ${JSON.stringify(shown)}`).toBe(true);
        const fills = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
        expect(fills).toEqual({ w, h });
        await page.keyboard.press('ArrowRight');
      }
    });
  });

  it('says when its figures may be stale, keeps them through a server restart, and recovers by itself', async () => {
    await withBrowser({ width: 1920, height: 1080 }, async (browser) => {
      const page = await open(browser, `${srv.url}/?mode=wall&playlist=overview-only`);
      await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
      const worst = await page.textContent('[data-testid=worst-units]');
      await srv.stop();
      await page.waitForSelector('[data-testid=stale-banner]', { timeout: 15_000 });
      expect(await page.getAttribute('[data-testid=wall]', 'data-stale')).toBe('true');
      expect(await page.textContent('[data-testid=stale-banner]')).toMatch(/Số liệu có thể đã cũ/);
      await page.screenshot({ path: join(SHOTS, 'kiosk-1920x1080-stale.png') });
      // The last state stays on screen, marked stale.
      expect(await page.textContent('[data-testid=worst-units]')).toBe(worst);

      await boot();
      await page.waitForSelector('[data-testid=stale-banner]', { state: 'detached', timeout: 30_000 });
      expect(await page.getAttribute('[data-testid=wall]', 'data-stale')).toBe('false');
      expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1); // no reload
      await expect.poll(() => page.getAttribute('[data-testid=wall]', 'data-seq'), { timeout: 15_000 }).toBe(String(srv.state.seq));
      expect(await page.textContent('[data-testid=worst-units]')).toBe(worst);
    });
  });

  it('asks for a fresh snapshot when it misses a delta', async () => {
    await withBrowser({ width: 1280, height: 720 }, async (browser) => {
      const page = await open(browser, `${srv.url}/?mode=wall&playlist=overview-only`);
      await expect.poll(() => page.getAttribute('[data-testid=wall]', 'data-seq'), { timeout: 15_000 }).toBe(String(srv.state.seq));
      const asked = new Promise<void>((res) => {
        for (const s of srv.app.io.sockets.sockets.values()) s.once('state:resync', () => res());
      });
      // A delta from the future: the wall sees a gap in seq.
      const gap = srv.state.seq + 5;
      srv.app.io.emit('state:delta', { seq: gap, generatedAt: new Date().toISOString(), asOf: '2030-01-01T00:00:00.000+07:00', units: [] });
      await asked;
      await expect.poll(() => page.getAttribute('[data-testid=wall]', 'data-seq'), { timeout: 15_000 }).toBe(String(srv.state.seq));
      expect(await page.textContent('[data-testid=as-of]')).toContain('31/08/2024');
    });
  });

  it('obeys remote control: scene, playlist and reload reach the page; the admin page lists it', async () => {
    await withBrowser({ width: 1280, height: 720 }, async (browser) => {
      // A second wall on the same server must receive nothing meant for the first.
      const bystander = await browser.context.newPage();
      await bystander.goto(`${srv.url}/?mode=wall&display=e2e-bystander&token=${TOKEN}`);
      await bystander.waitForSelector('[data-testid=map][data-ready=true]');
      await bystander.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
      const page = await open(browser, `${srv.url}/?mode=wall&display=e2e-wall&token=${TOKEN}`);
      const cmd = (c: object) => post(srv.url, '/api/displays/e2e-wall/commands', c);
      expect((await cmd({ kind: 'scene', scene: 99 })).status).toBe(400);
      expect((await cmd({ kind: 'scene', scene: 7 })).json.delivered).toBe(1);
      await page.waitForSelector('[data-testid=wall][data-scene=ranking]');
      expect((await cmd({ kind: 'playlist', playlist: 'overview-only' })).json.delivered).toBe(1);
      await page.waitForSelector('[data-testid=wall][data-scene=overview]');

      await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
      expect((await cmd({ kind: 'reload' })).json.delivered).toBe(1);
      await page.waitForFunction(() => !(window as unknown as { __marker?: number }).__marker);
      await page.waitForSelector('[data-testid=map][data-ready=true]');
      // The reload kept the playlist chosen remotely.
      await page.waitForSelector('[data-testid=wall][data-scene=overview]');
      expect(await page.textContent('[data-testid=scene-indicator]')).toContain('1/1');
      expect(await bystander.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
      expect(await bystander.getAttribute('[data-testid=wall]', 'data-scene')).not.toBe('ranking');
      expect(await bystander.textContent('[data-testid=scene-indicator]')).toContain('/9');

      const admin = await browser.context.newPage();
      await admin.goto(`${srv.url}/?mode=admin`);
      await admin.fill('#token', TOKEN);
      await admin.click('button[type=submit]');
      await admin.waitForSelector('[data-display=e2e-wall]');
      expect(await admin.textContent('[data-display=e2e-wall]')).toContain('1280×720');
      await admin.click('[data-display=e2e-wall] button');
      await expect.poll(() => admin.textContent('[data-testid=admin-message]'), { timeout: 15_000 }).toContain('Đã gửi tới 1 màn hình');
      await admin.screenshot({ path: join(SHOTS, 'admin.png') });

      // Tokens: a new display token's secret is shown once; the audit trail records it.
      await admin.click('[data-tab=tokens]');
      await admin.fill('[data-testid=token-form] input[maxlength="120"]', 'e2e wall token');
      await admin.click('[data-testid=token-form] button[type=submit]');
      await admin.waitForSelector('[data-testid=token-secret]');
      expect(await admin.textContent('[data-testid=token-secret]')).toMatch(/ioc_\S+/);
      await admin.screenshot({ path: join(SHOTS, 'admin-tokens.png') });
      await admin.click('[data-tab=audit]');
      await admin.waitForSelector('[data-testid=audit] tbody tr');
      expect(await admin.textContent('[data-testid=audit]')).toContain('tokens.create');
      await admin.click('[data-tab=targets]');
      await admin.waitForSelector('[data-testid=target-form]');

      // Import: pick a file, see the preview, confirm; a bad file shows its problems by row.
      const sheets = mkdtempSync(join(tmpdir(), 'ioc-sheets-'));
      writeFileSync(
        join(sheets, 'thang-8.csv'),
        'Đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị\nHuyện Quế Sơn;land-database;08/2024;45,5%\nTP. Hội An;online-payment-rate;08/2024;88\n',
      );
      writeFileSync(join(sheets, 'sai.csv'), 'Đơn vị;Chỉ tiêu;Kỳ báo cáo;Giá trị\nAtlantis;land-database;08/2024;5\n');
      await admin.click('[data-tab=import]');
      await admin.setInputFiles('[data-testid=import-form] input[type=file]', join(sheets, 'thang-8.csv'));
      await admin.waitForSelector('[data-testid=import-summary]');
      expect(await admin.textContent('[data-testid=import-summary]')).toContain('2 dòng → 2 mới');
      await admin.screenshot({ path: join(SHOTS, 'admin-import.png') });
      await admin.click('[data-testid=import-confirm]');
      await expect.poll(() => admin.textContent('[data-testid=import-message]'), { timeout: 15_000 }).toContain('Đã ghi 2 số liệu');
      await admin.setInputFiles('[data-testid=import-form] input[type=file]', join(sheets, 'sai.csv'));
      await admin.waitForSelector('[data-testid=import-problems]');
      expect(await admin.textContent('[data-testid=import-problems]')).toContain('Atlantis');
      rmSync(sheets, { recursive: true, force: true });
    });
  });

  it('an operator pauses, steps and resumes with the keyboard', async () => {
    await withBrowser({ width: 1280, height: 720 }, async (browser) => {
      const page = await open(browser, `${srv.url}/?mode=wall`);
      await page.keyboard.press('Space');
      await page.waitForSelector('[data-testid=scene-indicator] .paused');
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid=wall][data-scene=deadlines]');
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('[data-testid=wall][data-scene=overview]');
      await page.keyboard.press('Space');
      await page.waitForSelector('[data-testid=scene-indicator] .paused', { state: 'detached' });
    });
  });
});

describe('the kiosk wall after a long outage', () => {
  it('reloads itself once the server answers again', async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    // "Long" is 1.2 s here (reloadAfterOfflineMinutes: 0.02).
    const cfg = configWith({ heartbeatSeconds: 0.25, staleAfterSeconds: 1, reloadAfterOfflineMinutes: 0.02 });
    const dataDir = mkdtempSync(join(tmpdir(), 'ioc-outage-'));
    let srv = await startServer({ configFile: cfg.file, dataDir, webRoot: WEB });
    const port = Number(new URL(srv.url).port);
    const browser = await launch({ width: 1280, height: 720 });
    try {
      const page = await open(browser, `${srv.url}/?mode=wall&playlist=overview-only`);
      await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
      await srv.stop();
      await page.waitForSelector('[data-testid=stale-banner]', { timeout: 15_000 });
      // Outage longer than the limit: wait until the page has been offline for it.
      await page.waitForFunction(
        () =>
          /\d+ giây trước/.test(document.querySelector('[data-testid=stale-banner]')?.textContent ?? '') &&
          Number(/(\d+) giây trước/.exec(document.querySelector('[data-testid=stale-banner]')!.textContent!)![1]) >= 2,
      );
      srv = await startServer({ configFile: cfg.file, dataDir, webRoot: WEB, port });
      await page.waitForFunction(() => !(window as unknown as { __marker?: number }).__marker, undefined, { timeout: 30_000 });
      await page.waitForSelector('[data-testid=map][data-ready=true]');
      expect(await page.$('[data-testid=stale-banner]')).toBeNull();
    } finally {
      await browser.close();
      await srv.stop();
      rmSync(cfg.dir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
