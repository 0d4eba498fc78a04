/** Synthetic speech turns: how many speakers, who speaks when, with overlaps, and the exclusive view. */

import { randomBetween, randomInt } from './prng';
import type { Random } from './prng';

export interface Turn {
  speaker: number;
  start: number;
  end: number;
}

export interface SpeakerRequest {
  numSpeakers?: number;
  minSpeakers?: number;
  maxSpeakers?: number;
}

export interface SpeakerPlan {
  count: number;
  warning?: string;
}

/** Each speaker needs at least this much audio to be told apart. */
const SECONDS_PER_SPEAKER = 1;
const MIN_TURN_SECONDS = 0.3;
/** Probability that a turn starts before the previous one ends (overlapped speech). */
const OVERLAP_PROBABILITY = 0.25;

export function speakerLabel(index: number): string {
  return `SPEAKER_${String(index).padStart(2, '0')}`;
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Decides the speaker count, honouring the request when the audio is long enough for it. */
export function planSpeakers(rng: Random, duration: number, request: SpeakerRequest): SpeakerPlan {
  const plausible =
    duration < MIN_TURN_SECONDS ? 0 : Math.max(1, Math.floor(duration / SECONDS_PER_SPEAKER));
  const { numSpeakers, minSpeakers, maxSpeakers } = request;
  if (numSpeakers !== undefined) {
    const wanted = Math.max(1, Math.floor(numSpeakers));
    return wanted <= plausible
      ? { count: wanted }
      : { count: plausible, warning: `Could not find exactly ${wanted} speakers.` };
  }
  const low = Math.max(1, Math.floor(minSpeakers ?? 1));
  const high = Math.max(low, Math.floor(maxSpeakers ?? Math.max(low, 4)));
  if (low > plausible)
    return { count: plausible, warning: `Could not find at least ${low} speakers.` };
  return { count: randomInt(rng, low, Math.min(high, plausible)) };
}

/**
 * Speech turns covering the audio, sorted by start. Each of the `count` speakers speaks at least
 * once when there is room; a turn overlaps at most its predecessor, and never its own speaker.
 */
export function generateTurns(rng: Random, duration: number, count: number): Turn[] {
  if (count <= 0 || duration < MIN_TURN_SECONDS) return [];
  const meanTurn = Math.min(6, Math.max(0.4, duration / (count * 3)));
  const turns: Turn[] = [];
  let start = round3(randomBetween(rng, 0, Math.min(0.5, duration * 0.05)));
  let overlapped = 0;
  while (duration - start >= MIN_TURN_SECONDS) {
    const previous = turns[turns.length - 1];
    const end = round3(
      Math.min(
        duration,
        start + Math.max(meanTurn * randomBetween(rng, 0.5, 1.5), overlapped + 0.1),
      ),
    );
    if (end - start < MIN_TURN_SECONDS / 2) break;
    let speaker = turns.length < count ? turns.length : randomInt(rng, 0, count - 1);
    if (count > 1 && previous && speaker === previous.speaker) speaker = (speaker + 1) % count;
    turns.push({ speaker, start, end });
    // Never two overlaps in a row, so no turn reaches back past its predecessor.
    const overlap =
      count > 1 && overlapped === 0 && rng() < OVERLAP_PROBABILITY
        ? round3((end - start) * randomBetween(rng, 0.1, 0.4))
        : 0;
    overlapped = overlap;
    start = overlap > 0 ? round3(end - overlap) : round3(end + randomBetween(rng, 0.05, 0.6));
  }
  return turns;
}

/** The same turns with overlapped speech given to the earlier speaker, so nothing overlaps. */
export function exclusiveTurns(turns: readonly Turn[]): Turn[] {
  const out: Turn[] = [];
  let cursor = 0;
  for (const turn of turns) {
    const start = Math.max(turn.start, cursor);
    if (start >= turn.end) continue;
    const last = out[out.length - 1];
    if (last && last.speaker === turn.speaker && last.end === start) last.end = turn.end;
    else out.push({ speaker: turn.speaker, start, end: turn.end });
    cursor = Math.max(cursor, turn.end);
  }
  return out;
}
