import type { Level } from '../../server/protocol/index.js';
import { SEVERITY } from '../../server/protocol/index.js';
import { overlaps, type Box } from './labels.js';

/** The levels whose unlabelled units get a number key on the wall (issue 13, point 4). */
const KEYED: ReadonlySet<Level> = new Set(['at_risk', 'off_track', 'overdue']);

/** A unit that may need a key: its anchor on screen (px), its name and level. */
export interface KeyCandidate {
  id: string;
  x: number;
  y: number;
  name: string;
  level: Level;
}

/** A key placed on the map: its number, the centre of its disc and the disc's box. */
export interface PlacedKey {
  id: string;
  n: number;
  name: string;
  x: number;
  y: number;
  box: Box;
}

/** The keys and their legend: the box it fills, its rows (number, name) and how many keyed units it leaves out. */
export interface KeyPlan {
  keys: PlacedKey[];
  legend: Box | null;
  more: number;
}

/** One collator for every sort: `localeCompare(…, 'vi')` builds one per comparison. */
const BY_NAME = new Intl.Collator('vi');

/** Unlabelled units at risk or worse, worst first (then by name): who needs a key. */
export function keyCandidates(cands: readonly KeyCandidate[], labelled: ReadonlySet<string>): KeyCandidate[] {
  return cands
    .filter((c) => KEYED.has(c.level) && !labelled.has(c.id))
    .toSorted((a, b) => SEVERITY[b.level] - SEVERITY[a.level] || BY_NAME.compare(a.name, b.name));
}

/** Where a key disc may sit, in disc radii from the anchor: on it first (the icon shows the level), then beside it. */
const SPOTS: [number, number][] = [
  [0, 0],
  [2.2, 0],
  [-2.2, 0],
  [0, -2.2],
  [0, 2.2],
  [1.6, -1.6],
  [-1.6, -1.6],
  [1.6, 1.6],
  [-1.6, 1.6],
];

/** Sizes for {@link placeKeys}: the disc's radius, the legend's row height and row measure, the view. */
export interface KeyOptions {
  radius: number;
  rowHeight: number;
  /** The width (px) of one legend row as the page draws it: its number (null for the "+N" row) and its text. */
  measure: (n: number | null, text: string) => number;
  /** A cheap width (e.g. canvas metrics) to pick the widest of many names: only those few get `measure` (a page layout each). */
  rough?: (text: string) => number;
  view: { width: number; height: number };
  /** At most this share of the view's height goes to the legend. */
  maxShare?: number;
}

/** The legend's padding on every side, in rows (MapKeys.svelte pads it by 0.3lh, its row height). */
export const LEGEND_PAD = 0.3;

/** The legend's rows for `n` keyed units in `rows` rows: all, or rows − 1 and a "+N" row. */
export const legendRows = (n: number, rows: number): { listed: number; more: number } =>
  n <= rows ? { listed: n, more: 0 } : { listed: Math.max(0, rows - 1), more: n - Math.max(0, rows - 1) };

/**
 * The legend's box for `names` (the keyed units, worst first): as many rows as fit in the height share,
 * as wide as its widest row or any name in `also` (units that may be keyed once the labels move clear
 * of the legend), in the first corner (bottom-left, top-left, bottom-right, top-right) clear of `obstacles`.
 */
export function legendBox(names: readonly string[], obstacles: readonly Box[], o: KeyOptions, also: readonly string[] = []): Box | null {
  if (names.length === 0) return null;
  const pad = o.rowHeight * LEGEND_PAD;
  const cap = Math.max(1, Math.floor((o.view.height * (o.maxShare ?? 0.4) - 2 * pad) / o.rowHeight));
  const { listed, more } = legendRows(names.length, cap);
  const w = Math.max(rowsWidth(names.slice(0, listed), more, o), ...widest(also, o).map((n) => o.measure(cap, n))) + 2 * pad;
  const h = (listed + (more ? 1 : 0)) * o.rowHeight + 2 * pad;
  const m = o.rowHeight * 0.5;
  const { width: W, height: H } = o.view;
  const corners: Box[] = [
    [m, H - m - h, m + w, H - m],
    [m, m, m + w, m + h],
    [W - m - w, H - m - h, W - m, H - m],
    [W - m - w, m, W - m, m + h],
  ];
  return corners.find((b) => b[0] >= 0 && b[1] >= 0 && !obstacles.some((x) => overlaps(b, x))) ?? null;
}

/** How many of the roughly widest names are measured exactly: the rough and exact measures may rank close widths differently. */
const EXACT = 8;

/** The names whose exact width may be the widest: all of them, or the few widest by the rough measure (a nation has thousands). */
function widest(names: readonly string[], o: KeyOptions): readonly string[] {
  const rough = o.rough;
  if (!rough || names.length <= EXACT) return names;
  return names
    .map((n) => ({ n, w: rough(n) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, EXACT)
    .map((x) => x.n);
}

/** The widest of the rows listing `names` (numbered from 1) and the "+N" row. */
const rowsWidth = (names: readonly string[], more: number, o: KeyOptions): number =>
  Math.max(0, ...names.map((n, i) => o.measure(i + 1, n)), more ? o.measure(null, `+${more}`) : 0);

/**
 * Number keys for the keyed units, worst first, each a disc on or beside its anchor inside the view,
 * clear of `taken` (labels, their icons, insets, the legend) and of the keys before it. Only as many
 * as the legend lists get a key (a number with no name would tell nothing); the rest are counted in `more`.
 */
export function placeKeys(want: readonly KeyCandidate[], taken: readonly Box[], legend: Box, o: KeyOptions): KeyPlan {
  const pad = o.rowHeight * LEGEND_PAD;
  const rows = Math.max(1, Math.round((legend[3] - legend[1] - 2 * pad) / o.rowHeight));
  const busy: Box[] = [...taken, legend];
  const keys: PlacedKey[] = [];
  const r = o.radius;
  for (const c of want) {
    if (keys.length === legendRows(want.length, rows).listed) break;
    const spot = SPOTS.map(([dx, dy]): Box => [c.x + dx * r - r, c.y + dy * r - r, c.x + dx * r + r, c.y + dy * r + r]).find(
      (b) => b[0] >= 0 && b[1] >= 0 && b[2] <= o.view.width && b[3] <= o.view.height && !busy.some((x) => overlaps(b, x)),
    );
    if (!spot) continue;
    busy.push(spot);
    keys.push({ id: c.id, n: keys.length + 1, name: c.name, x: (spot[0] + spot[2]) / 2, y: (spot[1] + spot[3]) / 2, box: spot });
  }
  const more = want.length - keys.length;
  // The legend shrinks to its rows, keeping the edges of the corner it sits in.
  const h = (keys.length + (more ? 1 : 0)) * o.rowHeight + 2 * pad;
  const names = keys.map((k) => k.name);
  const w = rowsWidth(names, more, o) + 2 * pad;
  const [left, top, right, bottom] = legend;
  const x: [number, number] = left > o.view.width / 2 ? [right - w, right] : [left, left + w];
  const fitted: Box = top > o.view.height / 2 ? [x[0], bottom - h, x[1], bottom] : [x[0], top, x[1], top + h];
  return { keys, legend: keys.length ? fitted : null, more };
}
