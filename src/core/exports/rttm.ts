/** NIST RTTM: one SPEAKER line per diarization segment, the format scoring tools read. */

import type { SavedResult } from '../../shared/result';
import { nameLookup } from './text';
import { decimalSeconds, toMs } from './time';

/** RTTM fields are separated by whitespace, so a field must contain none (nor control chars). */
export function rttmField(value: string): string {
  const field = value.trim().replace(/[\s\p{Cc}]+/gu, '_');
  return field === '' ? '_' : field;
}

/** The file id RTTM tools join on: the recording's name without its extension. */
function fileId(sourceName: string): string {
  const base = sourceName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return rttmField(dot > 0 ? base.slice(0, dot) : base);
}

/**
 * Uses the full diarization, overlaps included: RTTM represents overlapping speech as
 * overlapping lines, and that is what diarization error rate scoring expects.
 */
export function toRttm(result: SavedResult): string {
  const nameOf = nameLookup(result);
  const id = fileId(result.source.name);
  const lines: string[] = [];
  for (const segment of result.segments) {
    const startMs = toMs(segment.start);
    const durationMs = toMs(segment.end) - startMs;
    // A zero duration after rounding to RTTM's milliseconds is not a turn anyone can score.
    if (durationMs <= 0) continue;
    const name = rttmField(nameOf(segment.speaker));
    lines.push(
      `SPEAKER ${id} 1 ${decimalSeconds(startMs)} ${decimalSeconds(durationMs)} <NA> <NA> ${name} <NA> <NA>`,
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}
