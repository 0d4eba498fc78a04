/**
 * Naive baseline: stands in for `@tanstack/react-virtual` in the baseline build, so the real
 * JobList and TurnsList render EVERY row (at the same estimated offsets) instead of the visible
 * window. Nothing else in those components changes.
 */

import type { PageElement } from '../ui-dom';

interface VirtualizerOptions {
  count: number;
  estimateSize(index: number): number;
  getItemKey?: (index: number) => string | number;
  getScrollElement(): unknown;
}

export interface VirtualItem {
  index: number;
  key: string | number;
  start: number;
  size: number;
  end: number;
  lane: number;
}

/** Every index of the range (the naive build renders them all anyway). */
export function defaultRangeExtractor(range: { startIndex: number; endIndex: number }): number[] {
  const indexes: number[] = [];
  for (let index = range.startIndex; index <= range.endIndex; index += 1) indexes.push(index);
  return indexes;
}

export function useVirtualizer(options: VirtualizerOptions) {
  const items: VirtualItem[] = [];
  let offset = 0;
  for (let index = 0; index < options.count; index += 1) {
    const size = options.estimateSize(index);
    const key = options.getItemKey?.(index) ?? index;
    items.push({ index, key, start: offset, size, end: offset + size, lane: 0 });
    offset += size;
  }
  return {
    getVirtualItems: () => items,
    measurementsCache: items,
    getTotalSize: () => offset,
    measureElement: () => undefined,
    scrollToIndex(index: number) {
      const element = options.getScrollElement() as PageElement | null;
      const item = items[index];
      if (element && item) element.scrollTop = item.start;
    },
  };
}
