/** SubRip subtitles: numbered cues, comma-millisecond timestamps, "Name: text" lines. */

import type { SavedResult } from '../../shared/result';
import { cuesFor } from './cues';
import { nameLookup, singleLine } from './text';
import { clockMs } from './time';

/**
 * SRT has no escaping. Text is kept on one line so a blank line cannot end the cue early, and
 * "-->" is broken up because lenient players resynchronise on any line containing it.
 */
function srtText(value: string): string {
  return singleLine(value).replace(/-->/g, '->');
}

export function toSrt(result: SavedResult): string {
  const nameOf = nameLookup(result);
  return cuesFor(result)
    .map((cue, index) => {
      const name = srtText(nameOf(cue.speaker));
      const text = cue.text === undefined ? '' : srtText(cue.text);
      const timing = `${clockMs(cue.startMs, ',')} --> ${clockMs(cue.endMs, ',')}`;
      return `${index + 1}\n${timing}\n${text ? `${name}: ${text}` : name}\n`;
    })
    .join('\n');
}
