/** Cleaning and ordering of timed, speaker-labelled entries shared by every part of a result. */

export interface Timed {
  speaker: string;
  start: number;
  end: number;
}

// Numeric collation keeps "SPEAKER_2" before "SPEAKER_10" should the service ever stop padding.
const collator = new Intl.Collator('en', { numeric: true });

export function compareLabels(a: string, b: string): number {
  // The collator may call distinct strings equal; code-unit order keeps the sort deterministic.
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function compareTimed(a: Timed, b: Timed): number {
  return a.start - b.start || a.end - b.end || compareLabels(a.speaker, b.speaker);
}

/**
 * Null when the entry cannot be shown on a timeline: non-finite, or no length once clamped.
 * Starts before zero are clamped because SRT, WebVTT and RTTM cannot express negative times.
 */
export function cleanTimes(start: number, end: number): { start: number; end: number } | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const clamped = Math.max(0, start);
  return end > clamped ? { start: clamped, end } : null;
}

/** Maps, drops (when `map` returns null) and sorts in one pass plus an O(n log n) sort. */
export function cleanAndSort<In, Out extends Timed>(
  items: readonly In[],
  map: (item: In) => Out | null,
): Out[] {
  const kept: Out[] = [];
  for (const item of items) {
    const mapped = map(item);
    if (mapped) kept.push(mapped);
  }
  return kept.sort(compareTimed);
}
