import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser.js';
import { ROOT } from '../helpers/server.js';

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

/** Launch chromium: software GL (SwiftShader) as the tests do, or with BENCH_GPU=1 the machine's GPU. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-chromium-'));
  const gpu = process.env.BENCH_GPU === '1';
  const args = gpu
    ? [
        '--headless=new',
        '--no-sandbox',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--ignore-gpu-blocklist',
        '--enable-gpu-rasterization',
        '--use-angle=default',
      ]
    : CHROMIUM_ARGS;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args,
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    // The bench's probes are evaluated strings; the server's CSP (script-src 'self') forbids eval.
    bypassCSP: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
