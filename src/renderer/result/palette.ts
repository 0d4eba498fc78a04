/**
 * Speaker colours: the Okabe–Ito set, which people with the common colour-vision deficiencies can
 * still tell apart. Colour is never the only cue: every lane, row and swatch also shows the name.
 */

const SPEAKER_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7F6A00',
  '#5D5D5D',
] as const;

export function speakerColour(index: number): string {
  return SPEAKER_COLOURS[index % SPEAKER_COLOURS.length] ?? '#5D5D5D';
}
