/**
 * What the web benchmark runs inside the page, as strings (the TypeScript runner's helpers do
 * not exist there). Times are the page's `performance.now()` (0 = navigation start).
 */

/**
 * Init script: when the map first says it is drawn in colour (`data-ready=true`), and when each
 * `state:delta` frame arrives on the app's WebSocket (before the app's own handler runs).
 */
export const INIT_PROBES = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-testid=map][data-ready=true]')) {
      window.__benchFirstMap = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  window.__benchDeltas = [];
  {
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => {
          if (typeof e.data === 'string' && e.data.slice(0, 40).includes('"state:delta"')) window.__benchDeltas.push(performance.now());
        });
      }
    };
  }
`;

/**
 * After the first map: reach deck.gl through the map (\`?debug\` exposes it as \`__iocMap\`), and
 * record every frame deck draws (and whether a colour transition is still running), every time
 * the app hands deck new layers, and every polygon or path tessellation (the geometry being
 * rebuilt). Returns how many tessellators it watches; throws when the map is not reachable.
 */
export const DECK_PROBE = `(() => {
  const map = window.__iocMap;
  if (!map) throw new Error('window.__iocMap is missing: the map no longer exposes itself under ?debug');
  const ov = (map._controls || []).find((c) => c && c._deck);
  if (!ov) throw new Error('no deck.gl overlay among the map controls (__iocMap._controls[]._deck)');
  const deck = ov._deck;
  const b = (window.__bench = { frames: [], layerSets: [], tessellations: 0, watched: new Set() });
  const layers = () => deck.layerManager.getLayers();
  const transitioning = () =>
    layers().some((l) => {
      const ts = l.getAttributeManager && l.getAttributeManager()?.attributeTransitionManager?.transitions;
      return !!ts && Object.values(ts).some((t) => t.inProgress);
    });
  const after = ov._props.onAfterRender;
  ov.setProps({
    onAfterRender: (ctx) => {
      if (after) after(ctx);
      const f = { t: performance.now(), moving: transitioning(), shown: 0 };
      b.frames.push(f);
      // Drawing only queues GL commands: the next animation frame is when the browser took it.
      requestAnimationFrame(() => (f.shown = performance.now()));
    },
  });
  const setProps = ov.setProps.bind(ov);
  ov.setProps = (p) => {
    if (p.layers) b.layerSets.push(performance.now());
    return setProps(p);
  };
  // A tessellator not seen before also means geometry built again (a layer re-created).
  b.watch = () => {
    let added = 0;
    for (const l of layers())
      for (const k of ['polygonTesselator', 'pathTesselator']) {
        const t = l.state && l.state[k];
        if (!t || b.watched.has(t)) continue;
        b.watched.add(t);
        const update = t.updateGeometry.bind(t);
        t.updateGeometry = (...a) => {
          b.tessellations++;
          return update(...a);
        };
        added++;
      }
    return added;
  };
  const n = b.watch();
  if (!n) throw new Error('no polygon or path tessellator found in the map layers: cannot tell whether geometry is rebuilt');
  return n;
})()`;

/** Resolves once the browser has run two more animation frames. */
export const TWO_FRAMES = 'new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res(true))))';

/** Before a recolour round: forget earlier frames, layer updates and deltas. */
export const RESET_MARKS = `(() => { window.__bench.frames.length = 0; window.__bench.layerSets.length = 0; window.__benchDeltas.length = 0; })()`;

/**
 * A recolour round, once it is over (or null while it is not): the delta's arrival, the app's
 * first layer update after it, when the first frame drawn after that was taken by the browser
 * (the next animation frame), the same for the first frame with no colour transition running,
 * and the geometry work seen (tessellations, new tessellators).
 */
export const RECOLOUR_DONE = `(() => {
  const b = window.__bench;
  const delta = window.__benchDeltas[0];
  if (delta === undefined) return null;
  const set = b.layerSets.find((t) => t >= delta);
  if (set === undefined) return null;
  const drawn = b.frames.filter((f) => f.t > set);
  const settled = drawn.find((f) => !f.moving);
  if (!settled || !settled.shown) return null;
  return { delta, layers: set, firstFrame: drawn[0].shown, settled: settled.shown, frames: drawn.indexOf(settled) + 1, tessellations: b.tessellations, newTessellators: b.watch() };
})()`;

export interface RecolourMarks {
  delta: number;
  layers: number;
  firstFrame: number;
  settled: number;
  frames: number;
  tessellations: number;
  newTessellators: number;
}

/**
 * In the page: move the map one step each animation frame (a slow circle of about a degree)
 * and keep the frame deltas; then put the map back where it was.
 */
export const PAN_SCRIPT = `async function (n) {
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
  map.jumpTo({ center: c });
  return out;
}`;

/** The WebGL renderer Chromium uses (WEBGL_debug_renderer_info). */
export const RENDERER = `(() => {
  const gl = document.createElement('canvas').getContext('webgl2') || document.createElement('canvas').getContext('webgl');
  if (!gl) return 'no WebGL';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
})()`;
