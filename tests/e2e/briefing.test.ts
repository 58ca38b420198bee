import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, post, type TestServer } from '../helpers/server.js';
import type { Browser } from './browser.js';
import { decode } from './pixels.js';
import { served, SHOTS, type Served } from './served.js';

const kind = (page: Page) => page.locator('[data-testid=slide]').getAttribute('data-kind');
const index = async (page: Page) => Number(await page.locator('[data-testid=briefing]').getAttribute('data-index'));

/** Press a key and wait until the briefing shows slide `want`. */
async function press(page: Page, key: string, want: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForSelector(`[data-testid=briefing][data-index="${want}"] [data-testid=slide][data-index="${want}"]`);
}

describe('leadership briefing: frozen figures, clicker keys, exports', () => {
  let s: Served;
  let srv: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    s = await served();
    ({ srv, browser, page } = s);
    await page.goto(`${srv.url}/?mode=briefing`);
    await page.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
  });
  afterAll(() => s?.stop());

  it('the clicker keys step through a sequence built from the data', async () => {
    const units = srv.state
      .snapshot()
      .units.filter((u) => u.level === 'off_track' || u.level === 'overdue')
      .sort((a, b) => a.rank - b.rank);
    expect(units.length).toBeGreaterThan(0);
    expect(await kind(page)).toBe('summary');
    expect(await page.locator('[data-testid=frozen-at]').innerText()).toBe('Số liệu chốt lúc 08:00 31/08/2024 · DEMO');
    await page.screenshot({ path: join(SHOTS, 'briefing-summary-1920x1080.png') });
    // Since July some units worsened (September's tasks near their deadline, not started): a slide of its own, not folded.
    expect(await page.locator('[data-testid=folded] [data-kind=worsened]').count()).toBe(0);
    await press(page, 'PageDown', 1);
    expect(await kind(page)).toBe('worsened');
    await press(page, 'PageDown', 2);
    expect(await kind(page)).toBe('unit');
    expect(await page.locator('[data-testid=slide]').getAttribute('data-unit')).toBe(units[0]!.id);
    await page.screenshot({ path: join(SHOTS, 'briefing-unit-1920x1080.png') });
    // One main chart, the indicator behind the unit's level; the others as rows of figures.
    expect(await page.locator('[data-testid=chart-target]').count()).toBe(1);
    expect(await page.locator('[data-testid=main-chart]').getAttribute('data-indicator')).toBe(units[0]!.reason.indicator);
    expect(await page.locator('[data-testid=unit-detail] .others li').count()).toBe(units[0]!.indicators.length - 1);
    await press(page, ' ', 3);
    await press(page, 'PageUp', 2);
    await press(page, 'ArrowLeft', 1);
    await press(page, 'ArrowLeft', 0);
    // The last slide: the tasks due this month (the shipped register has tasks), after the upcoming deadlines.
    const last = units.length + 4;
    await press(page, 'End', last);
    expect(await kind(page)).toBe('tasks');
    await press(page, 'ArrowLeft', last - 1);
    expect(await kind(page)).toBe('upcoming');
    await press(page, 'ArrowLeft', last - 2);
    expect(await kind(page)).toBe('compliance');
    await press(page, 'Home', 0);
    expect(await kind(page)).toBe('summary');
    // Past the last slide, nothing moves.
    await press(page, 'End', last);
    await page.keyboard.press('PageDown');
    expect(await index(page)).toBe(last);
    await press(page, 'Home', 0);
  });

  it('figures stay frozen while new readings arrive, until the presenter refreshes', async () => {
    const seq = await page.locator('[data-testid=briefing]').getAttribute('data-seq');
    const body = await page.locator('[data-testid=slide] > .body').innerText();
    const s = srv.state.snapshot();
    const target = new Map(s.indicators.map((i) => [i.id, i.target]));
    const unit = s.units.find((u) => u.id === 'que-son')!;
    expect(unit.level).not.toBe('met');
    const res = await post(srv.url, '/api/readings', {
      readings: unit.indicators.map((i) => ({ unit: 'que-son', indicator: i.id, value: target.get(i.id), at: new Date(DEMO_NOW).toISOString() })),
    });
    expect(res.status).toBe(200);
    // The stream tells the presenter newer figures exist; the slide does not change.
    await page.waitForSelector('[data-testid=newer]');
    expect(await page.locator('[data-testid=briefing]').getAttribute('data-seq')).toBe(seq);
    expect(await page.locator('[data-testid=slide] > .body').innerText()).toBe(body);
    expect(await page.locator('[data-testid=svg-map] [data-unit=que-son]').getAttribute('data-level')).toBe(unit.level);
    await page.keyboard.press('r');
    await page.waitForSelector(`[data-testid=briefing][data-ready=true]:not([data-seq="${seq}"])`);
    expect(await page.locator('[data-testid=svg-map] [data-unit=que-son]').getAttribute('data-level')).toBe(
      srv.state.snapshot().units.find((u) => u.id === 'que-son')!.level,
    );
    expect(await page.locator('[data-testid=newer]').count()).toBe(0);
  });

  it('exports the current slide as PNG and the whole briefing as a PDF, one page per slide', async () => {
    const slides = await page.evaluate(() => Number(document.querySelector('[data-testid=slide] .count')?.textContent?.split('/')[1]));
    await press(page, 'PageDown', 1);
    const [png] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.locator('[data-testid=export-png]').click()]);
    const pngFile = join(SHOTS, 'briefing-export.png');
    await png.saveAs(pngFile);
    const img = decode(readFileSync(pngFile));
    expect([img.width, img.height]).toEqual([1920, 1080]);
    expect(png.suggestedFilename()).toBe('giao-ban-2024-08-31-2.png');
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('[data-testid=export-pdf]').click()]);
    const pdfFile = join(SHOTS, 'briefing-export.pdf');
    await pdf.saveAs(pdfFile);
    const bytes = readFileSync(pdfFile);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(slides);
  });

  it('after the date slider was touched, the clicker still moves the slides and the date stays', async () => {
    await press(page, 'Home', 0);
    const asof = await page.locator('[data-testid=briefing]').getAttribute('data-asof');
    await page.focus('[data-testid=asof-slider]');
    await press(page, 'PageDown', 1);
    await press(page, 'ArrowRight', 2);
    await press(page, 'PageUp', 1);
    expect(await page.locator('[data-testid=briefing]').getAttribute('data-asof')).toBe(asof);
    expect(await page.locator('[data-testid=asof-slider]').inputValue()).toBe('0');
  });

  it('slides count from 1 in the address and on screen; the address follows; controls show only when the pointer moves', async () => {
    const p = await browser.context.newPage();
    await p.goto(`${srv.url}/?mode=briefing&slide=3`);
    await p.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
    expect(await kind(p)).toBe('unit');
    expect(await p.locator('[data-testid=slide] .count').innerText()).toMatch(/^3\//);
    await press(p, 'PageDown', 3);
    await p.waitForURL(/[?&]slide=4(&|$)/);
    await press(p, 'Home', 0);
    await p.waitForURL(/[?&]slide=1(&|$)/);
    expect(await kind(p)).toBe('summary');
    // Projected, the slide is clean until someone moves the pointer.
    expect(await p.locator('[data-testid=controls]').getAttribute('data-shown')).toBe('false');
    await p.mouse.move(400, 400);
    await p.waitForSelector('[data-testid=controls][data-shown=true]');
    await p.close();
    // The export counts the same way: there is no slide 0.
    const r = await fetch(`${srv.url}/api/export/briefing.png?asOf=2024-08-31&slide=0`);
    expect(r.status).toBe(400);
  });

  it('refuses a bad export request by naming the field', async () => {
    const r = await fetch(`${srv.url}/api/export/briefing.png?asOf=tomorrow`);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('asOf');
  });

  it('a briefing can be held on a past date, in English', async () => {
    const past = await browser.context.newPage();
    await past.goto(`${srv.url}/?mode=briefing&asOf=2024-07-31&lang=en`);
    await past.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
    expect(await past.locator('[data-testid=frozen-at]').innerText()).toBe('Figures as of 23:59 31/07/2024 · DEMO');
    expect(await past.locator('[data-testid=briefing]').getAttribute('data-asof')).toBe('2024-07-31T23:59:59.999+07:00');
    await past.close();
  });
});
