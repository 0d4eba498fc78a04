/**
 * Where keyboard focus goes after an action that removes or replaces the control it was on (Start,
 * Leave out, Remove, Open result…). Without this the browser drops focus to the page body, and a
 * keyboard or screen-reader user has to find their place again from the top.
 */

/** How long the target may take to appear (a result opening, a list arriving). */
const WAIT_MS = 3_000;

/** The move under way; a newer action's move replaces it rather than competing with it. */
let stopCurrent: (() => void) | undefined;

/**
 * Moves focus to what `find` returns once it is in the page, and again while the view settles: a
 * loading heading giving way to the loaded one, or a better target appearing (`find` may fall
 * back to a list's heading until the row itself is drawn). It stays out of the way as soon as the
 * person puts focus somewhere themselves. A target that is not focusable by nature (a heading)
 * is made focusable by script only, so it does not become an extra Tab stop.
 */
export function moveFocus(find: () => HTMLElement | null | undefined): void {
  stopCurrent?.();
  const startedOn = document.activeElement;
  let placed: HTMLElement | undefined;
  /** Focus is nowhere, still on what started the action, or still where this move put it. */
  const ours = () => {
    const active = document.activeElement;
    return (
      active === null ||
      active === document.body ||
      !active.isConnected ||
      active === startedOn ||
      (placed !== undefined && active === placed)
    );
  };
  const attempt = () => {
    if (!ours()) return stop();
    const target = find();
    if (!target?.isConnected || target === document.activeElement) return;
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
    if (document.activeElement === target) placed = target;
  };
  const observer = new MutationObserver(attempt);
  const timer = setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    if (stopCurrent === stop) stopCurrent = undefined;
  };
  stopCurrent = stop;
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  // After the current render commits (the action's state change is applied first).
  requestAnimationFrame(attempt);
}

/** The element with this id, for `moveFocus`. */
export function byId(id: string): () => HTMLElement | null {
  return () => document.getElementById(id);
}

/** Ids of the fixed places focus is sent back to. */
export const FOCUS_TARGETS = {
  addRecordings: 'add-recordings',
  batchHeading: 'batch-heading',
  jobsHeading: 'jobs-heading',
  keyScreenHeading: 'key-screen-heading',
  resultHeading: 'result-heading',
} as const;
