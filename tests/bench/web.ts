import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/browser.js';
import { ROOT } from '../helpers/server.js';

export const WEB_ROOT = join(ROOT, 'dist/web');

/** One built JavaScript file, raw and gzipped (level 9), bytes. */
export interface BundleFile {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleResult {
  /** What a `?mode=wall` page may load (see `wallFiles`), gzipped, bytes. */
  jsGzip: number;
  jsRaw: number;
  /** The wall's files, largest first. */
  files: BundleFile[];
  /** Every other mode's own chunks (those the wall does not load), by mode: loaded only when that mode is opened. */
  modes: { mode: string; gzip: number; files: BundleFile[] }[];
  /** Every JavaScript file of the build, gzipped (the figure before the modes were split). */
  allGzip: number;
  allFiles: number;
}

/** One entry of vite's `.vite/manifest.json` (`build.manifest`). */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  assets?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const MODE_ROOT = /^modes\/\w+\.svelte$/;
/** Each mode's root component, as web/App.svelte imports it. */
const ROOTS = { wall: 'WallMode', touch: 'TouchMode', briefing: 'BriefingMode', admin: 'Admin', unit: 'UnitMode' };
export type Mode = keyof typeof ROOTS;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * The files a page of `mode` may load, from the manifest: the entry chunk, the mode's root
 * chunk, everything they import statically or dynamically (deck.gl loads a few chunks on
 * demand), except the other modes' roots, and the JavaScript assets they reference (maplibre's
 * worker, which the map starts).
 */
export function modeFiles(manifest: Manifest, mode: Mode): Set<string> {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const root = `modes/${ROOTS[mode]}.svelte`;
  if (!manifest[root]) throw new Error(`dist/web/.vite/manifest.json: no chunk for ${root} (mode "${mode}"): is it still imported with import()?`);
  if (!entry) throw new Error('dist/web/.vite/manifest.json: no entry chunk (isEntry)');
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const c = manifest[key];
    if (!c || seen.has(key) || (key !== root && MODE_ROOT.test(c.src ?? ''))) return;
    seen.add(key);
    files.add(c.file);
    for (const a of c.assets ?? []) if (/\.m?js$/.test(a)) files.add(a);
    for (const k of [...(c.imports ?? []), ...(c.dynamicImports ?? [])]) visit(k);
  };
  visit(entry);
  visit(root);
  return files;
}

function weigh(file: string): BundleFile {
  const buf = readFileSync(join(WEB_ROOT, file));
  return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

const sum = (fs: BundleFile[], k: 'raw' | 'gzip') => fs.reduce((a, f) => a + f[k], 0);

/**
 * Build the web app when its sources changed, then weigh as a server would send it gzipped the
 * JavaScript a wall loads, and beside it each other mode's own chunks.
 */
export async function benchBundle(log: (m: string) => void): Promise<BundleResult> {
  await ensureWebBuilt(ROOT, WEB_ROOT, log);
  const manifest = JSON.parse(readFileSync(join(WEB_ROOT, '.vite/manifest.json'), 'utf8')) as Manifest;
  const all = walk(WEB_ROOT)
    .map((f) => relative(WEB_ROOT, f))
    .filter((f) => /\.m?js$/.test(f))
    .map(weigh);
  const byGzip = (a: BundleFile, b: BundleFile) => b.gzip - a.gzip;
  const wall = modeFiles(manifest, 'wall');
  const files = all.filter((f) => wall.has(f.file)).sort(byGzip);
  const modes = (['touch', 'briefing', 'admin', 'unit'] as const).map((mode) => {
    const own = all.filter((f) => modeFiles(manifest, mode).has(f.file) && !wall.has(f.file)).sort(byGzip);
    return { mode, gzip: sum(own, 'gzip'), files: own };
  });
  return { jsGzip: sum(files, 'gzip'), jsRaw: sum(files, 'raw'), files, modes, allGzip: sum(all, 'gzip'), allFiles: all.length };
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
