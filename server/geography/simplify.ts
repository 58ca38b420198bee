/**
 * The boundaries as the map draws them: simplified to what a wall can show. A view of the whole
 * country cannot show its 198,810 vertices (a pixel spans about 1.5 km at 1080 px high), but the
 * browser parses, tessellates and rasterises each of them (software GL on a kiosk): the map's
 * first colours took 6× the province's time. Simplification keeps the topology (shared borders
 * are simplified once: no gaps or slivers between neighbours) and every unit's shape (no unit
 * disappears: each stays tappable); ids, label points and inset flags are the original ones.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Boundaries } from '../protocol/index.js';

/** The tallest (or widest) view of the whole map the boundaries are drawn for, px (a 4K wall). */
export const VIEW_PX = 2160;
/** The largest error allowed at that view, px. */
export const ERROR_PX = 0.5;
const METRES_PER_DEGREE = 111_320;

/** The simplification interval (m) for `b`: ERROR_PX at VIEW_PX over its main (non-inset) extent. */
export function intervalMetres(b: Boundaries): number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of b.features) {
    if (f.properties.inset) continue;
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of parts)
      for (const [x, y] of p[0] ?? []) {
        x0 = Math.min(x0, x!);
        x1 = Math.max(x1, x!);
        y0 = Math.min(y0, y!);
        y1 = Math.max(y1, y!);
      }
  }
  // A degree of longitude is shorter away from the equator: the latitude span is the safe measure for both.
  const span = Math.max(x1 - x0, y1 - y0);
  return Number.isFinite(span) ? ((span * METRES_PER_DEGREE) / VIEW_PX) * ERROR_PX : 0;
}

/** `b` simplified for drawing (see the module comment), as the JSON text GET /api/geo sends. */
export async function drawnBoundaries(b: Boundaries): Promise<string> {
  const metres = intervalMetres(b);
  if (metres <= 0 || !b.features.length) return JSON.stringify(b);
  // Geometry only, tagged with its index: the properties come back untouched from `b`.
  const input = { type: 'FeatureCollection', features: b.features.map((f, i) => ({ type: 'Feature', properties: { i }, geometry: f.geometry })) };
  // Loaded on first use: a large module that every server boot would otherwise wait for.
  const { default: mapshaper } = await import('mapshaper');
  const out = await mapshaper.applyCommands(`-i in.json -simplify dp interval=${metres.toFixed(1)} keep-shapes -o out.json format=geojson precision=0.00001`, {
    'in.json': JSON.stringify(input),
  });
  const simplified = JSON.parse(String(out['out.json'])) as FeatureCollection<Polygon | MultiPolygon, { i: number }>;
  const geometry = new Map(simplified.features.map((f) => [f.properties.i, f.geometry]));
  const features = b.features.map((f, i): Feature<Polygon | MultiPolygon, (typeof f)['properties']> => ({ ...f, geometry: geometry.get(i) ?? f.geometry }));
  return JSON.stringify({ ...b, features });
}
