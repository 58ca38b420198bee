import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, twoMaps, type TwoMaps } from './served.js';

/**
 * The wall's key legend as rendered (issue 13, point 4): every row whole inside the legend's box,
 * no name wider than its row, the "+N" row shown whole, the legend drawn above the map (the map's
 * canvas once covered its lower rows), and the drawn box the one the labels and keys kept clear of.
 * At 18 and 94 units, 1920×1080 and 3840×2160.
 */
const TODAY = Date.parse('2026-11-20T08:00:00+07:00');

interface Rendered {
  /** The planned box (data-key-boxes), in page px; null without a legend. */
  planned: number[] | null;
  drawn: number[] | null;
  rows: number;
  more: boolean;
  problems: string[];
}

/** The legend's rows measured in the page; every problem named by the row's text. */
function rendered(page: Page): Promise<Rendered> {
  return page.evaluate(() => {
    const rect = (el: Element): [number, number, number, number] => {
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    };
    const map = document.querySelector('[data-testid=map]')!;
    const [ox, oy] = rect(map);
    const keyed = JSON.parse(map.getAttribute('data-key-boxes') ?? '[]') as { id: string; box: number[] }[];
    const plan = keyed.find((k) => k.id === 'key-legend')?.box;
    const legend = document.querySelector<HTMLElement>('[data-testid=key-legend]')!;
    if (!plan || legend.hidden) return { planned: null, drawn: null, rows: 0, more: false, problems: [] };
    const box = rect(legend);
    const rows = [...legend.querySelectorAll('li:not([data-probe])')];
    const problems: string[] = [];
    // Hit-testing needs pointer events: the legend takes none on the wall.
    legend.style.pointerEvents = 'auto';
    for (const li of rows) {
      const name = li.textContent ?? '';
      const [l, t, r, b] = rect(li);
      if (l < box[0] - 0.5 || t < box[1] - 0.5 || r > box[2] + 0.5 || b > box[3] + 0.5) problems.push(`${name}: row outside the legend`);
      if (li.scrollWidth > li.clientWidth) problems.push(`${name}: text ${li.scrollWidth} px in a ${li.clientWidth} px row`);
      for (const part of li.children) {
        const [pl, pt, pr, pb] = rect(part);
        if (pr > r + 0.5 || pb > b + 0.5) problems.push(`${name}: "${part.textContent}" spills past its row`);
        const hit = document.elementFromPoint((pl + pr) / 2, (pt + pb) / 2);
        if (!hit || !legend.contains(hit)) problems.push(`${name}: covered by ${hit?.tagName ?? 'nothing'}`);
      }
    }
    legend.style.pointerEvents = '';
    return {
      planned: [plan[0]! + ox, plan[1]! + oy, plan[2]! + ox, plan[3]! + oy],
      drawn: box,
      rows: rows.length,
      more: rows.some((li) => li.classList.contains('more')),
      problems,
    };
  });
}

describe('the key legend as rendered, at 18 and 94 units, 1080p and 4K', () => {
  let maps: TwoMaps;
  beforeAll(async () => void (maps = await twoMaps(TODAY)));
  afterAll(async () => await maps?.stop());

  const cases = [
    { name: '18', srv: () => maps.districts, units: 18 },
    { name: '94', srv: () => maps.communes, units: 93 },
  ];
  for (const c of cases)
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 3840, height: 2160 },
    ])
      it(`${c.name} units at ${size.width}×${size.height}: whole rows, no text past the box, above the map`, async () => {
        const page = await maps.open(size);
        await page.goto(`${c.srv().url}/?mode=wall&playlist=overview-only`);
        await page.waitForSelector(`[data-testid=map][data-ready=true][data-features="${c.units}"]`, { timeout: 90_000 });
        // Fonts that load late size the legend again: read it once they are all in.
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: join(SHOTS, `wall-keys-${c.name}-${size.width}x${size.height}.png`) });
        const r = await rendered(page);
        expect(r.problems).toEqual([]);
        if (c.name === '94') {
          // Today's map has many unlabelled communes at risk: a legend with a "+N" row.
          expect(r.rows).toBeGreaterThan(2);
          expect(r.more).toBe(true);
        }
        if (r.planned && r.drawn) r.drawn.forEach((v, i) => expect(Math.abs(v - r.planned![i]!), `edge ${i}`).toBeLessThanOrEqual(1.5));
      });
});
