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

type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Text width in px at size `px`; the default guesses half an em and a bit per letter (the page measures the real font). */
export type Measure = (text: string, px: number) => number;
const guess: Measure = (text, px) => text.length * px * 0.58;

/**
 * The labels that fit: placed greedily by priority, each kept only if its name (above the
 * anchor) and its icon (below) lie inside the view and clear of every label already placed.
 * 94 or 168 units never become a wall of overlapping text.
 */
export function placeLabels(candidates: readonly LabelCandidate[], px: number, view: { width: number; height: number }, measure: Measure = guess): Set<string> {
  const boxes: Box[] = [];
  const placed = new Set<string>();
  for (const c of [...candidates].sort((a, b) => b.priority - a.priority)) {
    const w = measure(c.text, px) / 2;
    // Letters from cap height to baseline (outlines may touch), and the icon under the anchor.
    const text: Box = [c.x - w, c.y - px * 0.85, c.x + w, c.y - px * 0.1];
    const icon: Box = [c.x - px * 0.35, c.y + px * 0.2, c.x + px * 0.35, c.y + px * 0.95];
    if (text[0] < 0 || text[1] < 0 || text[2] > view.width || icon[3] > view.height) continue;
    if (boxes.some((o) => overlaps(text, o) || overlaps(icon, o))) continue;
    boxes.push(text, icon);
    placed.add(c.id);
  }
  return placed;
}
