/** Speaker-name lookup and text clean-up shared by the export formats. */

import { speakerName, type SavedResult } from '../../shared/result';

export type NameOf = (label: string) => string;

/**
 * Resolves each label once per export, so every line of a file agrees on a speaker's name.
 * `defaultName` names a speaker the person did not name (the readable exports say "Speaker 2"
 * in the person's language; the data formats keep the English one).
 */
export function nameLookup(
  result: Pick<SavedResult, 'speakerNames'>,
  defaultName?: (label: string) => string,
): NameOf {
  const cache = new Map<string, string>();
  return (label) => {
    let name = cache.get(label);
    if (name === undefined) {
      const given = result.speakerNames[label]?.trim();
      name = given || !defaultName ? speakerName(result, label) : defaultName(label);
      cache.set(label, name);
    }
    return name;
  };
}

/**
 * One line of text: line-based formats (SRT, WebVTT, TXT) would read a newline in a name or a
 * blank line in a transcript as the end of a cue or paragraph. Control characters go too.
 */
export function singleLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}
