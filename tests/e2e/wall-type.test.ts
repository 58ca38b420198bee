import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';
import { textSizes, WALL_SIZES } from './type-scale.js';

const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');
const SIZES = WALL_SIZES;
const SCENES = ['overview-only', 'deadlines-only'] as const;

describe('the kiosk wall reads from 5 m', () => {
  let srv: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 1920, height: 1080 });
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  const cases = SIZES.flatMap(([w, h]) => SCENES.map((playlist) => [w, h, playlist] as const));
  it.each(cases)('%i×%i, %s: at most three text sizes, none under 24 px per 1080 rows, body over 3 percent of the height', async (w, h, playlist) => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`${srv.url}/?mode=wall&playlist=${playlist}`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await page.screenshot({ path: join(SHOTS, `wall-type-${w}x${h}-${playlist}.png`) });
    const texts = (await textSizes(page)).filter((t) => !t.footer);
    expect(texts.length).toBeGreaterThan(20);
    const sizes = [...new Set(texts.map((t) => t.px))].sort((a, b) => a - b);
    expect(sizes.length, `sizes ${sizes.join(', ')}`).toBeLessThanOrEqual(3);
    // 24 px at 1080 rows, 48 px at 2160: the same share of the height.
    const floor = (24 * h) / 1080;
    expect(texts.filter((t) => t.px < floor - 0.5).map((t) => `${t.px}px ${t.name}`)).toEqual([]);
    // The three sizes are labels, body and figures: body, the middle one, is over 3 % of the
    // height and carries at least a tenth of the characters (names, indicators, sentences).
    const body = sizes.length === 3 ? sizes[1]! : sizes.at(-1)!;
    expect(body).toBeGreaterThanOrEqual(0.03 * h);
    const chars = (px: number) => texts.filter((t) => t.px === px).reduce((n, t) => n + t.chars, 0);
    const share = chars(body) / texts.reduce((n, t) => n + t.chars, 0);
    expect(share).toBeGreaterThanOrEqual(0.1);
  });
});
