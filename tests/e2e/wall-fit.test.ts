import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { manualClock, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch } from './browser.js';
import { WALL_SIZES } from './type-scale.js';

/**
 * No name cut short on the wall's main scenes (issue 13, points 5 and 7): with the shipped demo
 * (94 communes and the city's departments) at 1920×1080, 3840×2160 and 7680×2160, no element
 * that ellipsizes its text is actually truncated on the overview, the deadlines or the ranking.
 * A list item clipped out of sight whole (lists show whole items only) is not a cut.
 */
const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');
const TODAY = Date.parse('2026-11-20T08:00:00+07:00');
const CHECKED = new Set(['overview', 'deadlines', 'ranking']);

/** The ellipsized elements whose text is wider than their box, by their text. */
function truncated(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=wall] *')]
      .filter((el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      .filter((el) => {
        // Shown at all: not clipped away whole by the list it sits in.
        const r = el.getBoundingClientRect();
        let clip = el.parentElement;
        while (clip && getComputedStyle(clip).overflow === 'visible') clip = clip.parentElement;
        const c = clip?.getBoundingClientRect();
        return r.width > 0 && (!c || (r.left < c.right - 1 && r.right > c.left + 1 && r.top < c.bottom - 1 && r.bottom > c.top + 1));
      })
      .map((el) => `${el.className}: "${el.textContent?.trim()}" (${el.scrollWidth} px in ${el.clientWidth} px)`),
  );
}

describe('names fit on the wall: nothing ellipsized at 1080p, 4K and 32:9', () => {
  let srv: TestServer;
  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB, configFile: join(ROOT, 'config/province.json'), clock: manualClock(TODAY) });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await srv?.stop();
  });

  it.each(WALL_SIZES)(
    '%i×%i: overview, deadlines and ranking show every name whole',
    async (width, height) => {
      const browser = await launch({ width, height });
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(`${srv.url}/?mode=wall&playlist=control-room`);
        // Text only: the map's drawing is not waited for.
        await page.waitForSelector('[data-testid=wall] [data-testid=scene-indicator]', { timeout: 120_000 });
        await page.keyboard.press('Space'); // pause: the test steps through the scenes itself
        await page.waitForSelector('[data-testid=scene-indicator] .paused');
        const count = await page.evaluate(
          async () => ((await (await fetch('/api/display')).json()) as { playlists: Record<string, unknown[]> }).playlists['control-room']!.length,
        );
        const cut: string[] = [];
        for (let i = 0; i < count; i++) {
          await page.waitForFunction((n) => document.querySelector('[data-testid=scene-indicator]')?.textContent?.includes(`${n}/`), i + 1);
          const scene = (await page.getAttribute('[data-testid=wall]', 'data-scene')) ?? '';
          if (CHECKED.has(scene)) {
            await page.waitForFunction(() => document.getAnimations().length === 0);
            await page.screenshot({ path: join(SHOTS, `wall-fit-${width}x${height}-${scene}.png`) });
            cut.push(...(await truncated(page)).map((t) => `${scene}: ${t}`));
          }
          await page.keyboard.press('ArrowRight');
        }
        expect(cut).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    400_000,
  );
});
