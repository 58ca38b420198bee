import type { Page } from 'playwright-core';

/** The walls the layout is made for: 1080p, 4K and a 32:9 video wall. */
export const WALL_SIZES = [
  [1920, 1080],
  [3840, 2160],
  [7680, 2160],
] as const;

/** One visible piece of text on the page: its element, its computed font size and how many characters it holds. */
export interface TextSample {
  name: string;
  px: number;
  chars: number;
  footer: boolean;
}

/**
 * Every visible HTML text on the page with its computed font size: text nodes whose element is
 * displayed, not hidden from assistive technology, inside the viewport and not clipped away.
 * Text drawn into the map's canvas and glyphs inside SVG graphics are not DOM text and are left out.
 */
export function textSizes(page: Page): Promise<TextSample[]> {
  return page.evaluate(() => {
    const out: TextSample[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!el || !text || el.closest('svg') || el.closest('[aria-hidden=true]')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) continue;
      // Items a list clips out of sight on purpose (see app.css, `.fit`) are not on screen: check every clipping box.
      let hidden = false;
      for (let clip = el.parentElement; clip && clip !== document.body && !hidden; clip = clip.parentElement) {
        if (getComputedStyle(clip).overflow === 'visible') continue;
        const c = clip.getBoundingClientRect();
        hidden = r.left >= c.right - 1 || r.right <= c.left + 1 || r.top >= c.bottom - 1 || r.bottom <= c.top + 1;
      }
      if (hidden) continue;
      const name = `${el.tagName.toLowerCase()}.${String(el.className).replace(/\s*svelte-\w+/g, '')}: "${text.slice(0, 40)}"`;
      out.push({ name, px: Math.round(parseFloat(style.fontSize) * 10) / 10, chars: text.length, footer: el.closest('[data-testid=credits]') !== null });
    }
    return out;
  });
}
