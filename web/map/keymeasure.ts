/**
 * The key legend's row measure, taken from the page itself: the legend's hidden probe row (same
 * element, classes and font as a drawn row) is filled and its width read, so the planned box is
 * the rendered box (a canvas measure in a guessed font came out narrower). Widths are kept once
 * the page's fonts have loaded; before that they are measured again each time.
 */
export function legendMeasure(legend: HTMLElement): (n: number | null, text: string) => number {
  const probe = legend.querySelector<HTMLElement>('[data-probe]');
  const num = probe?.querySelector('b');
  const name = probe?.querySelector('span');
  const cache = new Map<string, number>();
  const size = getComputedStyle(legend).fontSize;
  return (n, text) => {
    if (!probe || !num || !name) return text.length * parseFloat(size) * 0.7;
    const key = `${size}|${n ?? ''}|${text}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    num.textContent = n === null ? '' : String(n);
    num.hidden = n === null;
    name.textContent = text;
    // Rounded up: a fraction of a pixel short would cut the last letter.
    const w = Math.ceil(probe.getBoundingClientRect().width) + 1;
    if (document.fonts.status === 'loaded') cache.set(key, w);
    return w;
  };
}
