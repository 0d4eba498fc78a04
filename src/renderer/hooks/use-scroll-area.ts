/**
 * The element that scrolls a virtualized list. In a large window each long list scrolls in its own
 * box; in a small one (a short laptop screen, or 200 % zoom) the stylesheet makes the whole window
 * one scroll area and the list's box takes its full height (styles.css, "Small windows"). The
 * stylesheet decides; this finds out which it is, and where the list starts inside that area, so
 * TanStack Virtual draws the rows that are on screen either way.
 */

import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface ScrollArea {
  /** What scrolls the list: its own box, or the window's one scroll area. */
  element: HTMLElement | null;
  /** How far down that area the list starts (0 when the list scrolls in its own box). */
  margin: number;
}

const NONE: ScrollArea = { element: null, margin: 0 };

/** The nearest box from `box` up that scrolls vertically (by its style, not by its content). */
function scrollingBox(box: HTMLElement): HTMLElement {
  for (let at: HTMLElement | null = box; at; at = at.parentElement) {
    const { overflowY } = getComputedStyle(at);
    if (overflowY === 'auto' || overflowY === 'scroll') return at;
  }
  return box;
}

function measure(box: HTMLElement): ScrollArea {
  const element = scrollingBox(box);
  if (element === box) return { element, margin: 0 };
  const offset = box.getBoundingClientRect().top - element.getBoundingClientRect().top;
  return { element, margin: Math.round(offset + element.scrollTop) };
}

/**
 * Which element scrolls the list in `boxRef`, and the list's offset in it; measured again when
 * the window is resized (the layout may switch) and when what stands above the list changes
 * height (a banner, a wrapped toolbar). `key` names what replaces the box (a view switch).
 */
export function useScrollArea(
  boxRef: RefObject<HTMLElement | null>,
  key?: unknown,
): ScrollArea & {
  /**
   * The element as measured last, for TanStack's `getScrollElement`: set in this hook's layout
   * effect, which runs before the virtualizer's, so the list attaches in the same commit (and is
   * drawn in the one re-render that follows, not one render later).
   */
  current(): HTMLElement | null;
} {
  const [area, setArea] = useState<ScrollArea>(NONE);
  const latest = useRef<HTMLElement | null>(null);
  const current = useCallback(() => latest.current, []);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) {
      latest.current = null;
      setArea(NONE);
      return;
    }
    let observed: HTMLElement | undefined;
    const update = () => {
      const next = measure(box);
      latest.current = next.element;
      setArea((before) =>
        before.element === next.element && before.margin === next.margin ? before : next,
      );
      if (next.element === observed) return;
      // Everything inside the area that could move the list: its children change height.
      resizes.disconnect();
      observed = next.element ?? undefined;
      if (observed && observed !== box)
        for (const child of Array.from(observed.children)) resizes.observe(child);
    };
    const resizes = new ResizeObserver(update);
    update();
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('resize', update);
      resizes.disconnect();
    };
  }, [boxRef, key]);
  return { ...area, current };
}

/** Whether any of `box` shows in the scroll area `area` (always, when it is its own area). */
export function inSight(box: Element, area: Element): boolean {
  if (box === area) return true;
  const shown = area.getBoundingClientRect();
  const at = box.getBoundingClientRect();
  return at.bottom > shown.top && at.top < shown.bottom;
}
