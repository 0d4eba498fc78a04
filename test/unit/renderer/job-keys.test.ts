import { describe, expect, it } from 'vitest';
import { PAGE_ROWS, rowAfterKey, tabbableRow } from '../../../src/renderer/store/job-keys';

describe('moving between job rows with the keyboard', () => {
  it('moves one row with the arrows, and stops at either end', () => {
    expect(rowAfterKey('ArrowDown', 0, 3)).toBe(1);
    expect(rowAfterKey('ArrowDown', 2, 3)).toBe(2);
    expect(rowAfterKey('ArrowUp', 1, 3)).toBe(0);
    expect(rowAfterKey('ArrowUp', 0, 3)).toBe(0);
  });

  it('jumps to the first and last row, and a page at a time', () => {
    expect(rowAfterKey('Home', 7, 30)).toBe(0);
    expect(rowAfterKey('End', 7, 30)).toBe(29);
    expect(rowAfterKey('PageDown', 7, 30)).toBe(7 + PAGE_ROWS);
    expect(rowAfterKey('PageDown', 25, 30)).toBe(29);
    expect(rowAfterKey('PageUp', 5, 30)).toBe(0);
  });

  it('leaves other keys (Enter, Space, Tab) to the row', () => {
    for (const key of ['Enter', ' ', 'Tab', 'a']) expect(rowAfterKey(key, 1, 3)).toBeUndefined();
    expect(rowAfterKey('ArrowDown', 0, 0)).toBeUndefined();
  });

  it('keeps exactly one row in the tab order: the current one while drawn, else the first drawn', () => {
    expect(tabbableRow('b', ['a', 'b', 'c'])).toBe('b');
    expect(tabbableRow('z', ['a', 'b', 'c'])).toBe('a');
    expect(tabbableRow(undefined, ['a', 'b'])).toBe('a');
    expect(tabbableRow('a', [])).toBeUndefined();
  });
});
