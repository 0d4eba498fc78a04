/**
 * The job list is one tab stop (roving tabindex): arrow keys move between rows, Enter opens a
 * finished result, Space chooses the row. This says where a key moves the current row to.
 */

/** How many rows Page Up and Page Down move by. */
export const PAGE_ROWS = 10;

/** The row a key moves to from row `index` of `count`, or undefined when the key does not move. */
export function rowAfterKey(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const clamp = (at: number) => Math.max(0, Math.min(last, at));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return clamp(index + PAGE_ROWS);
    case 'PageUp':
      return clamp(index - PAGE_ROWS);
    default:
      return undefined;
  }
}

/**
 * The row that takes Tab: the current one while it is drawn, else the first row drawn (a
 * virtualized list draws only the rows on screen), so the list always has exactly one.
 */
export function tabbableRow(
  current: string | undefined,
  drawn: readonly string[],
): string | undefined {
  return current !== undefined && drawn.includes(current) ? current : drawn[0];
}
