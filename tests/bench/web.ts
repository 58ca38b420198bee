import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser.js';
import { ROOT } from '../helpers/server.js';
import { summary, type Summary } from './stats.js';

export const WEB_ROOT = join(ROOT, 'dist/web');

export interface BundleResult {
  /** Every JavaScript file of the build (app chunks and the map worker), gzipped (level 9), bytes. */
  jsGzip: number;
  jsRaw: number;
  files: { file: string; raw: number; gzip: number }[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Build the web app when its sources changed, then weigh its JavaScript as a server would send it gzipped. */
export async function benchBundle(log: (m: string) => void): Promise<BundleResult> {
  await ensureWebBuilt(ROOT, WEB_ROOT, log);
  const files = walk(WEB_ROOT)
    .filter((f) => /\.(m?js)$/.test(f))
    .map((f) => {
      const buf = readFileSync(f);
      return { file: relative(WEB_ROOT, f), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  return { jsGzip: files.reduce((a, f) => a + f.gzip, 0), jsRaw: files.reduce((a, f) => a + f.raw, 0), files };
}

export interface BrowserResult {
  /** The WebGL renderer chromium used (WEBGL_debug_renderer_info), and whether it is software. */
  renderer: string;
  software: boolean;
  /** Navigation start → the map drawn in risk colours (data-ready), cold (fresh profile) and warm (reloads), ms. */
  firstMap: { cold: number; warm: Summary | null; coldDomContentLoaded: number; coldGeo: number };
  /** Panning that map, when asked. */
  pan: PanResult | null;
}

export interface PanResult {
  polygons: number;
  frames: number;
  /** requestAnimationFrame deltas while the map pans every frame, ms. */
  frameMs: Summary;
  fps: number;
}

/** Launch chromium: software GL (SwiftShader) as the tests do, or with BENCH_GPU=1 the machine's GPU. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-chromium-'));
  const gpu = process.env.BENCH_GPU === '1';
  const args = gpu
    ? ['--headless=new', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-gpu-blocklist', '--enable-gpu-rasterization', '--use-angle=default']
    : CHROMIUM_ARGS;
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args, viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Record, from the page's own clock (0 = navigation start), when the map first says it is drawn in colour. */
const READY_PROBE = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-testid=map][data-ready=true]')) {
      window.__benchFirstMap = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
`;

/** Navigation start → first coloured map, with when the page's scripts ran and the boundaries arrived (ms). */
interface FirstMap {
  map: number;
  domContentLoaded: number;
  geo: number;
}

async function firstMap(page: Page, url: string): Promise<FirstMap> {
  await page.goto(url);
  await page.waitForFunction('typeof window.__benchFirstMap === "number"', null, { timeout: 180_000 });
  return (await page.evaluate(`({
    map: window.__benchFirstMap,
    domContentLoaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    geo: (performance.getEntriesByType('resource').find((e) => e.name.includes('/api/geo')) || { responseEnd: -1 }).responseEnd,
  })`)) as FirstMap;
}

async function renderer(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const gl = document.createElement('canvas').getContext('webgl2') || document.createElement('canvas').getContext('webgl');
    if (!gl) return 'no WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  })()`)) as string;
}

/**
 * Time to the first coloured map: one cold navigation in a fresh profile, then warm reloads;
 * then, when `panFrames` > 0, pan that map for so many frames.
 */
export async function benchFirstMap(url: string, warmRuns: number, panFrames = 0, polygons = 0): Promise<BrowserResult> {
  const b = await launchBrowser();
  try {
    await b.context.addInitScript(READY_PROBE);
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    const target = `${url}/?debug`;
    const cold = await firstMap(page, target);
    const warm: number[] = [];
    for (let i = 0; i < warmRuns; i++) warm.push((await firstMap(page, target)).map);
    const r = await renderer(page);
    let pan: PanResult | null = null;
    if (panFrames > 0) {
      // A string, not a function: the TypeScript runner's helpers do not exist in the page.
      const deltas = (await page.evaluate(`(${PAN_SCRIPT})(${panFrames})`)) as number[];
      const s = summary(deltas);
      pan = { polygons, frames: deltas.length, frameMs: s, fps: 1000 / s.mean };
    }
    return {
      pan,
      renderer: r,
      software: /swiftshader|llvmpipe|softpipe|software/i.test(r),
      firstMap: { cold: cold.map, warm: warm.length ? summary(warm) : null, coldDomContentLoaded: cold.domContentLoaded, coldGeo: cold.geo },
    };
  } finally {
    await b.close();
  }
}

/** In the page: move the map one step each animation frame (a slow circle of about a degree) and keep the frame deltas. */
const PAN_SCRIPT = `async function (n) {
  const map = window.__iocMap;
  const c = map.getCenter();
  const out = [];
  await new Promise(function (res) {
    let i = 0;
    let last = 0;
    function step(t) {
      if (last) out.push(t - last);
      last = t;
      map.jumpTo({ center: [c.lng + Math.sin(i / 20), c.lat + Math.cos(i / 20) - 1] });
      if (++i <= n) requestAnimationFrame(step);
      else res();
    }
    requestAnimationFrame(step);
  });
  return out;
}`;

/** The shipped province (18 districts, six departments, the demo data) served with the built app, in its own process. */
export async function startProvinceWeb(): Promise<{ url: string; stop(): Promise<void> }> {
  const { forkTs } = await import('./procs.js');
  const { DEMO_NOW, SHARED_GEO, TOKEN } = await import('../helpers/server.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-province-'));
  const opts = { configFile: join(ROOT, 'config/quang-nam-2024.json'), geoDir: SHARED_GEO, dataDir, demo: true, now: DEMO_NOW, webRoot: WEB_ROOT, adminToken: TOKEN };
  const server = forkTs<import('./server-proc.js').ToServer, import('./server-proc.js').FromServer>('server-proc.ts', [JSON.stringify(opts)], 'province server');
  const stop = async () => {
    await server.stop({ type: 'stop' });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return { url: (await server.next('ready')).url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
