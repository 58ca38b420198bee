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
  /** A unit smaller on screen than its name: its label may move off it, tied to it by a leader line. */
  small?: boolean;
}

/** [left, top, right, bottom] in px. */
export type Box = [number, number, number, number];

/** A placed label: its text (the name or its abbreviation), where the text's centre sits, and its boxes. */
export interface PlacedLabel {
  id: string;
  text: string;
  /** Offset of the text's centre line from the anchor (px); [0, 0]-ish for a label on its unit. */
  dx: number;
  dy: number;
  /** Drawn away from its unit: a line joins the anchor to the text. */
  leader: boolean;
  /** That line, anchor to the text box's nearest edge ([x1, y1, x2, y2], px); null on the unit. */
  line: [number, number, number, number] | null;
  /** The text's box and the icon's box (on the anchor), as placed. */
  boxes: Box[];
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

/** Above every severity (0..5 plus at most 0.5 for the area): a unit the side panel names is labelled first. */
const NAMED = 10;

/**
 * Who is named first when not all names fit: the units the side panel names (`named`), then the
 * worst level, then the largest unit.
 */
export function labelPriorities(b: Boundaries, levels: ReadonlyMap<string, Level>, named: ReadonlySet<string> = new Set()): ReadonlyMap<string, number> {
  const areas = b.features.map((f) => areaOf(f.geometry));
  const max = Math.max(1e-12, ...areas);
  return new Map(
    b.features.map((f, i) => {
      const id = f.properties.id;
      return [id, (named.has(id) ? NAMED : 0) + SEVERITY[levels.get(id) ?? 'no_data'] + areas[i]! / max / 2];
    }),
  );
}

/**
 * A name shortened for a crowded map: every word but the last to its initial ("Tiên Phước" →
 * "T. Phước", "Điện Bàn Đông" → "Đ.B. Đông"); a revision dagger stays. One-word names stay whole.
 */
export function abbreviate(name: string): string {
  const dagger = name.endsWith(' †') ? ' †' : '';
  const words = name
    .slice(0, name.length - dagger.length)
    .trim()
    .split(/\s+/);
  if (words.length < 2) return name;
  const last = words.pop()!;
  return `${words.map((w) => `${[...w][0]!}.`).join('')} ${last}${dagger}`;
}

/** Whether two boxes share any area (touching edges do not). */
export const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Text width in px at size `px`; the default guesses half an em and a bit per letter (the page measures the real font). */
export type Measure = (text: string, px: number) => number;
const guess: Measure = (text, px) => text.length * px * 0.58;

/** Where an offset label may go, in label heights from the anchor (right and left first: coasts run north–south). */
const OFFSETS: [number, number][] = [
  [1, -0.6],
  [-1, -0.6],
  [1, 0.9],
  [-1, 0.9],
  [0, -1.6],
  [0, 1.9],
];

/** Options for {@link placeLabels}: boxes labels must keep clear of (insets, legend), the text measure and height. */
export interface PlaceOptions {
  obstacles?: readonly Box[];
  measure?: Measure;
  /** The text box's height in em, centred on its centre line: 0.75 (cap height to baseline, deck.gl's outlined text); SVG text boxes are the font's whole line. */
  lineHeight?: number;
}

/**
 * The labels that fit, placed greedily by priority. Each tries its full name on its unit, then
 * its abbreviation; a small unit then tries both beside it (with a leader line). A label is kept
 * only inside the view and clear of every obstacle and every label (text and icon) placed
 * before it: 94 or 168 units never become a wall of overlapping text.
 */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  px: number,
  view: { width: number; height: number },
  opts: PlaceOptions = {},
): Map<string, PlacedLabel> {
  const measure = opts.measure ?? guess;
  const half = ((opts.lineHeight ?? 0.75) * px) / 2;
  const taken: Box[] = [...(opts.obstacles ?? [])];
  const placed = new Map<string, PlacedLabel>();
  // Every unit keeps an icon at its anchor (the level never rests on colour alone): a label covers one
  // only on its own unit and when nothing clear was found (a label moved off its unit never does).
  const dots = new Map(candidates.map((c): [string, Box] => [c.id, [c.x - px * 0.3, c.y - px * 0.3, c.x + px * 0.3, c.y + px * 0.3]]));
  const free = (b: Box, self: string, clearOfDots: boolean) =>
    b[0] >= 0 &&
    b[1] >= 0 &&
    b[2] <= view.width &&
    b[3] <= view.height &&
    !taken.some((o) => overlaps(b, o)) &&
    !(clearOfDots && [...dots].some(([id, d]) => id !== self && overlaps(b, d)));
  for (const c of [...candidates].sort((a, b) => b.priority - a.priority)) {
    // The icon under the anchor stays on the unit whatever happens to the name.
    const icon: Box = [c.x - px * 0.35, c.y + px * 0.2, c.x + px * 0.35, c.y + px * 0.95];
    if (!free(icon, c.id, false)) continue;
    const short = abbreviate(c.text);
    const texts = short === c.text ? [c.text] : [c.text, short];
    // Letters from cap height to baseline (outlines may touch); the centre line sits at dy.
    const textBox = (t: string, dx: number, dy: number): Box => {
      // A little air either side: labels never touch, and a renderer's kerning never makes them.
      const w = measure(t, px) / 2 + px * 0.12;
      return [c.x + dx - w, c.y + dy - half, c.x + dx + w, c.y + dy + half];
    };
    // On its unit the text's bottom sits just above the icon.
    const tries: { text: string; dx: number; dy: number; leader: boolean }[] = texts.map((text) => ({ text, dx: 0, dy: -px * 0.1 - half, leader: false }));
    if (c.small)
      for (const text of texts)
        for (const [ox, oy] of OFFSETS) {
          const w = measure(text, px) / 2;
          tries.push({ text, dx: ox * (w + px * 0.6), dy: oy * 2 * half, leader: true });
        }
    const hit =
      tries.find((t) => free(textBox(t.text, t.dx, t.dy), c.id, true)) ?? tries.find((t) => !t.leader && free(textBox(t.text, t.dx, t.dy), c.id, false));
    if (!hit) continue;
    const boxes = [textBox(hit.text, hit.dx, hit.dy), icon];
    taken.push(...boxes);
    const [l, t, r, b] = boxes[0]!;
    const line: PlacedLabel['line'] = hit.leader ? [c.x, c.y, Math.min(r, Math.max(l, c.x)), Math.min(b, Math.max(t, c.y))] : null;
    placed.set(c.id, { id: c.id, ...hit, boxes, line });
  }
  return placed;
}
