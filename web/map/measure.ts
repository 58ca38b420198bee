/** The labels' font on every map (deck.gl text, SVG maps, insets). */
export const LABEL_FONT = '"Be Vietnam Pro", "Noto Sans Symbols 2", sans-serif';

/** A text measure in the labels' font at `weight` (canvas metrics); the guess of labels.ts where no canvas exists. */
export function canvasMeasure(weight: number, font: () => string = () => LABEL_FONT): (text: string, px: number) => number {
  const ruler = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  // Widths kept per font and size: 3,321 names are measured again at every relabel.
  const known = new Map<string, number>();
  return (text, px) => {
    if (!ruler) return text.length * px * 0.58;
    const f = `${weight} ${px}px ${font()}`;
    const key = `${f}\n${text}`;
    const w = known.get(key);
    if (w !== undefined) return w;
    if (ruler.font !== f) ruler.font = f;
    const width = ruler.measureText(text).width;
    known.set(key, width);
    return width;
  };
}

/**
 * The font's line box in em (ascent above the baseline, descent below), as SVG text boxes span
 * it: labels drawn as SVG are placed with it, and their baseline set from it.
 */
export function fontBox(weight: number, font: string = LABEL_FONT): { ascent: number; descent: number } {
  const ruler = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ruler) return { ascent: 0.95, descent: 0.3 };
  ruler.font = `${weight} 100px ${font}`;
  const m = ruler.measureText('ẨỮg');
  return { ascent: m.fontBoundingBoxAscent / 100, descent: m.fontBoundingBoxDescent / 100 };
}
