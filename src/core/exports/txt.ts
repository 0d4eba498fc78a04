/** A plain-text transcript to read or paste: a summary header, then one paragraph per turn. */

import type { SavedResult } from '../../shared/result';
import { cuesFor } from './cues';
import { nameLookup, singleLine } from './text';
import { clock } from './time';
import { exportWords, type ExportWords } from './words';

function header(
  result: SavedResult,
  nameOf: (label: string) => string,
  words: ExportWords,
): string[] {
  const lines = [words.field(words.file, singleLine(result.source.name))];
  const duration = result.source.durationSeconds;
  if (duration !== undefined && Number.isFinite(duration)) {
    lines.push(words.field(words.duration, clock(Math.round(duration))));
  } else {
    // Without a probed duration, the end of the last speech is the best honest figure.
    const lastEnd = result.segments.reduce((max, s) => Math.max(max, s.end), 0);
    lines.push(words.field(words.duration, words.atLeast(clock(Math.ceil(lastEnd)))));
  }
  lines.push(words.field(words.speakers, words.count(result.speakers.length)));
  for (const speaker of result.speakers) {
    const line = words.speakerLine(clock(Math.round(speaker.totalSeconds)), speaker.turnCount);
    lines.push(`- ${words.field(singleLine(nameOf(speaker.label)), line)}`);
  }
  if (result.warning) lines.push(words.field(words.note, singleLine(result.warning)));
  return lines;
}

/**
 * Turns come from the same source as the subtitles (transcribed turns, else exclusive, else
 * full diarization). Ranges round outward to whole seconds so a range always covers the turn.
 */
export function toTxt(result: SavedResult, words: ExportWords = exportWords()): string {
  const nameOf = nameLookup(result, words.defaultSpeaker);
  const paragraphs = cuesFor(result).map((cue) => {
    const name = singleLine(nameOf(cue.speaker));
    const start = clock(Math.floor(cue.startMs / 1000));
    if (cue.text !== undefined) {
      const text = singleLine(cue.text);
      return text ? `[${start}] ${name}: ${text}` : `[${start}] ${name}`;
    }
    return `[${start}–${clock(Math.ceil(cue.endMs / 1000))}] ${name}`;
  });
  const body = paragraphs.length > 0 ? paragraphs : [`(${words.noSpeech})`];
  return `${header(result, nameOf, words).join('\n')}\n\n${body.join('\n\n')}\n`;
}
