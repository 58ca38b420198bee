import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { configWith, ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

/**
 * Soak: a wall page driven by a long accelerated stream (thousands of deltas, level changes
 * that raise alerts and pulses, a scene change several times a second). After the warm-up, the
 * JS heap (after a forced GC), the DOM and the listeners must stop growing. Bounded by time
 * (SOAK_SECONDS) as well as by count (SOAK_DELTAS), so a slower machine runs fewer deltas in
 * the same time instead of running past CI's limit; it fails when it saw too few deltas
 * (SOAK_MIN_DELTAS) or scene changes to prove anything. The figures are printed and written
 * to test-results/soak.json.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 240);
const DELTAS = Number(process.env.SOAK_DELTAS ?? 20_000);
const MIN_DELTAS = Number(process.env.SOAK_MIN_DELTAS ?? 1_000);
const CHECKPOINTS = 8;
/**
 * Scene changes the playlist must make by itself after each step of deltas before the stream goes
 * on: a page busy with deltas runs its scene timers late, so the test waits for them (it fails if
 * the playlist stops).
 */
const SCENES_PER_STEP = 2;
/** Conditions in the page are checked on a timer: a page this busy can go long between animation frames. */
const POLL_MS = 100;
/** The page is brought level with the server every this many deltas (no unbounded socket backlog). */
const STEP = 200;
/** Measured: 304 s for a 240-s stream (the last step overruns it, setup and checks take the rest); twice that. */
const TIMEOUT_MS = 2 * (SECONDS + 60) * 1000;
const SHOTS = join(ROOT, 'test-results');
const UNITS = ['tam-ky', 'que-son', 'hoi-an', 'nam-giang', 'dai-loc', 'phu-ninh'];

interface Sample {
  deltas: number;
  seconds: number;
  /** Scene changes the playlist made since the previous checkpoint. */
  sceneChanges: number;
  heapMB: number;
  nodes: number;
  listeners: number;
}

/** The page's own count of scene changes (a MutationObserver on the "scene n/total" indicator). */
type SceneCounter = Window & { soakScenes?: { changes: number } };

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

  it(`holds its memory over thousands of deltas and scene changes (${SECONDS} s of stream)`, { timeout: TIMEOUT_MS }, async () => {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Scenes last 1 % of their configured time: a new scene every 0.2–0.45 s.
    await page.goto(`${srv.url}/?mode=wall&sceneScale=0.01`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    // Count every change of the scene number shown, as it happens (no polling).
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid=scene-indicator]')!;
      const counter = ((window as SceneCounter).soakScenes = { changes: 0 });
      const shown = () => /(\d+)\/\d+/.exec(el.textContent ?? '')?.[1];
      let last = shown();
      new MutationObserver(() => {
        if (shown() !== last) counter.changes++;
        last = shown();
      }).observe(el, { subtree: true, childList: true, characterData: true });
    });
    /** The scene changes counted since the last call; the count starts again from zero. */
    const takeSceneChanges = () =>
      page.evaluate(() => {
        const counter = (window as SceneCounter).soakScenes!;
        const n = counter.changes;
        counter.changes = 0;
        return n;
      });

    const clock = srv.clock as typeof srv.clock & { set(t: number): void };
    let now = clock.now();
    let k = 0;
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const samples: Sample[] = [];
    // Pause or resume by the operator's key, and wait until the wall shows it (never blind toggles).
    // Locators, not element handles: a handle would keep a removed node alive and count as a leak.
    const pausedMark = page.locator('[data-testid=scene-indicator] .paused');
    const setPaused = async (want: boolean) => {
      if ((await pausedMark.count()) > 0 !== want) await page.keyboard.press('Space');
      await pausedMark.waitFor({ state: want ? 'attached' : 'detached' });
    };
    // Measure on the same footing each time: paused on the first scene, animations done.
    const sample = async () => {
      const sceneChanges = await takeSceneChanges();
      await setPaused(true);
      await page.keyboard.press('Home');
      await page.locator('[data-testid=wall][data-scene=overview]').waitFor();
      await page.waitForFunction(() => document.getAnimations().length === 0, undefined, { polling: POLL_MS });
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      const s = {
        deltas: k,
        seconds: Math.round(elapsed()),
        sceneChanges,
        heapMB: Math.round((heap.usedSize / 2 ** 20) * 10) / 10,
        nodes: dom.nodes,
        listeners: dom.jsEventListeners,
      };
      samples.push(s);
      console.log(
        `soak: checkpoint ${samples.length}/${CHECKPOINTS} at ${s.seconds} s: ${s.deltas} deltas, ${s.sceneChanges} scene changes, heap ${s.heapMB} MB, ${s.nodes} DOM nodes, ${s.listeners} listeners`,
      );
      await setPaused(false);
      // The changes made by Home and by pausing are the test's, not the playlist's.
      await takeSceneChanges();
    };
    // Wait until the playlist has made this many scene changes since the last checkpoint.
    const scenesReach = (want: number) =>
      page
        .waitForFunction((n) => (window as SceneCounter).soakScenes!.changes >= n, want, { timeout: 60_000, polling: POLL_MS })
        .catch(async (err: unknown) => {
          const seen = await page.evaluate(() => (window as SceneCounter).soakScenes!.changes);
          throw new Error(`after ${k} deltas the playlist made ${seen} scene change(s) since the last checkpoint, not ${want}`, { cause: err });
        });
    // Wait until the page shows the server's seq; if it never does, say how far behind it is.
    const keepUp = async () => {
      const seq = srv.state.seq;
      await page
        .waitForFunction((want) => Number(document.querySelector('[data-testid=wall]')?.getAttribute('data-seq')) >= want, seq, {
          timeout: 60_000,
          polling: POLL_MS,
        })
        .catch(async (err: unknown) => {
          const shown = await page.getAttribute('[data-testid=wall]', 'data-seq');
          throw new Error(`after ${k} deltas the page shows seq ${shown}, the server is at ${seq}`, { cause: err });
        });
    };

    // One delta: a unit's online dossier rate flipped across its target (the wall pulses), the data clock 2 s on. The stream stays
    // within its first data day (20,000 deltas: 11 h from 08:00): at a minute a delta, a run that ended just past midnight found
    // the day's list of level changes still empty, as the ticker rightly said (9,600 deltas end at 00:00 six days on).
    const flip = () => {
      k++;
      const unit = UNITS[k % UNITS.length]!;
      now += 2_000;
      clock.set(now);
      srv.state.addReadings([{ unit, indicator: 'online-dossier-rate', value: Math.floor(k / UNITS.length) % 2 ? 70 : 20, at: now }]);
      srv.state.recompute();
    };

    for (let c = 1; c <= CHECKPOINTS; c++) {
      // Each checkpoint ends its share of the time or of the deltas, whichever comes first.
      const [from, until, cap] = [k, (SECONDS * c) / CHECKPOINTS, Math.round((DELTAS * c) / CHECKPOINTS)];
      let cut = false;
      let scenes = 0;
      while (k < cap && (k === from || k % STEP !== 0 || elapsed() < until)) {
        flip();
        if (k % STEP === 0) {
          await keepUp();
          await scenesReach((scenes += SCENES_PER_STEP));
        }
        // Once in each stretch the connection drops (as a network cut does): the wall resumes by seq.
        if (!cut && k % STEP === 0 && (k - from >= (cap - from) / 2 || elapsed() >= until - SECONDS / CHECKPOINTS / 2)) {
          srv.app.io.disconnectSockets(true);
          cut = true;
        }
      }
      await keepUp();
      await sample();
    }
    await page.screenshot({ path: join(SHOTS, 'soak-end.png') });

    const q = Math.max(1, Math.floor(samples.length / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = (f: (s: Sample) => number) => Math.round((mean(samples.slice(-q).map(f)) / mean(samples.slice(0, q).map(f))) * 100) / 100;
    const report = {
      deltas: k,
      seconds: Math.round(elapsed()),
      sceneChanges: samples.reduce((n, s) => n + s.sceneChanges, 0),
      samples,
      heapRatio: ratio((s) => s.heapMB),
      nodeRatio: ratio((s) => s.nodes),
      listenerRatio: ratio((s) => s.listeners),
    };
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'soak.json'), JSON.stringify(report, null, 2));
    console.log(
      `soak: ${report.deltas} deltas and ${report.sceneChanges} scene changes in ${report.seconds} s; last/first quarter: heap ×${report.heapRatio}, nodes ×${report.nodeRatio}, listeners ×${report.listenerRatio}`,
    );

    // Enough happened to prove something: many deltas, and the playlist kept moving throughout.
    expect(report.deltas, `too few deltas in ${SECONDS} s to prove anything`).toBeGreaterThanOrEqual(MIN_DELTAS);
    for (const s of samples) expect(s.sceneChanges, `scene changes before the checkpoint at ${s.deltas} deltas`).toBeGreaterThanOrEqual(SCENES_PER_STEP);
    expect(await page.textContent('[data-testid=ticker]')).toMatch(/→/);
    expect(report.heapRatio).toBeLessThan(1.25);
    expect(report.nodeRatio).toBeLessThan(1.15);
    expect(report.listenerRatio).toBeLessThan(1.15);
  });
});
