/** WebVTT subtitles: the WEBVTT header, dot-millisecond timestamps and <v Name> voice spans. */

import type { SavedResult } from '../../shared/result';
import { cuesFor } from './cues';
import { nameLookup, singleLine } from './text';
import { clockMs } from './time';

/**
 * Cue text and voice annotations take character references for "&", "<" and ">" (WebVTT
 * §4.2.2); escaping ">" also means a cue can never contain "-->", which would end it.
 * One line, because a blank line ends a cue.
 */
export function vttEscape(value: string): string {
  return singleLine(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Players show cue text but not the voice annotation, so without a transcript the name is
 * also the text. Cues carry numeric identifiers to line up with the SRT export.
 */
export function toVtt(result: SavedResult): string {
  const nameOf = nameLookup(result);
  const cues = cuesFor(result).map((cue, index) => {
    const name = vttEscape(nameOf(cue.speaker));
    const text = cue.text === undefined ? '' : vttEscape(cue.text);
    const timing = `${clockMs(cue.startMs, '.')} --> ${clockMs(cue.endMs, '.')}`;
    return `${index + 1}\n${timing}\n<v ${name}>${text || name}\n`;
  });
  return ['WEBVTT\n', ...cues].join('\n');
}
