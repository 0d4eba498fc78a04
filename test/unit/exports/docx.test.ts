/** The Word export, read back from the file's XML: title, date, length, speakers, then the turns. */

import { describe, expect, it } from 'vitest';
import { exportFile, exportWords } from '../../../src/core/exports';
import { LANGUAGES } from '../../../src/shared/i18n/languages';
import { RESOURCES } from '../../../src/shared/i18n/resources';
import { addEdit, EMPTY_LOG } from '../../../src/shared/corrections';
import { docxParagraphs } from '../../support/docx-text';
import { HOSTILE_NAMES, empty, meeting, transcribed, withNames } from './fixtures';

async function paragraphs(
  result: Parameters<typeof exportFile>[0],
  words = exportWords(),
): Promise<string[]> {
  const bytes = await exportFile(result, 'docx', words);
  expect(bytes).toBeInstanceOf(Uint8Array);
  // A zip file: Word refuses anything else.
  expect(Buffer.from((bytes as Uint8Array).subarray(0, 2)).toString('latin1')).toBe('PK');
  return docxParagraphs(bytes as Uint8Array);
}

describe('DOCX export', () => {
  it('starts with the title, date and length, then each speaker with talk time and turns', async () => {
    const result = withNames(meeting(), { SPEAKER_00: 'Alice', SPEAKER_03: 'Dana' });
    const text = await paragraphs(result);
    expect(text.slice(0, 3)).toEqual([
      'Team sync 2025-03-14.m4a',
      'Processed on: March 14, 2025',
      'Length: 1 hr 1 min 20 sec',
    ]);
    const speakers = text.indexOf('Speakers (4)');
    expect(speakers).toBe(3);
    // The table: a header row, then one row per speaker (each cell its own paragraph).
    expect(text.slice(speakers + 1, speakers + 16)).toEqual([
      'Speaker',
      'Talk time',
      'Turns',
      'Alice',
      '15 sec',
      '3',
      'Speaker 2',
      '7 sec',
      '1',
      'Speaker 3',
      '6 sec',
      '1',
      'Dana',
      '1 hr 47 sec',
      '1',
    ]);
  });

  it('lists every turn in order with its time range and name when there is no transcript', async () => {
    const result = withNames(meeting(), HOSTILE_NAMES);
    const text = await paragraphs(result);
    const turns = text.slice(text.indexOf('Who spoke when') + 1);
    const exclusive = result.exclusiveSegments!;
    expect(turns).toHaveLength(exclusive.length);
    turns.forEach((turn, index) => {
      const name = HOSTILE_NAMES[exclusive[index]!.speaker]!.replace(/\s+/g, ' ');
      expect(turn).toMatch(/^\d{2}:\d{2}:\d{2}–\d{2}:\d{2}:\d{2} {2}/);
      expect(turn.endsWith(name)).toBe(true);
    });
    expect(turns[0]).toBe(`00:00:00–00:00:07  ${HOSTILE_NAMES.SPEAKER_00}`);
  });

  it('writes each transcribed turn as time, name and the words', async () => {
    const text = await paragraphs(withNames(transcribed(), { SPEAKER_00: 'Alice' }));
    expect(text.slice(text.indexOf('Who spoke when') + 1)).toEqual([
      '00:00:00  Alice: Good morning, everyone — shall we start?',
      '00:00:04  Speaker 2: Yes. "Quarterly numbers" first, then the roadmap. Any objections?',
      '00:00:10  Alice: =SUM(A1:A9) is what <b>I</b> typed --> oops & more',
    ]);
  });

  it('follows the corrections: a merged speaker is gone and its turns carry the other name', async () => {
    const result = withNames(meeting(), { SPEAKER_01: 'Bob' });
    const merged = {
      ...result,
      corrections: addEdit(EMPTY_LOG, { kind: 'merge', from: 'SPEAKER_02', into: 'SPEAKER_01' }),
    };
    const text = await paragraphs(merged);
    expect(text).toContain('Speakers (3)');
    expect(text.join('\n')).not.toContain('Speaker 3');
    expect(text.filter((p) => p.endsWith('  Bob'))).toHaveLength(2);
  });

  it('says when no speech was found', async () => {
    const text = await paragraphs(empty());
    expect(text).toContain('Speakers (0)');
    expect(text.at(-1)).toBe('No speech was found in this recording.');
  });

  it('writes its headings, dates and lengths in the person’s language', async () => {
    const result = withNames(meeting(), { SPEAKER_00: 'Alice' });
    // Intl spaces units with no-break spaces, as French typesetting does: compared as spaces.
    const text = (await paragraphs(result, exportWords('fr'))).map((p) =>
      p.replace(/[\u00a0\u202f]/g, ' '),
    );
    expect(text.slice(0, 4)).toEqual([
      'Team sync 2025-03-14.m4a',
      'Date du traitement : 14 mars 2025',
      'Durée : 1 h 1 min 20 s',
      'Intervenants (4)',
    ]);
    expect(text.slice(4, 10)).toEqual([
      'Intervenant',
      'Temps de parole',
      'Tours de parole',
      'Alice',
      '15 s',
      '3',
    ]);
    expect(text).toContain('Intervenant 2');
    expect(text).toContain('Qui parle à quel moment');
    expect(text.join('\n')).not.toMatch(/Speaker|Length|Processed/);
  });

  it('names unnamed speakers as the page does, in every language', () => {
    for (const language of LANGUAGES) {
      const page = RESOURCES[language].result as { speaker: { default: string } };
      expect(exportWords(language).defaultSpeaker('SPEAKER_01')).toBe(
        page.speaker.default.replace('{{number}}', '2'),
      );
    }
  });
});
