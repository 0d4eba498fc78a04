/**
 * The player's keyboard shortcuts while the result view is shown: Space plays or pauses, ← and →
 * go back and forward 5 s, ↑/↓ (or K/J) go to the previous or next turn. Never while typing in a
 * field, behind a dialog, or where the key already means something (a button's Space, the
 * timeline's sideways scrolling, the turn list's own arrows).
 */

import { lastStartingBefore } from './turns';

export type ShortcutAction = 'toggle' | 'back' | 'forward' | 'previous' | 'next';

/** Seconds that ← and → move. */
export const SKIP_SECONDS = 5;
/** "Previous turn" within this many seconds of a turn's start goes to the turn before it. */
const RESTART_WINDOW = 1;

/** On a Mac the command key stands where Ctrl is elsewhere. */
export const isMac = (): boolean =>
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The action a key press asks for, or undefined when the page should handle it as usual. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (document.querySelector('dialog[open]')) return undefined;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('input, textarea, select, audio, [contenteditable="true"]')) return undefined;
  const inTurnList = Boolean(target?.closest('.turn-list'));
  switch (event.key) {
    case ' ':
      // A focused button, link or summary keeps its own Space; a turn in the list plays with Enter.
      if (!inTurnList && target?.closest('button, a, summary, [role="button"]')) return undefined;
      return event.shiftKey ? undefined : 'toggle';
    case 'ArrowLeft':
    case 'ArrowRight':
      if (event.shiftKey || target?.closest('.timeline-scroller')) return undefined;
      return event.key === 'ArrowLeft' ? 'back' : 'forward';
    case 'ArrowUp':
    case 'ArrowDown':
      if (event.shiftKey || inTurnList) return undefined;
      return event.key === 'ArrowUp' ? 'previous' : 'next';
    case 'j':
    case 'J':
      return 'next';
    case 'k':
    case 'K':
      return 'previous';
    default:
      return undefined;
  }
}

/** Where "previous turn" and "next turn" go from `time`: a turn's start, or undefined at either end. */
export function turnStep(
  turns: readonly { start: number }[],
  time: number,
  direction: 'previous' | 'next',
): number | undefined {
  if (direction === 'next') return turns[lastStartingBefore(turns, time + 0.05) + 1]?.start;
  const index = lastStartingBefore(turns, time - RESTART_WINDOW);
  return index >= 0 ? turns[index]?.start : turns.length > 0 ? 0 : undefined;
}
