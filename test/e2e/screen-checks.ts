/**
 * A screen's checks in a small window, for the browser tests: one scroll area, nothing wider than
 * the window, and at every scroll position no text cut off and nothing on top of anything else; and
 * whether a control can be brought into view whole.
 */

import type { Locator, Page } from 'playwright-core';
import { screenshot } from './harness';
import { layoutProblems, SCROLL_AREAS, type ScrollAreas } from '../support/layout';

/**
 * Checks the screen as it is: its scroll areas, then its layout at each step of scrolling the one
 * area from top to bottom (and back to the top). Answers the problems, prefixed with the screen.
 */
export async function checkScreen(page: Page, screen: string, tag: string): Promise<string[]> {
  await page.waitForTimeout(150);
  const problems: string[] = [];
  const areas = await page.evaluate<ScrollAreas>(SCROLL_AREAS);
  const inDialog = (await page.locator('dialog[open]').count()) > 0;
  // The key screen scrolls as a page; the app's screens in its one area (.app).
  if (areas.vertical.length > 1)
    problems.push(`more than one scroll area: ${areas.vertical.join(', ')}`);
  for (const box of areas.wider) problems.push(`wider than the window: ${box}`);
  const area = inDialog ? 'dialog[open] .modal-body' : '.app';
  const scroll = (to: number) =>
    page.evaluate<{ top: number; end: boolean }>(`(() => {
      const box = document.querySelector(${JSON.stringify(area)}) || document.scrollingElement;
      box.scrollTop = ${to};
      return { top: box.scrollTop, end: box.scrollTop + box.clientHeight >= box.scrollHeight - 1 };
    })()`);
  const viewport = page.viewportSize();
  const step = Math.round((viewport?.height ?? 400) * 0.75);
  let at = await scroll(0);
  for (let n = 0; n < 40; n++) {
    await page.waitForTimeout(60);
    const found = await page.evaluate<string[]>(layoutProblems({ english: false }));
    problems.push(...found.map((problem) => `at ${at.top} px: ${problem}`));
    if (n === 0) await screenshot(page, `small-${tag}-${screen}`);
    if (at.end) break;
    at = await scroll(at.top + step);
  }
  await scroll(0);
  return [...new Set(problems)].map((problem) => `${screen}: ${problem}`);
}

/** What `reachable` uses of an element, in the page (this side is compiled without the DOM's types). */
interface PageElement {
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
  ownerDocument: { elementFromPoint(x: number, y: number): unknown };
  contains(other: unknown): boolean;
  labels?: ArrayLike<{ contains(other: unknown): boolean }> | null;
}

/** Brings a control into view as the browser would for a person, and says whether it shows whole. */
export async function reachable(page: Page, control: Locator): Promise<boolean> {
  await control.scrollIntoViewIfNeeded();
  const box = await control.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  const inside =
    box.x >= -1 &&
    box.y >= -1 &&
    box.x + box.width <= viewport.width + 1 &&
    box.y + box.height <= viewport.height + 1;
  // Nothing lies on top of it: what is at its centre is it (or its own label, or inside it).
  const onTop = await control.evaluate((el: PageElement) => {
    const r = el.getBoundingClientRect();
    const at = el.ownerDocument.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const labels = Array.from(el.labels ?? []);
    return !!at && (el === at || el.contains(at) || labels.some((label) => label.contains(at)));
  });
  return inside && onTop;
}
