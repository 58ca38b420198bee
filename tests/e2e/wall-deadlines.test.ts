import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/protocol/index.js';
import { ensureWebBuilt } from '../../server/webbuild.js';
import { dateText } from '../../web/lib/i18n.js';
import { deadlineGroups } from '../../web/panels/deadlines.js';
import { ROOT, startServer, type TestServer } from '../helpers/server.js';
import { launch, type Browser } from './browser.js';

const WEB = join(ROOT, 'dist/web');

/** What the page shows of a list: its items wholly inside every clipping box, in order, with their data attributes. */
function visibleItems(page: Page, selector: string): Promise<(Record<string, string | undefined> & { text: string })[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => {
        const r = el.getBoundingClientRect();
        for (let c = el.parentElement; c && c !== document.body; c = c.parentElement) {
          if (getComputedStyle(c).overflow === 'visible') continue;
          const b = c.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) return false;
        }
        return r.width > 0 && r.height > 0;
      })
      .map((el) => ({ ...(el as HTMLElement).dataset, text: (el as HTMLElement).innerText })),
  );
}

describe('deadlines on the wall', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  let snapshot: Snapshot;

  beforeAll(async () => {
    await ensureWebBuilt(ROOT, WEB, () => {});
    srv = await startServer({ webRoot: WEB });
    snapshot = (await (await fetch(`${srv.url}/api/state`)).json()) as Snapshot;
    browser = await launch({ width: 1920, height: 1080 });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });
  afterAll(async () => {
    await browser?.close();
    await srv?.stop();
  });

  it('the overview carries the next deadlines: date, days left, indicator and units behind, soonest first', async () => {
    await page.goto(`${srv.url}/?mode=wall&playlist=overview-only`);
    await page.waitForSelector('[data-testid=deadline-strip] .row');
    const expected = deadlineGroups(snapshot).flatMap((g) =>
      g.rows.map((r) => ({ deadline: g.deadline, indicator: r.indicator.id, behind: String(r.behind) })),
    );
    expect(expected.length).toBeGreaterThan(0);
    const rows = await visibleItems(page, '[data-testid=deadline-strip] .row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map(({ deadline, indicator, behind }) => ({ deadline, indicator, behind }))).toEqual(expected.slice(0, rows.length));
    const first = deadlineGroups(snapshot)[0]!;
    const when = (await visibleItems(page, '[data-testid=deadline-strip] .when'))[0]!;
    expect(when.text).toContain(dateText(first.deadline, snapshot.province.timezone));
    expect(when.text).toMatch(first.daysLeft < 0 ? /quá hạn \d+\u00a0ngày/ : first.daysLeft > 0 ? /còn \d+\u00a0ngày/ : /hôm nay/);
    expect(rows[0]!.text).toContain(first.rows[0]!.indicator.short.vi);
  });

  it('each ranked row leads with one figure, its number and unit held together', async () => {
    const figures = await page.$$eval('[data-testid=worst-units] [data-testid=row-figure]', (els) => els.map((e) => e.textContent ?? ''));
    expect(figures.length).toBeGreaterThan(2);
    for (const f of figures) expect(f).toMatch(/^(—|[+−]?[\d.,]+(\u00a0(điểm|ngày|%))?|\d\d\/\d{4})$/);
  });

  it('the deadlines scene lists every deadline in force with the units behind on each indicator', async () => {
    await page.goto(`${srv.url}/?mode=wall&playlist=deadlines-only`);
    await page.waitForSelector('[data-testid=deadlines-scene] li[data-indicator]');
    const groups = deadlineGroups(snapshot);
    const rows = await visibleItems(page, '[data-testid=deadlines-scene] li[data-indicator]');
    const expected = groups.flatMap((g) => g.rows.map((r) => ({ indicator: r.indicator.id, behind: String(r.behind), deadline: g.deadline })));
    expect(rows.length).toBeGreaterThanOrEqual(Math.min(expected.length, 8));
    expect(rows.map(({ indicator, behind, deadline }) => ({ indicator, behind, deadline }))).toEqual(expected.slice(0, rows.length));
    // The bar's segments add up to the units on the indicator.
    const sums = await page.$$eval('[data-testid=deadlines-scene] li[data-indicator] .bar', (bars) =>
      bars.map((b) => [...b.querySelectorAll('.seg')].reduce((n, s) => n + Number(s.textContent), 0)),
    );
    expect(sums).toEqual(groups.flatMap((g) => g.rows.map((r) => r.total)));
  });
});
