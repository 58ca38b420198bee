/** [left, top, right, bottom] in the chart's drawing box. */
export type Box = [number, number, number, number];

/** Where a label's text may sit: its baseline point and SVG text-anchor. */
export interface Spot {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/** A value label to place: its text, size (px) and the spots it may take, best first. */
export interface ValueLabel {
  id: string;
  text: string;
  px: number;
  spots: readonly Spot[];
  /** Kept at its first spot when every spot collides (the target's label must show); otherwise dropped. */
  keep?: boolean;
}

/**
 * The box a bold label's text covers at `spot`: its width guessed at 0.62 em a letter (bold digits
 * and Vietnamese letters; a little wide on purpose), from the accents above to the descenders below,
 * plus half the halo stroke drawn around it.
 */
export function textBox(text: string, px: number, spot: Spot, halo = 2): Box {
  const w = [...text].length * px * 0.62;
  const left = spot.anchor === 'start' ? spot.x : spot.anchor === 'end' ? spot.x - w : spot.x - w / 2;
  return [left - halo, spot.y - px * 0.95 - halo, left + w + halo, spot.y + px * 0.22 + halo];
}

/** A horizontal or vertical line drawn `width` px thick, as a box with `gap` px of air around it. */
export function lineBox(x1: number, y1: number, x2: number, y2: number, width = 2.5, gap = 1): Box {
  const h = width / 2 + gap;
  return [Math.min(x1, x2) - h, Math.min(y1, y2) - h, Math.max(x1, x2) + h, Math.max(y1, y2) + h];
}

const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a: Box, b: Box): boolean => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];

/**
 * Value labels clear of the reference lines (target, now, deadline) and of each other (issue 13,
 * point 8): each label, in order, takes its first spot whose text box stays inside `bounds` and off
 * every line in `lines` and every label placed before it. A label with no such spot is dropped
 * (the figure is in the rows beside the chart), unless it must be kept.
 */
export function placeValueLabels(labels: readonly ValueLabel[], lines: readonly Box[], bounds: Box): Map<string, Spot> {
  const taken: Box[] = [...lines];
  const placed = new Map<string, Spot>();
  for (const l of labels) {
    const spot = l.spots.find((s) => {
      const b = textBox(l.text, l.px, s);
      return inside(b, bounds) && !taken.some((t) => overlaps(b, t));
    });
    const chosen = spot ?? (l.keep ? l.spots[0] : undefined);
    if (!chosen) continue;
    taken.push(textBox(l.text, l.px, chosen));
    placed.set(l.id, chosen);
  }
  return placed;
}
