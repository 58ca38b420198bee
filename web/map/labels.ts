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

/** Boxes bucketed in square cells of `cell` px: which boxes a new one overlaps, looking only at its cells. */
class BoxGrid {
  private readonly cells = new Map<number, { box: Box; id: string | null }[]>();
  private readonly big: Box[];
  constructor(
    private readonly cell: number,
    boxes: readonly Box[] = [],
  ) {
    // Obstacles (legend, insets) may cover most of the view: kept aside and checked one by one.
    this.big = boxes.filter((b) => b[2] - b[0] > cell * 8 || b[3] - b[1] > cell * 8);
    for (const b of boxes) if (!this.big.includes(b)) this.add(b);
  }
  private keys(b: Box): number[] {
    const out: number[] = [];
    const [x0, y0, x1, y1] = [b[0], b[1], b[2], b[3]].map((v) => Math.floor(v / this.cell));
    for (let x = x0!; x <= x1!; x++) for (let y = y0!; y <= y1!; y++) out.push(x * 65_536 + y);
    return out;
  }
  add(box: Box, id: string | null = null): void {
    for (const k of this.keys(box)) (this.cells.get(k) ?? this.cells.set(k, []).get(k)!).push({ box, id });
  }
  /** Whether `b` overlaps a box here (other than those of `except`). */
  hits(b: Box, except?: string): boolean {
    return this.big.some((o) => overlaps(b, o)) || this.keys(b).some((k) => this.cells.get(k)?.some((e) => e.id !== except && overlaps(b, e.box)));
  }
}

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
  const widths = new Map<string, number>();
  const measureOf = opts.measure ?? guess;
  // Each text is measured once per call (a canvas measure costs ~1 ms: 3,321 names × 14 tries).
  const measure = (t: string, size: number) => widths.get(t) ?? widths.set(t, measureOf(t, size)).get(t)!;
  const half = ((opts.lineHeight ?? 0.75) * px) / 2;
  // Boxes in a grid of cells: a check looks at its neighbours only (3,321 communes, not n²).
  const taken = new BoxGrid(px * 4, opts.obstacles ?? []);
  const placed = new Map<string, PlacedLabel>();
  // Every unit keeps an icon at its anchor (the level never rests on colour alone): a label covers one
  // only on its own unit and when nothing clear was found (a label moved off its unit never does).
  const dots = new BoxGrid(px * 4);
  for (const c of candidates) dots.add([c.x - px * 0.3, c.y - px * 0.3, c.x + px * 0.3, c.y + px * 0.3], c.id);
  const free = (b: Box, self: string, clearOfDots: boolean) =>
    b[0] >= 0 && b[1] >= 0 && b[2] <= view.width && b[3] <= view.height && !taken.hits(b) && !(clearOfDots && dots.hits(b, self));
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
    for (const b of boxes) taken.add(b);
    const [l, t, r, b] = boxes[0]!;
    const line: PlacedLabel['line'] = hit.leader ? [c.x, c.y, Math.min(r, Math.max(l, c.x)), Math.min(b, Math.max(t, c.y))] : null;
    placed.set(c.id, { id: c.id, ...hit, boxes, line });
  }
  return placed;
}
