/** The reading view's shape: consecutive turns of one speaker as one paragraph, and the same as plain text. */

import { formatClock } from '../format';
import type { Turn } from './turns';

export interface Paragraph {
  speaker: string;
  start: number;
  end: number;
  /** The turns' words, in order (empty without a transcript). */
  text: string;
  /** Index in the turn list of the paragraph's first and last turn. */
  first: number;
  last: number;
}

/** Turns in start order → paragraphs: a new one each time the speaker changes. */
export function buildParagraphs(turns: readonly Turn[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  turns.forEach((turn, index) => {
    const open = paragraphs.at(-1);
    const words = turn.text?.trim() ?? '';
    if (open && open.speaker === turn.speaker) {
      open.end = Math.max(open.end, turn.end);
      open.text = [open.text, words].filter(Boolean).join(' ');
      open.last = index;
    } else {
      paragraphs.push({
        speaker: turn.speaker,
        start: turn.start,
        end: turn.end,
        text: words,
        first: index,
        last: index,
      });
    }
  });
  return paragraphs;
}

/**
 * The paragraphs as plain text for the clipboard: "0:03 Ada", the words on the next line,
 * a blank line between paragraphs. Without words, "0:03–0:07 Ada".
 */
export function readingText(
  paragraphs: readonly Paragraph[],
  nameOf: (label: string) => string,
  withHours: boolean,
): string {
  return paragraphs
    .map((p) =>
      p.text
        ? `${formatClock(p.start, withHours)} ${nameOf(p.speaker)}\n${p.text}`
        : `${formatClock(p.start, withHours)}–${formatClock(p.end, withHours)} ${nameOf(p.speaker)}`,
    )
    .join(separatorOf(paragraphs));
}

/** Words: a blank line between paragraphs; times only: one line each. */
function separatorOf(paragraphs: readonly Paragraph[]): string {
  return paragraphs.some((p) => p.text) ? '\n\n' : '\n';
}
