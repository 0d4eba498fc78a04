import { describe, expect, it } from 'vitest';
import { exportFile, exportResult, exportWords } from '../../../src/core/exports';
import { HOSTILE_NAMES, empty, meeting, resultFrom, transcribed, withNames } from './fixtures';

const clock = (s: number) =>
  [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');

/** Reads the transcript back: header lines, then paragraphs separated by single blank lines. */
function parseTxt(text: string): { header: string[]; paragraphs: string[] } {
  expect(text.endsWith('\n')).toBe(true);
  expect(text).not.toMatch(/\n\n\n/);
  const [head, ...paragraphs] = text.slice(0, -1).split('\n\n');
  for (const p of paragraphs) expect(p).not.toContain('\n');
  return { header: head!.split('\n'), paragraphs };
}

describe('TXT export', () => {
  it('starts with the file, duration and each speaker’s total and turns', () => {
    const result = withNames(meeting(), { SPEAKER_00: 'Alice', SPEAKER_03: 'Dana' });
    const { header } = parseTxt(exportResult(result, 'txt'));
    expect(header).toEqual([
      'File: Team sync 2025-03-14.m4a',
      'Duration: 01:01:20',
      'Speakers: 4',
      '- Alice: 00:00:15 speaking, 3 turns',
      '- Speaker 2: 00:00:07 speaking, 1 turn',
      '- Speaker 3: 00:00:06 speaking, 1 turn',
      '- Dana: 01:00:47 speaking, 1 turn',
    ]);
  });

  it('lists one paragraph per turn with a time range covering it when there is no transcript', () => {
    const result = withNames(meeting(), HOSTILE_NAMES);
    const { paragraphs } = parseTxt(exportResult(result, 'txt'));
    const exclusive = result.exclusiveSegments!;
    expect(paragraphs).toHaveLength(exclusive.length);
    paragraphs.forEach((p, index) => {
      const segment = exclusive[index]!;
      const match = /^\[(\d{2}:\d{2}:\d{2})–(\d{2}:\d{2}:\d{2})\] (.+)$/.exec(p);
      expect(match).not.toBeNull();
      expect(match![1]).toBe(clock(Math.floor(segment.start)));
      // Rounded to milliseconds first, like every export: 3675.0004 s ends at 01:01:15.
      expect(match![2]).toBe(clock(Math.ceil(Math.round(segment.end * 1000) / 1000)));
      expect(match![3]).toBe(HOSTILE_NAMES[segment.speaker]!.replace(/\s+/g, ' '));
    });
  });

  it('writes "[time] Name: text" paragraphs from the transcript, one line each', () => {
    const result = withNames(transcribed(), { SPEAKER_00: 'Alice' });
    expect(parseTxt(exportResult(result, 'txt')).paragraphs).toEqual([
      '[00:00:00] Alice: Good morning, everyone — shall we start?',
      '[00:00:04] Speaker 2: Yes. "Quarterly numbers" first, then the roadmap. Any objections?',
      '[00:00:10] Alice: =SUM(A1:A9) is what <b>I</b> typed --> oops & more',
    ]);
  });

  it('says when no speech was found', () => {
    expect(exportResult(empty(), 'txt')).toBe(
      'File: Team sync 2025-03-14.m4a\nDuration: 00:00:30\nSpeakers: 0\n\n(No speech was found in this recording.)\n',
    );
  });

  it('falls back to the end of the last speech without a known duration, and shows warnings', () => {
    const result = resultFrom({
      diarization: [{ speaker: 'SPEAKER_00', start: 1, end: 61.2 }],
      warning: 'Only the first\nhour was processed.',
    });
    const { header } = parseTxt(
      exportResult({ ...result, source: { name: 'a.wav', sizeBytes: 1 } }, 'txt'),
    );
    expect(header).toContain('Duration: at least 00:01:02 (end of the last speech)');
    expect(header).toContain('Note from pyannoteAI: Only the first hour was processed.');
  });

  it('writes its headings in the person’s language, and the data as it is', async () => {
    const result = withNames(meeting(), { SPEAKER_00: 'Alice', SPEAKER_03: 'Dana' });
    const { header } = parseTxt(String(await exportFile(result, 'txt', exportWords('fr'))));
    expect(header).toEqual([
      'Fichier : Team sync 2025-03-14.m4a',
      'Durée : 01:01:20',
      'Intervenants : 4',
      '- Alice : 00:00:15 de parole, 3 tours de parole',
      '- Intervenant 2 : 00:00:07 de parole, 1 tour de parole',
      '- Intervenant 3 : 00:00:06 de parole, 1 tour de parole',
      '- Dana : 01:00:47 de parole, 1 tour de parole',
    ]);
    const german = String(await exportFile(empty(), 'txt', exportWords('de')));
    expect(german).toContain('Sprecher: 0\n\n(In dieser Aufnahme wurde keine Sprache gefunden.)');
  });
});
