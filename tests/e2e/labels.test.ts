import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Boundaries } from '../../server/protocol/index.js';
import { areaOf } from '../../web/map/labels.js';
import { SHOTS, twoMaps, type TwoMaps } from './served.js';

/**
 * Map labels never collide (issue 13, point 4): on the 18 districts of 2024 and the 94 communes
 * of today, on the wall at 1920×1080 and 1024×768, in the briefing summary as shown and as printed
 * to PDF. Every label's box (deck.gl's placed boxes, exposed on the map; SVG text boxes in the
 * briefing and the insets) is read from the page; two overlapping, or one over an inset, fails.
 */
const TODAY = Date.parse('2026-11-20T08:00:00+07:00');
type Box = [number, number, number, number];
interface Labelled {
  label: string;
  box: Box;
}

const overlaps = (a: Box, b: Box) => a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;

/** Every pair of boxes that overlap, and every box over an inset ("a × b"): empty when the labels are clear. */
function collisions(labels: readonly Labelled[], insets: readonly Labelled[]): string[] {
  const bad: string[] = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => overlaps(a.box, b.box) && bad.push(`${a.label} × ${b.label}`)));
  for (const a of labels) for (const b of insets) if (overlaps(a.box, b.box)) bad.push(`${a.label} × ${b.label}`);
  return bad;
}

/** The wall's labels in page px: the main map's placed boxes, and the text boxes of the insets; plus the insets' boxes. */
async function wallBoxes(page: Page): Promise<{ main: Labelled[]; keys: Labelled[]; inset: Labelled[]; insets: Labelled[] }> {
  return page.evaluate(() => {
    const rect = (el: Element): [number, number, number, number] => {
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    };
    const map = document.querySelector('[data-testid=map]')!;
    const [ox, oy] = rect(map);
    const placed = JSON.parse(map.getAttribute('data-label-boxes') ?? '[]') as { id: string; boxes: number[][] }[];
    const keyed = JSON.parse(map.getAttribute('data-key-boxes') ?? '[]') as { id: string; n: number; box: number[] }[];
    const keys = keyed.map((k) => ({ label: `key ${k.n} ${k.id}`, box: [k.box[0]! + ox, k.box[1]! + oy, k.box[2]! + ox, k.box[3]! + oy] }));
    const main = placed.flatMap((p) => p.boxes.map((b, k) => ({ label: `${p.id}${k ? ' icon' : ''}`, box: [b[0]! + ox, b[1]! + oy, b[2]! + ox, b[3]! + oy] })));
    const inset = [...document.querySelectorAll('[data-testid=core-inset] text[data-label]')].map((t) => ({
      label: `inset ${t.getAttribute('data-label')}`,
      box: rect(t),
    }));
    const insets = [...document.querySelectorAll('[data-testid=core-inset], [data-testid=map-inset]')].map((f) => ({
      label: f.getAttribute('data-testid')!,
      box: rect(f),
    }));
    return { main, keys, inset, insets } as { main: Labelled[]; keys: Labelled[]; inset: Labelled[]; insets: Labelled[] };
  });
}

/** The SVG map's labels (briefing), the urban-core inset's labels and the inset boxes, in page px. */
async function svgBoxes(page: Page): Promise<{ labels: Labelled[]; inset: Labelled[]; insets: Labelled[] }> {
  return page.evaluate(() => {
    const rect = (el: Element): [number, number, number, number] => {
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    };
    const slide = document.querySelector('[data-testid=slide][data-kind=summary]')!;
    const labels = [...slide.querySelectorAll('[data-testid=svg-map] text[data-label]')].map((t) => ({ label: t.getAttribute('data-label')!, box: rect(t) }));
    const inset = [...slide.querySelectorAll('[data-testid=core-inset] text[data-label]')].map((t) => ({ label: t.getAttribute('data-label')!, box: rect(t) }));
    const insets = [...slide.querySelectorAll('[data-testid=core-inset], [data-testid=map-inset]')].map((f) => ({
      label: f.getAttribute('data-testid')!,
      box: rect(f),
    }));
    return { labels, inset, insets } as { labels: Labelled[]; inset: Labelled[]; insets: Labelled[] };
  });
}

