import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERED_LEVELS, type Level } from '../../server/protocol/index.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';
import { deltaE, lab, simulate, VISION, type Rgb } from './vision.js';

const WEB = join(ROOT, 'dist/web');
const SHOTS = join(ROOT, 'test-results');
/**
 * The least CIE76 distance allowed between two levels' legend colours, in normal vision and in
 * each simulation: 10 (a just-noticeable difference is about 2.3; 10 tells two colours apart at
 * a glance across a room). In grayscale ΔE is the lightness difference alone.
 */
const MIN_DELTA_E = 10;

describe('the legend in colour-vision simulations', () => {
  let srv: TestServer;
  let browser: Browser;
  /** Each level's swatch colour as rendered, and the legend's screenshot. */
  let swatches: Map<Level, Rgb>;
  let png: PNG;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch({ width: 1920, height: 1080 });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${srv.url}/?mode=wall&playlist=overview-only`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    const legend = page.locator('[data-testid=legend]');
    const box = (await legend.boundingBox())!;
    png = PNG.sync.read(await legend.screenshot());
    // The most frequent colour inside each swatch: its fill (a hatched swatch's stripes are the minority).
    const boxes = await page.$$eval('[data-testid=legend] li[data-legend] .swatch', (els) =>
      els.map((el) => ({ level: el.closest('li')!.dataset.legend!, r: el.getBoundingClientRect().toJSON() as DOMRect })),
    );
    swatches = new Map();
    for (const { level, r } of boxes) {
      const tally = new Map<string, number>();
      for (let y = Math.ceil(r.top - box.y + 2); y < r.bottom - box.y - 2; y++)
        for (let x = Math.ceil(r.left - box.x + 2); x < r.right - box.x - 2; x++) {
          const i = (y * png.width + x) * 4;
          const key = `${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
      const top = [...tally].sort((a, b) => b[1] - a[1])[0]![0];
      swatches.set(level as Level, top.split(',').map(Number) as unknown as Rgb);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('renders a swatch for every level', () => {
    expect([...swatches.keys()].sort()).toEqual([...ORDERED_LEVELS, 'no_data'].sort());
  });

  it.each(Object.keys(VISION) as (keyof typeof VISION)[])(`keeps every two levels ≥ ${MIN_DELTA_E} ΔE apart in %s`, (vision) => {
    const m = VISION[vision];
    // The simulated legend, to look at (test-results/legend-<vision>.png).
    const out = new PNG({ width: png.width, height: png.height });
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = simulate([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!], m);
      out.data.set([r, g, b, 255], i);
    }
    writeFileSync(join(SHOTS, `legend-${vision}.png`), PNG.sync.write(out));
    const levels = [...swatches.keys()];
    const close: string[] = [];
    for (let i = 0; i < levels.length; i++)
      for (let j = i + 1; j < levels.length; j++) {
        const d = deltaE(simulate(swatches.get(levels[i]!)!, m), simulate(swatches.get(levels[j]!)!, m));
        if (d < MIN_DELTA_E) close.push(`${levels[i]} ~ ${levels[j]}: ΔE ${d.toFixed(1)}`);
      }
    expect(close).toEqual([]);
  });

  it('orders the risk levels by lightness: the worse, the brighter on the dark wall', () => {
    const lightness = ORDERED_LEVELS.map((l) => Math.round(lab(swatches.get(l)!)[0]));
    expect(lightness).toEqual([...lightness].sort((a, b) => a - b));
    // From muted met to overdue, the brightest: a wide range, not five near-equal greys.
    expect(lightness.at(-1)! - lightness[0]!).toBeGreaterThan(40);
  });
});
