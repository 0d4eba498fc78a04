/** The result's turns in the shapes the result view needs: a sorted list, per-speaker lanes, lookups by time. */

import type { CorrectedResult, CorrectedSegment } from '../../shared/corrections';
import type { SavedResult } from '../../shared/result';

export interface Turn {
  speaker: string;
  start: number;
  end: number;
  text?: string;
  /** The service was less than 50 % sure this speaker is the one talking. */
  lowConfidence: boolean;
  /** A person changed this turn (its speaker, start or end). */
  corrected: boolean;
}

/** Below this per-turn score (0–100) a turn is marked for checking by ear. */
const LOW_CONFIDENCE = 50;

/**
 * With a transcript, its turns are listed (they carry the words); otherwise the diarization turns.
 * A transcript turn gets a confidence mark from the diarization turn that matches it exactly.
 */
export function buildTurns(
  result: Pick<CorrectedResult, 'segments' | 'transcription' | 'options'>,
): Turn[] {
  const scored = result.options.turnLevelConfidence;
  // A turn a person corrected has been checked by ear already.
  const isLow = (segment: CorrectedSegment) => {
    if (segment.corrected) return false;
    const score = segment.confidence?.[segment.speaker];
    return scored && score !== undefined && score < LOW_CONFIDENCE;
  };
  const transcript = result.transcription?.turns;
  if (transcript && transcript.length > 0) {
    const low = new Set(
      result.segments.filter(isLow).map((s) => `${s.speaker}|${s.start}|${s.end}`),
    );
    return transcript
      .map((t) => ({
        speaker: t.speaker,
        start: t.start,
        end: t.end,
        text: t.text,
        lowConfidence: !t.corrected && low.has(`${t.speaker}|${t.start}|${t.end}`),
        corrected: t.corrected,
      }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
  }
  return result.segments.map((s) => ({
    speaker: s.speaker,
    start: s.start,
    end: s.end,
    lowConfidence: isLow(s),
    corrected: s.corrected,
  }));
}

/** Each speaker's segments in start order, in the order of `result.speakers`. */
export function buildLanes(
  result: Pick<CorrectedResult, 'segments' | 'speakers'>,
): CorrectedSegment[][] {
  const index = new Map(result.speakers.map((s, i) => [s.label, i]));
  const lanes = result.speakers.map((): CorrectedSegment[] => []);
  for (const segment of result.segments) {
    const lane = index.get(segment.speaker);
    if (lane !== undefined) lanes[lane]?.push(segment);
  }
  return lanes;
}

/** The recording's length, or the end of the last turn when the length is unknown. */
export function recordingLength(result: SavedResult): number {
  const known = result.source.durationSeconds;
  if (known && known > 0) return known;
  return result.segments.reduce((end, s) => Math.max(end, s.end), 0) || 1;
}

/** Index of the last item whose start is at or before `time`, or -1 (items sorted by start). */
export function lastStartingBefore(items: readonly { start: number }[], time: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((items[mid]?.start ?? Infinity) <= time) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** How far back to look for a longer turn that still covers `time` when people overlap. */
const OVERLAP_LOOKBACK = 8;

/** The turn being spoken at `time`, or -1 in a pause. */
export function turnAt(turns: readonly Turn[], time: number): number {
  const last = lastStartingBefore(turns, time);
  for (let i = last; i >= 0 && i > last - OVERLAP_LOOKBACK; i -= 1) {
    const turn = turns[i];
    if (turn && time < turn.end) return i;
  }
  return -1;
}
