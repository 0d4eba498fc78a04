/** Per-speaker totals for a result's summary, computed in one pass over the diarization. */

import type { SpeakerSummary } from '../../shared/result';
import { compareLabels, type Timed } from './segments';

/**
 * Totals come from the full (overlapping) diarization, so overlapping speech counts for each
 * speaker. Labels seen only in `otherSources` (exclusive diarization, transcription) are still
 * speakers a person may want to name, so they are listed with zero time and turns.
 */
export function summarizeSpeakers(
  segments: readonly Timed[],
  otherSources: readonly (readonly Timed[])[],
): SpeakerSummary[] {
  const totals = new Map<string, { seconds: number; turns: number }>();
  for (const segment of segments) {
    const entry = totals.get(segment.speaker);
    if (entry) {
      entry.seconds += segment.end - segment.start;
      entry.turns += 1;
    } else {
      totals.set(segment.speaker, { seconds: segment.end - segment.start, turns: 1 });
    }
  }
  for (const source of otherSources) {
    for (const item of source) {
      if (!totals.has(item.speaker)) totals.set(item.speaker, { seconds: 0, turns: 0 });
    }
  }
  return [...totals]
    .map(([label, { seconds, turns }]) => ({
      label,
      // Summing thousands of floats leaves noise like 12.300000000000004; milliseconds suffice.
      totalSeconds: Math.round(seconds * 1000) / 1000,
      turnCount: turns,
    }))
    .sort((a, b) => compareLabels(a.label, b.label));
}
