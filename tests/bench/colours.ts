import type { Level } from '../../server/protocol/index.js';
import { LEVEL_STYLE } from '../../web/lib/levels.js';
import { decode, near, over } from '../e2e/pixels.js';

/** The risk levels a map paints (no data is grey and hatched: not a risk colour). */
const RISK_LEVELS = (Object.keys(LEVEL_STYLE) as Level[]).filter((l) => l !== 'no_data');
/** Each level's fill over the map background, opaque (235) and dimmed when the data may be stale (110). */
const SWATCHES = RISK_LEVELS.flatMap((level, k) => [235, 110].map((a) => ({ k: k + 1, rgb: over(LEVEL_STYLE[level].rgb, a / 255) })));
/** Every other pixel in both directions: enough to see a broken map or a recolour. */
const STEP = 2;

/** What a screenshot of the map shows: per sampled pixel, 0 or the risk level it is painted in (1-based). */
export interface Colours {
  classes: Uint8Array;
  /** Sampled pixels painted in a risk colour. */
  coloured: number;
  sampled: number;
  /** Sampled pixels per level. */
  byLevel: Partial<Record<Level, number>>;
}

/** Classify a PNG screenshot's pixels by risk colour. */
export function colours(png: Buffer): Colours {
  const img = decode(png);
  const classes = new Uint8Array(Math.ceil(img.width / STEP) * Math.ceil(img.height / STEP));
  const byLevel: Partial<Record<Level, number>> = {};
  let i = 0;
  let coloured = 0;
  for (let y = 0; y < img.height; y += STEP)
    for (let x = 0; x < img.width; x += STEP, i++) {
      const px = img.at(x, y);
      const s = SWATCHES.find((w) => near(px, w.rgb, 10));
      if (!s) continue;
      classes[i] = s.k;
      coloured++;
      const level = RISK_LEVELS[s.k - 1]!;
      byLevel[level] = (byLevel[level] ?? 0) + 1;
    }
  return { classes, coloured, sampled: i, byLevel };
}

/** Of the pixels painted in a risk colour before or after, the share whose colour changed. */
export function changedShare(before: Colours, after: Colours): number {
  let either = 0;
  let changed = 0;
  for (let i = 0; i < before.classes.length; i++) {
    const [a, b] = [before.classes[i]!, after.classes[i]!];
    if (!a && !b) continue;
    either++;
    if (a !== b) changed++;
  }
  return either ? changed / either : 0;
}

/** Fewer risk-coloured pixels than this (sampled) is a broken map: a blank canvas, no fill, or no state. */
export const MIN_COLOURED = 200;
