/**
 * The key legend's row measure, taken from the page itself: the legend's hidden probe row (same
 * element, classes and font as a drawn row) is filled and its width read, so the planned box is
 * the rendered box (a canvas measure in a guessed font came out narrower). Widths are kept once
 * the page's fonts have loaded, per legend and across plans (each measure is a layout: a
 * national recolour re-plans thousands of names, issue 16); before that they are measured again.
 */
const kept = new WeakMap<HTMLElement, Map<string, number>>();

export function legendMeasure(legend: HTMLElement): (n: number | null, text: string) => number {
  const probe = legend.querySelector<HTMLElement>('[data-probe]');
  const num = probe?.querySelector('b');
  const name = probe?.querySelector('span');
  const cache = kept.get(legend) ?? new Map<string, number>();
  kept.set(legend, cache);
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
