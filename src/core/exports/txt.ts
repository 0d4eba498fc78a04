/** A plain-text transcript to read or paste: a summary header, then one paragraph per turn. */

import type { SavedResult } from '../../shared/result';
import { cuesFor } from './cues';
import { nameLookup, singleLine } from './text';
import { clock } from './time';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function header(result: SavedResult, nameOf: (label: string) => string): string[] {
  const lines = [`File: ${singleLine(result.source.name)}`];
  const duration = result.source.durationSeconds;
  if (duration !== undefined && Number.isFinite(duration)) {
    lines.push(`Duration: ${clock(Math.round(duration))}`);
  } else {
    // Without a probed duration, the end of the last speech is the best honest figure.
    const lastEnd = result.segments.reduce((max, s) => Math.max(max, s.end), 0);
    lines.push(`Duration: at least ${clock(Math.ceil(lastEnd))} (end of the last speech)`);
  }
  lines.push(`Speakers: ${result.speakers.length}`);
  for (const speaker of result.speakers) {
    lines.push(
      `- ${singleLine(nameOf(speaker.label))}: ${clock(Math.round(speaker.totalSeconds))} speaking, ${plural(speaker.turnCount, 'turn')}`,
    );
  }
  if (result.warning) lines.push(`Note from pyannoteAI: ${singleLine(result.warning)}`);
  return lines;
}

/**
 * Turns come from the same source as the subtitles (transcribed turns, else exclusive, else
 * full diarization). Ranges round outward to whole seconds so a range always covers the turn.
 */
export function toTxt(result: SavedResult): string {
  const nameOf = nameLookup(result);
  const paragraphs = cuesFor(result).map((cue) => {
    const name = singleLine(nameOf(cue.speaker));
    const start = clock(Math.floor(cue.startMs / 1000));
    if (cue.text !== undefined) {
      const text = singleLine(cue.text);
      return text ? `[${start}] ${name}: ${text}` : `[${start}] ${name}`;
    }
    return `[${start}–${clock(Math.ceil(cue.endMs / 1000))}] ${name}`;
  });
  const body = paragraphs.length > 0 ? paragraphs : ['(No speech was found in this recording.)'];
  return `${header(result, nameOf).join('\n')}\n\n${body.join('\n\n')}\n`;
}