describe('map labels never collide, at 18 and 94 units, on the wall and in the briefing', () => {
  let maps: TwoMaps;
  beforeAll(async () => void (maps = await twoMaps(TODAY)));
  afterAll(async () => await maps?.stop());
  const open = (viewport: { width: number; height: number }, touch = false) => maps.open(viewport, touch);

  const cases = [
    { name: '18', srv: () => maps.districts, units: 18 },
    { name: '94', srv: () => maps.communes, units: 93 },
  ];
  const sizes = [
    { width: 1920, height: 1080 },
    { width: 1024, height: 768 },
  ];

  for (const c of cases)
    for (const size of sizes)
      it(`wall, ${c.name} units at ${size.width}×${size.height}: no label over another or over an inset`, async () => {
        const page = await open(size);
        await page.goto(`${c.srv().url}/?mode=wall`);
        await page.waitForSelector(`[data-testid=map][data-ready=true][data-features="${c.units}"]`, { timeout: 60_000 });
        await page.screenshot({ path: join(SHOTS, `labels-wall-${c.name}-${size.width}x${size.height}.png`) });
        const { main, keys, inset, insets } = await wallBoxes(page);
        expect(main.length).toBeGreaterThan(4);
        // Number keys (and their legend) for unlabelled units at risk or worse: clear of labels, insets and each other.
        expect(collisions([...main, ...keys], insets)).toEqual([]);
        if (c.name === '94' && size.width === 1920) {
          expect(keys.length).toBeGreaterThan(1);
          expect(await page.locator('[data-testid=key-legend] li:not([data-probe])').count()).toBe(
            keys.length - 1 + ((await page.locator('[data-testid=key-legend] li.more').count()) > 0 ? 1 : 0),
          );
        }
        expect(collisions(inset, [])).toEqual([]);
        // The 94-unit map frames the urban core: its wards are named there.
        if (c.name === '94') expect(inset.length).toBeGreaterThan(4);
      });

  for (const c of cases)
    for (const size of sizes)
      it(`briefing summary as printed (the PDF export's page), ${c.name} units at ${size.width}×${size.height}: no label collides`, async () => {
        const page = await open(size);
        // The export renders this page (server/export/briefing.ts) in print media at the PDF's size.
        await page.emulateMedia({ media: 'print' });
        await page.goto(`${c.srv().url}/?mode=briefing&print=1`);
        await page.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
        await page.waitForSelector('[data-testid=slide][data-kind=summary] [data-testid=svg-map]');
        const { labels, inset, insets } = await svgBoxes(page);
        await page
          .locator('[data-testid=slide][data-kind=summary]')
          .screenshot({ path: join(SHOTS, `labels-briefing-${c.name}-${size.width}x${size.height}.png`) });
        expect(labels.length).toBeGreaterThan(4);
        expect(collisions(labels, insets)).toEqual([]);
        expect(collisions(inset, [])).toEqual([]);
      });

  it('touch at 1024×768, 94 units: the smallest ward is tapped in the urban-core inset and opens its detail', async () => {
    const page = await open({ width: 1024, height: 768 }, true);
    await page.goto(`${maps.communes.url}/?mode=touch`);
    await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
    const core = (await page.locator('[data-testid=core-inset]').getAttribute('data-units'))!.split(' ');
    const geo = (await (await fetch(`${maps.communes.url}/api/geo?version=communes-2025`)).json()) as Boundaries;
    const smallest = geo.features.filter((f) => core.includes(f.properties.id)).toSorted((a, b) => areaOf(a.geometry) - areaOf(b.geometry))[0]!.properties.id;
    // A point of the ward's own shape that the finger reaches (no label or neighbour on top).
    const at = await page.locator(`[data-testid=core-inset] path[data-unit="${smallest}"]`).evaluate((el) => {
      const path = el as SVGPathElement;
      const b = path.getBBox();
      const m = path.getScreenCTM()!;
      for (let i = 1; i < 10; i++)
        for (let j = 1; j < 10; j++) {
          const p = new DOMPoint(b.x + (b.width * i) / 10, b.y + (b.height * j) / 10);
          const s = p.matrixTransform(m);
          if (path.isPointInFill(p) && document.elementFromPoint(s.x, s.y) === path) return [s.x, s.y] as const;
        }
      return null;
    });
    expect(at, `no tappable point of ${smallest}`).not.toBeNull();
    await page.screenshot({ path: join(SHOTS, 'labels-touch-94-1024x768.png') });
    await page.touchscreen.tap(at![0], at![1]);
    await page.waitForSelector(`[data-testid=unit-detail][data-unit="${smallest}"]`, { timeout: 30_000 });
  });
});
