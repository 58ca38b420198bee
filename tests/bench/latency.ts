/**
 * End to end on a wall: one reading POSTed → the delta on the page's WebSocket → the first
 * animation frame whose pixels show the unit in its new colour. All times are the page's
 * `performance.now()`: the page itself sends the POST, so no clocks are compared across processes.
 */
import type { Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import polylabel from 'polylabel';
import { TOKEN } from '../helpers/server.js';
import { startNational, type NationalServer } from './ingest.js';
import { MAPS, mapFeatures, NATIONAL_NOW, type BenchMap } from './national.js';
import { INIT_PROBES, PAN_SCRIPT, RENDERER, TWO_FRAMES } from './page.js';
import { summary, type Summary } from './stats.js';
import { launchBrowser, WEB_ROOT } from './web.js';

export interface LatencyResult {
  label: string;
  unit: string;
  rounds: number;
  /** From the POST's 2xx answer: to the delta's frame arriving on the WebSocket, and to the first animation frame showing the unit's pixels changed, ms. */
  answerToDelta: Summary;
  answerToPixels: Summary;
  /** The same from the POST sent. */
  postToDelta: Summary;
  postToPixels: Summary;
  /** From the delta's arrival to the pixels changed, ms; and in frames of the machine's frame time (p50 of the frame deltas while panning, as the map rows measure it). */
  deltaToPixels: Summary;
  /** From the delta's arrival to deck.gl's first frame drawn after it, ms; and deck.gl's frames drawn until the changed one (p50). */
  deltaToFirstDraw: Summary;
  framesDrawn: number;
  frameMs: number;
  framesBeyondDelta: { p50: number; p99: number };
  renderer: string;
  software: boolean;
}

/** The pixels sampled: a square this many CSS pixels wide, half the unit's inscribed radius south of its pole of inaccessibility (its label sits on the pole). */
const SQUARE = 12;

/**
 * In the page, after the first map: wrap deck.gl's `onAfterRender` to read back the square
 * around the unit (`gl.readPixels` while the frame's drawing buffer is intact) on two
 * occasions only, since a read waits for the GPU to finish the frame: once before the POST
 * (the before), and on each frame drawn after the delta arrived until the square differs from
 * the before (a channel moved by more than 2, i.e. more than rounding, in a quarter of its pixels: the
 * first frame of the 600 ms colour transition that shows it); the next animation
 * frame is when the browser has taken that frame. Every frame drawn is timed.
 */
const PIXEL_PROBE = `async function (at) {
  const map = window.__iocMap;
  if (!map) throw new Error('window.__iocMap is missing: the map no longer exposes itself under ?debug');
  const ov = (map._controls || []).find((c) => c && c._deck);
  if (!ov) throw new Error('no deck.gl overlay among the map controls (__iocMap._controls[]._deck)');
  const p = map.project(at);
  const S = ${SQUARE};
  const L = (window.__lat = { deck: ov._deck, base: null, changed: null, drawn: [] });
  const differs = (a, b) => {
    let n = 0;
    for (let i = 0; i < a.length; i += 4)
      if (Math.abs(a[i] - b[i]) > 2 || Math.abs(a[i + 1] - b[i + 1]) > 2 || Math.abs(a[i + 2] - b[i + 2]) > 2) n++;
    return n * 4 >= a.length / 4;
  };
  const read = (gl) => {
    const dpr = gl.drawingBufferWidth / gl.canvas.clientWidth;
    const w = Math.round(S * dpr);
    const px = new Uint8Array(w * w * 4);
    gl.readPixels(Math.round((p.x - S / 2) * dpr), Math.round(gl.drawingBufferHeight - (p.y + S / 2) * dpr), w, w, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px;
  };
  const after = ov._props.onAfterRender;
  ov.setProps({
    onAfterRender: (ctx) => {
      if (after) after(ctx);
      L.drawn.push(performance.now());
      if (L.base === 'want') L.base = read(ctx.gl);
      else if (L.base && !L.changed && window.__benchDeltas.length && differs(L.base, read(ctx.gl))) {
        const c = (L.changed = { drawn: performance.now(), shown: 0 });
        requestAnimationFrame(() => (c.shown = performance.now()));
      }
    },
  });
}`;

/** In the page: one round. Read the square as drawn now (the before); POST the reading; resolve with its times. */
const ROUND = `async function (a) {
  const L = window.__lat;
  L.base = 'want';
  L.changed = null;
  L.deck.redraw('latency probe');
  while (L.base === 'want') await new Promise((res) => requestAnimationFrame(res));
  L.drawn.length = 0;
  window.__benchDeltas.length = 0;
  const sent = performance.now();
  const res = await fetch('/api/readings', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + a.token }, body: a.body });
  const answered = performance.now();
  const json = await res.json();
  if (res.status !== 200 || json.accepted !== 1) throw new Error('POST /api/readings answered ' + res.status + ': ' + JSON.stringify(json).slice(0, 300));
  return { sent, answered };
}`;

/** The round's end once both happened (else null): the first delta frame after the POST and the changed frame shown. */
const ROUND_DONE = `(() => {
  const L = window.__lat;
  const delta = window.__benchDeltas[0];
  if (delta === undefined || !L.changed || !L.changed.shown) return null;
  const after = L.drawn.filter((t) => t > delta && t <= L.changed.drawn);
  return { delta, shown: L.changed.shown, firstDraw: after[0], frames: after.length };
})()`;

/** The unit with the widest interior (largest inscribed circle), and a point inside it clear of its label. */
function widestUnit(map: BenchMap): { id: string; at: Position } {
  let best = { id: '', at: [0, 0] as Position, r: -1 };
  for (const f of mapFeatures(map) as unknown as { properties: { id: string }; geometry: { type: string; coordinates: unknown } }[]) {
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Polygon['coordinates'][];
    for (const poly of polys) {
      const p = polylabel(poly, 0.0005);
      if (p.distance > best.r) best = { id: f.properties.id, at: [p[0]!, p[1]! - p.distance / 2], r: p.distance };
    }
  }
  return best;
}

/**
 * Reading accepted → pixels changed on a wall: a province server process (Quảng Nam's 18
 * districts, one synthetic indicator, so that a unit's colour is that indicator's level), the
 * wall open in Chromium, and `rounds` readings POSTed by the page for one unit, alternately
 * at the target (met) and far below it (off track), each timed to its delta and its pixels.
 */
export async function benchLatency(rounds: number, log: (m: string) => void): Promise<LatencyResult> {
  const map = MAPS.districts18;
  const nat = await startNational({ map, indicators: 1, months: 36, seed: 16 }, WEB_ROOT);
  const died = new Promise<never>((_, rej) => nat.server.child.once('exit', (code) => rej(new Error(`latency: the server exited (code ${code})`))));
  died.catch(() => {});
  let b: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  try {
    await reportOnTime(nat);
    b = await launchBrowser();
    await b.context.addInitScript(INIT_PROBES);
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    return await Promise.race([died, measure(page, nat.url, nat.indicatorIds[0]!, map, rounds, log)]);
  } finally {
    await b?.close();
    await nat.stop();
  }
}

/**
 * Every unit files June's report on time (the data clock moved back two days, before the 15th,
 * and forward again): a missing report would otherwise set every unit's level, whatever its readings.
 */
async function reportOnTime(nat: NationalServer): Promise<void> {
  nat.server.send({ type: 'clock', now: NATIONAL_NOW - 2 * 86_400_000 });
  await nat.server.next('clocked');
  const reports = nat.unitIds.map((unit) => ({ unit, period: '2025-06' }));
  const res = await fetch(`${nat.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ reports }),
  });
  if (res.status !== 200) throw new Error(`POST /api/reports answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  nat.server.send({ type: 'clock', now: NATIONAL_NOW });
  await nat.server.next('clocked');
}

interface Marks {
  sent: number;
  answered: number;
  delta: number;
  shown: number;
  /** deck.gl's first frame drawn after the delta, and the frames it drew until the changed one. */
  firstDraw: number;
  frames: number;
}

async function measure(page: Page, url: string, indicator: string, map: BenchMap, rounds: number, log: (m: string) => void): Promise<LatencyResult> {
  const unit = widestUnit(map);
  // The first scene stays: a playlist turning to another scene would move the map.
  await page.goto(`${url}/?mode=wall&debug&sceneScale=1000`);
  await page.waitForFunction('typeof window.__benchFirstMap === "number"', null, { timeout: 180_000 });
  // The machine's frame time, as the map rows measure it: panning, one step per animation frame.
  const frameMs = summary((await page.evaluate(`(${PAN_SCRIPT})(20)`)) as number[]).p50;
  await page.evaluate(`(${PIXEL_PROBE})(${JSON.stringify(unit.at)})`);
  // Rounds alternate the unit between met (a reading at 100, over the target) and not met (0):
  // the first round moves it away from the level it has now.
  const state = (await (await fetch(`${url}/api/state`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
    units: { id: string; level: string }[];
  };
  const met = state.units.find((u) => u.id === unit.id)?.level === 'met';
  const marks: Marks[] = [];
  for (let r = 0; r < rounds; r++) {
    await page.evaluate(TWO_FRAMES);
    // Newer than the last monthly reading, older than the data clock, one second apart.
    const reading = { unit: unit.id, indicator, value: (r % 2 === 0) !== met ? 100 : 0, at: new Date(NATIONAL_NOW - (10_000 - r) * 1000).toISOString() };
    const t = (await page.evaluate(`(${ROUND})(${JSON.stringify({ token: TOKEN, body: JSON.stringify({ readings: [reading] }) })})`)) as Pick<
      Marks,
      'sent' | 'answered'
    >;
    const done = await page.waitForFunction(ROUND_DONE, null, { timeout: 60_000, polling: 'raf' }).catch(async (err: unknown) => {
      const seen = await page.evaluate('({ deltas: window.__benchDeltas.length, drawn: window.__lat.drawn.length, changed: !!window.__lat.changed })');
      throw new Error(`latency round ${r + 1}: after POSTing ${JSON.stringify(reading)}, within 60 s: ${JSON.stringify(seen)} (${String(err)})`);
    });
    marks.push({ ...t, ...((await done.jsonValue()) as Omit<Marks, 'sent' | 'answered'>) });
  }
  const s = (f: (m: Marks) => number) => summary(marks.map(f));
  const deltaToPixels = s((m) => m.shown - m.delta);
  log(`  ${map.label}: ${rounds} readings for ${unit.id}, delta → pixels ${Math.round(deltaToPixels.p50)} ms p50 (frame ${frameMs.toFixed(1)} ms)`);
  const renderer = (await page.evaluate(RENDERER)) as string;
  return {
    label: map.label,
    unit: unit.id,
    rounds,
    answerToDelta: s((m) => m.delta - m.answered),
    answerToPixels: s((m) => m.shown - m.answered),
    postToDelta: s((m) => m.delta - m.sent),
    postToPixels: s((m) => m.shown - m.sent),
    deltaToPixels,
    deltaToFirstDraw: s((m) => m.firstDraw - m.delta),
    framesDrawn: s((m) => m.frames).p50,
    frameMs,
    framesBeyondDelta: { p50: deltaToPixels.p50 / frameMs, p99: deltaToPixels.p99 / frameMs },
    renderer,
    software: /swiftshader|llvmpipe|softpipe|software/i.test(renderer),
  };
}
