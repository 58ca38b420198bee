import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { configWith, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

/**
 * Soak: a wall page driven by a long accelerated stream (tens of thousands of deltas, level
 * changes that raise alerts and pulses, a scene change several times a second). After the
 * warm-up, the JS heap (after a forced GC) and the DOM must stop growing. The figures are
 * printed and written to test-results/soak.json.
 */
const DELTAS = Number(process.env.SOAK_DELTAS ?? 20_000);
const CHECKPOINTS = 8;
const SHOTS = join(ROOT, 'test-results');
const UNITS = ['tam-ky', 'que-son', 'hoi-an', 'nam-giang', 'dai-loc', 'phu-ninh'];

interface Sample {
  deltas: number;
  heapMB: number;
  nodes: number;
  listeners: number;
}

describe('soak: the wall under a long accelerated stream', () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, join(ROOT, 'dist/web'), () => {});
    cfg = configWith({ heartbeatSeconds: 0.5, alerts: { pulseSeconds: 3, tickerItems: 8 } });
    srv = await startServer({ configFile: cfg.file, webRoot: join(ROOT, 'dist/web') });
    browser = await launch({ width: Number(process.env.SOAK_W ?? 1280), height: Number(process.env.SOAK_H ?? 720) });
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
  });

  it(`holds its memory over ${DELTAS} deltas and hundreds of scene changes`, { timeout: 1_200_000 }, async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Scenes last 1 % of their configured time: a new scene every 0.2–0.45 s.
    await page.goto(`${srv.url}/?mode=wall&sceneScale=0.01`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');

    const clock = srv.clock as typeof srv.clock & { set(t: number): void };
    let now = clock.now();
    const samples: Sample[] = [];
    const scenesBefore = await page.evaluate(() => document.querySelector('[data-testid=scene-indicator]')?.textContent);
    // Pause or resume by the operator's key, and wait until the wall shows it (never blind toggles).
    // Locators, not element handles: a handle would keep a removed node alive and count as a leak.
    const pausedMark = page.locator('[data-testid=scene-indicator] .paused');
    const setPaused = async (want: boolean) => {
      if ((await pausedMark.count()) > 0 !== want) await page.keyboard.press('Space');
      await pausedMark.waitFor({ state: want ? 'attached' : 'detached' });
    };
    // Measure on the same footing each time: paused on the first scene, animations done.
    const sample = async (deltas: number) => {
      await setPaused(true);
      await page.keyboard.press('Home');
      await page.locator('[data-testid=wall][data-scene=overview]').waitFor();
      await page.waitForFunction(() => document.getAnimations().length === 0);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      samples.push({ deltas, heapMB: Math.round((heap.usedSize / 2 ** 20) * 10) / 10, nodes: dom.nodes, listeners: dom.jsEventListeners });
      await setPaused(false);
    };

    for (let k = 1; k <= DELTAS; k++) {
      // Flip a unit's online dossier rate across its target: the level changes, the wall pulses.
      const unit = UNITS[k % UNITS.length]!;
      now += 60_000;
      clock.set(now);
      srv.state.addReadings([{ unit, indicator: 'online-dossier-rate', value: Math.floor(k / UNITS.length) % 2 ? 70 : 20, at: now }]);
      srv.state.recompute();
      // Keep the page in step (no unbounded socket backlog): wait until it shows this seq.
      if (k % 200 === 0) await page.waitForFunction((seq) => Number(document.querySelector('[data-testid=wall]')?.getAttribute('data-seq')) >= seq, srv.state.seq, { timeout: 60_000 });
      if (k % (DELTAS / CHECKPOINTS) === 0) await sample(k);
      // Now and then the connection drops (as a network cut does): the wall resumes by seq.
      if (k % (DELTAS / 10) === DELTAS / 20) srv.app.io.disconnectSockets(true);
    }
    const scenesAfter = await page.evaluate(() => document.querySelector('[data-testid=scene-indicator]')?.textContent);
    await page.screenshot({ path: join(SHOTS, 'soak-end.png') });

    const q = Math.max(1, Math.floor(samples.length / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = samples.slice(0, q);
    const last = samples.slice(-q);
    const report = {
      deltas: DELTAS,
      samples,
      heapRatio: Math.round((mean(last.map((s) => s.heapMB)) / mean(first.map((s) => s.heapMB))) * 100) / 100,
      nodeRatio: Math.round((mean(last.map((s) => s.nodes)) / mean(first.map((s) => s.nodes))) * 100) / 100,
      listenerRatio: Math.round((mean(last.map((s) => s.listeners)) / mean(first.map((s) => s.listeners))) * 100) / 100,
    };
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'soak.json'), JSON.stringify(report, null, 2));
    console.log(`soak: ${DELTAS} deltas\n${samples.map((s) => `  after ${s.deltas}: heap ${s.heapMB} MB, ${s.nodes} DOM nodes, ${s.listeners} listeners`).join('\n')}\n  last/first quarter: heap ×${report.heapRatio}, nodes ×${report.nodeRatio}, listeners ×${report.listenerRatio}`);

    expect(scenesAfter).not.toBe(scenesBefore);
    expect(await page.textContent('[data-testid=ticker]')).toMatch(/→/);
    expect(report.heapRatio).toBeLessThan(1.25);
    expect(report.nodeRatio).toBeLessThan(1.15);
    expect(report.listenerRatio).toBeLessThan(1.15);
  });
});
