import type { Geometry } from 'geojson';
import type { Boundaries, Level } from '../../server/protocol/index.js';
import { SEVERITY } from '../../server/protocol/index.js';

/** A label that may be drawn: its unit, its anchor on screen (px) and its text. */
export interface LabelCandidate {
  id: string;
  x: number;
  y: number;
  text: string;
  /** Higher is placed first. */
  priority: number;
}

/** Planar area of a polygon geometry (square degrees): only compared between units of one map. */
export function areaOf(g: Geometry): number {
  const ring = (r: number[][]) => {
    let a = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j]![0]! + r[i]![0]!) * (r[j]![1]! - r[i]![1]!);
    return Math.abs(a / 2);
  };
  const poly = (p: number[][][]) => p.reduce((s, r, i) => s + (i === 0 ? ring(r) : -ring(r)), 0);
  if (g.type === 'Polygon') return poly(g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.reduce((s, p) => s + poly(p), 0);
  return 0;
}

/** Who is named first when not all names fit: the worst level, then the largest unit. */
export function labelPriorities(b: Boundaries, levels: ReadonlyMap<string, Level>): ReadonlyMap<string, number> {
  const areas = b.features.map((f) => areaOf(f.geometry));
  const max = Math.max(1e-12, ...areas);
  return new Map(b.features.map((f, i) => [f.properties.id, SEVERITY[levels.get(f.properties.id) ?? 'no_data'] + areas[i]! / max / 2]));
}

/**
 * The labels that fit: placed greedily by priority, each kept only if its box (estimated from
 * the text length at `px`) lies inside the view and clear of every label already placed.
 * 94 or 168 units never become a wall of overlapping text; 18 districts all keep their names.
 */
export function placeLabels(candidates: readonly LabelCandidate[], px: number, view: { width: number; height: number }): Set<string> {
  const boxes: [number, number, number, number][] = [];
  const placed = new Set<string>();
  const pad = px * 0.15;
  for (const c of [...candidates].sort((a, b) => b.priority - a.priority)) {
    const w = c.text.length * px * 0.56 + pad;
    // The name sits just above the anchor (the icon below may touch a neighbour: it is small).
    const box: [number, number, number, number] = [c.x - w / 2, c.y - px * 0.95, c.x + w / 2, c.y + px * 0.05];
    if (box[0] < 0 || box[1] < 0 || box[2] > view.width || box[3] > view.height) continue;
    if (boxes.some((o) => box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3])) continue;
    boxes.push(box);
    placed.add(c.id);
  }
  return placed;
}
