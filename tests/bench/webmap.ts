import type { Page } from 'playwright-core';
import { changedShare, colours, MIN_COLOURED, type Colours } from './colours.js';
import { startNational, type NationalServer } from './ingest.js';
import { NATIONAL, NATIONAL_NOW, type BenchMap } from './national.js';
import { DECK_PROBE, INIT_PROBES, PAN_SCRIPT, RECOLOUR_DONE, RENDERER, RESET_MARKS, TWO_FRAMES, type RecolourMarks } from './page.js';
import { summary, type Summary } from './stats.js';
import { launchBrowser, WEB_ROOT } from './web.js';

export interface WebMapOptions {
  /** Warm reloads after the cold navigation. */
  warm: number;
  /** Frames to pan. */
  frames: number;
  /** Recolour rounds (the data clock moved a year ahead, then back, …). */
  recolours: number;
}

export interface MapResult {
  label: string;
  units: number;
  /** The WebGL renderer chromium used (WEBGL_debug_renderer_info), and whether it is software. */
  renderer: string;
  software: boolean;
  /** Navigation start → the map drawn in risk colours (data-ready), cold (fresh profile) and warm (reloads), ms. */
  firstMap: { cold: number; warm: Summary | null; coldDomContentLoaded: number; coldGeo: number };
  /** Share of the screen's (sampled) pixels painted in a risk colour once the map is ready. */
  colouredShare: number;
  pan: { frames: number; frameMs: Summary; fps: number };
  recolour: {
    rounds: number;
    /** Units patched by each round's delta (p50). */
    deltaUnits: number;
    /** From the delta's frame arriving on the WebSocket: to the app handing deck its new layers, to the next frame drawn, to the first frame with no colour transition running, ms. */
    toLayers: Summary;
    toFirstFrame: Summary;
    toSettled: Summary;
    /** Frames drawn until settled (p50). */
    frames: number;
    /** Of the risk-coloured pixels before or after the first round, the share whose colour changed. */
    changedShare: number;
    /** Polygon or path tessellations (or new tessellators) seen during all rounds: 0 when no geometry was rebuilt. */
    tessellations: number;
  };
}

const YEAR = 365 * 86_400_000;

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

/** Only the map counts: panels, legend and rankings (which show risk colours too) are hidden for the screenshot. */
const MAP_ONLY = '* { visibility: hidden !important; } [data-testid=map], [data-testid=map] * { visibility: visible !important; }';

async function shot(page: Page): Promise<Colours> {
  return colours(await page.screenshot({ type: 'png', style: MAP_ONLY }));
}

/**
 * Recolour rounds: the server's data clock moves a year ahead (every deadline passes) or back,
 * every unit is reassessed and one delta patches them all; the page times the delta's arrival
 * to the frames that show it and counts tessellations. The first round is checked on pixels
 * against the screenshot taken when the map was first painted.
 */
async function recolour(page: Page, nat: NationalServer, rounds: number, painted: Colours): Promise<MapResult['recolour']> {
  await page.evaluate(DECK_PROBE);
  const marks: RecolourMarks[] = [];
  const units: number[] = [];
  let changed = 0;
  for (let i = 0; i < rounds; i++) {
    // The map is back where it was painted (panning puts it back): that screenshot is the before.
    const before = i === 0 ? painted : null;
    // A screenshot restyles the page: let the browser draw twice before the round starts.
    await page.evaluate(TWO_FRAMES);
    await page.evaluate(RESET_MARKS);
    nat.server.send({ type: 'clock', now: i % 2 === 0 ? NATIONAL_NOW + YEAR : NATIONAL_NOW });
    units.push((await nat.server.next('clocked')).units);
    const done = await page.waitForFunction(RECOLOUR_DONE, null, { timeout: 180_000, polling: 'raf' });
    marks.push((await done.jsonValue()) as RecolourMarks);
    if (before) {
      changed = changedShare(before, await shot(page));
      if (changed < 0.05)
        throw new Error(
          `recolour: after a delta touching ${units[0]} units, only ${(changed * 100).toFixed(1)} % of the map's risk-coloured pixels changed colour`,
        );
    }
  }
  const last = marks.at(-1)!;
  return {
    rounds,
    deltaUnits: summary(units).p50,
    toLayers: summary(marks.map((m) => m.layers - m.delta)),
    toFirstFrame: summary(marks.map((m) => m.firstFrame - m.delta)),
    toSettled: summary(marks.map((m) => m.settled - m.delta)),
    frames: summary(marks.map((m) => m.frames)).p50,
    changedShare: changed,
    tessellations: last.tessellations + marks.reduce((a, m) => a + m.newTessellators, 0),
  };
}

/**
 * The web app on one real map, in a fresh Chromium profile: the first coloured map cold, then
 * warm reloads; the pixels checked for risk colours (a broken map fails the run); panning; and
 * recolouring after deltas that touch every unit.
 */
export async function benchWebMap(map: BenchMap, o: WebMapOptions, log: (m: string) => void): Promise<MapResult> {
  const nat = await startNational({ ...NATIONAL, map }, WEB_ROOT);
  log(`  ${map.label}: server up with ${nat.unitIds.length} units and ${nat.stored.toLocaleString('en')} readings`);
  // A server that dies (e.g. a crash while sending the snapshot) fails the run now, not at a page timeout.
  const died = new Promise<never>((_, rej) =>
    nat.server.child.once('exit', (code) => rej(new Error(`${map.label}: the server exited (code ${code}) during the web benchmark`))),
  );
  died.catch(() => {});
  let b: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  try {
    b = await launchBrowser();
    await b.context.addInitScript(INIT_PROBES);
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    return await Promise.race([died, measure(map, o, nat, page, log)]);
  } finally {
    await b?.close();
    await nat.stop();
  }
}

/** The measures of `benchWebMap` on an open page. */
async function measure(map: BenchMap, o: WebMapOptions, nat: NationalServer, page: Page, log: (m: string) => void): Promise<MapResult> {
  const target = `${nat.url}/?debug`;
  const cold = await firstMap(page, target);
  const warm: number[] = [];
  for (let i = 0; i < o.warm; i++) warm.push((await firstMap(page, target)).map);
  log(`  ${map.label}: first coloured map ${Math.round(cold.map)} ms cold`);
  const painted = await shot(page);
  if (painted.coloured < MIN_COLOURED)
    throw new Error(`${map.label}: the map says it is ready but shows ${painted.coloured} risk-coloured pixels of ${painted.sampled} sampled`);
  const renderer = (await page.evaluate(RENDERER)) as string;
  const deltas = (await page.evaluate(`(${PAN_SCRIPT})(${o.frames})`)) as number[];
  const frameMs = summary(deltas);
  log(`  ${map.label}: panned ${deltas.length} frames, ${Math.round(frameMs.p50)} ms p50`);
  const rec = await recolour(page, nat, o.recolours, painted);
  log(`  ${map.label}: recoloured ${o.recolours}×, next frame ${Math.round(rec.toFirstFrame.p50)} ms p50 after the delta, ${rec.tessellations} tessellations`);
  return {
    label: map.label,
    units: nat.unitIds.length,
    renderer,
    software: /swiftshader|llvmpipe|softpipe|software/i.test(renderer),
    firstMap: { cold: cold.map, warm: warm.length ? summary(warm) : null, coldDomContentLoaded: cold.domContentLoaded, coldGeo: cold.geo },
    colouredShare: painted.coloured / painted.sampled,
    pan: { frames: deltas.length, frameMs, fps: 1000 / frameMs.mean },
    recolour: rec,
  };
}
