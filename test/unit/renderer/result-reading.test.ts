/** The reading view's paragraphs and the text "Copy text" puts on the clipboard. */

import { describe, expect, it } from 'vitest';
import { buildParagraphs, readingText } from '../../../src/renderer/result/reading';
import type { Turn } from '../../../src/renderer/result/turns';

const turn = (speaker: string, start: number, end: number, text?: string): Turn => ({
  speaker,
  start,
  end,
  lowConfidence: false,
  corrected: false,
  ...(text === undefined ? {} : { text }),
});
const names: Record<string, string> = { A: 'Ada', B: 'Speaker 2' };
const nameOf = (label: string) => names[label] ?? label;

describe('reading view', () => {
  it('joins consecutive turns of one speaker into one paragraph with its start time', () => {
    const turns = [
      turn('A', 0.5, 2, 'Good morning.'),
      turn('A', 2.2, 4, ' Shall we start? '),
      turn('B', 4, 6, 'Yes.'),
      turn('A', 6.5, 70, 'The budget first.'),
    ];
    const paragraphs = buildParagraphs(turns);
    expect(paragraphs).toEqual([
      {
        speaker: 'A',
        start: 0.5,
        end: 4,
        text: 'Good morning. Shall we start?',
        first: 0,
        last: 1,
      },
      { speaker: 'B', start: 4, end: 6, text: 'Yes.', first: 2, last: 2 },
      { speaker: 'A', start: 6.5, end: 70, text: 'The budget first.', first: 3, last: 3 },
    ]);
    expect(readingText(paragraphs, nameOf, false)).toBe(
      '0:00 Ada\nGood morning. Shall we start?\n\n0:04 Speaker 2\nYes.\n\n0:06 Ada\nThe budget first.',
    );
    expect(readingText(paragraphs, nameOf, true).split('\n')[0]).toBe('0:00:00 Ada');
  });

  it('without a transcript, each paragraph is one line with its times', () => {
    const paragraphs = buildParagraphs([turn('A', 1, 3), turn('A', 3, 5), turn('B', 5, 9)]);
    expect(readingText(paragraphs, nameOf, false)).toBe('0:01–0:05 Ada\n0:05–0:09 Speaker 2');
    expect(buildParagraphs([])).toEqual([]);
  });
});
