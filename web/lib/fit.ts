/** Whole items only: a list shows the children that fit inside its box and hides the rest (a wall never shows a card cut in half). */

/**
 * A Svelte action: hide every child of `list` from the first one whose box leaves the list's box,
 * again on every resize or change of its children; `onHidden` hears how many are hidden ("+N more").
 */
export function fitWhole(list: HTMLElement, onHidden: (hidden: number) => void): { update(f: typeof onHidden): void; destroy(): void } {
  let report = onHidden;
  let frame = 0;
  // Once per frame at most: a resize and a change together are measured once, and no callback feeds another.
  const later = () => {
    if (!frame) frame = requestAnimationFrame(fit);
  };
  const fit = () => {
    frame = 0;
    const items = [...list.children] as HTMLElement[];
    // Each card watched too: its height changes when the web font arrives or its text wraps anew.
    for (const el of items) {
      el.hidden = false;
      resized.observe(el);
    }
    const bottom = list.getBoundingClientRect().bottom + 0.5;
    let hidden = 0;
    for (const el of items) {
      if (hidden || el.getBoundingClientRect().bottom > bottom) {
        el.hidden = true;
        hidden++;
      }
    }
    report(hidden);
  };
  // Its own `hidden` changes are attributes, which the mutation observer does not watch.
  const resized = new ResizeObserver(later);
  resized.observe(list);
  const changed = new MutationObserver(later);
  changed.observe(list, { childList: true, subtree: true, characterData: true });
  later();
  void document.fonts?.ready.then(later);
  return {
    update: (f) => void (report = f),
    destroy: () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
    },
  };
}
