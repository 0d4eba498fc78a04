/** Which timed entries become subtitle cues and transcript paragraphs, and with what text. */

import type { SavedResult } from '../../shared/result';
import { toMs } from './time';

export interface Cue {
  speaker: string;
  startMs: number;
  endMs: number;
  /** Present only when the job had a transcription. */
  text?: string;
}

/** A transcription that found no words is treated as none, so the speakers still show up. */
export function hasTranscript(result: SavedResult): boolean {
  return (result.transcription?.turns.length ?? 0) > 0;
}

/**
 * Transcribed turns when there are any (they carry the words); otherwise the exclusive
 * diarization when the job has it, because subtitles read badly when they overlap; otherwise
 * the full diarization. Entries shorter than a millisecond are dropped: after rounding they
 * would give cues that end where they start, which players reject or skip.
 */
export function cuesFor(result: SavedResult): Cue[] {
  const cues: Cue[] = [];
  if (hasTranscript(result)) {
    for (const turn of result.transcription?.turns ?? []) {
      const cue = { speaker: turn.speaker, startMs: toMs(turn.start), endMs: toMs(turn.end) };
      if (cue.endMs > cue.startMs) cues.push({ ...cue, text: turn.text });
    }
  } else {
    for (const segment of result.exclusiveSegments ?? result.segments) {
      const cue = {
        speaker: segment.speaker,
        startMs: toMs(segment.start),
        endMs: toMs(segment.end),
      };
      if (cue.endMs > cue.startMs) cues.push(cue);
    }
  }
  // Saved results are sorted already; sorting again costs little and guarantees cue order.
  return cues.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}
