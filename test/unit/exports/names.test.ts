import { describe, expect, it } from 'vitest';
import { exportResult } from '../../../src/core/exports';
import {
  TEXT_EXPORT_FORMATS as EXPORT_FORMATS,
  type SavedResult,
} from '../../../src/shared/result';
import { longMeetingOutput, meeting, resultFrom, transcribed, withNames } from './fixtures';
import { parseCsv, parseRttm, parseSrt, parseVtt } from './parsers';

/** The name each format shows for every turn it lists, read back with the strict parsers. */
function namesIn(result: SavedResult): Record<string, string[]> {
  const txtNames = exportResult(result, 'txt')
    .split('\n\n')
    .slice(1)
    .map((p) => /^\[[^\]]+\] ([^:\n]+)/.exec(p)![1]!);
  return {
    rttm: parseRttm(exportResult(result, 'rttm')).map((l) => l.name),
    json: (
      JSON.parse(exportResult(result, 'json')) as { segments: { name: string }[] }
    ).segments.map((s) => s.name),
    csv: parseCsv(exportResult(result, 'csv'))
      .slice(1)
      .map((r) => r[3]!),
    srt: parseSrt(exportResult(result, 'srt')).map((c) => c.lines[0]!.split(':')[0]!),
    vtt: parseVtt(exportResult(result, 'vtt')).map((c) => c.voice),
    txt: txtNames,
  };
}

describe('speaker names in exports', () => {
  it('shows "Speaker N" everywhere before anyone is named', () => {
    for (const [format, names] of Object.entries(namesIn(meeting()))) {
      expect(new Set(names), format).toEqual(
        new Set(
          [
            'Speaker 1',
            format === 'rttm' ? 'Speaker_2' : 'Speaker 2',
            'Speaker 3',
            'Speaker 4',
          ].map((n) => (format === 'rttm' ? n.replace(' ', '_') : n)),
        ),
      );
    }
  });

  it('uses the new names in every format after renaming, and the default for the rest', () => {
    const renamed = withNames(meeting(), {
      SPEAKER_00: 'Alice',
      SPEAKER_01: 'Bob',
      SPEAKER_02: '  ', // cleared back to the default
    });
    for (const [format, names] of Object.entries(namesIn(renamed))) {
      const expected = ['Alice', 'Bob', 'Speaker 3', 'Speaker 4'].map((n) =>
        format === 'rttm' ? n.replace(' ', '_') : n,
      );
      expect(new Set(names), format).toEqual(new Set(expected));
      expect(names.join(' '), format).not.toContain('SPEAKER_');
    }
  });

  it('renames speakers in the transcript-based formats too', () => {
    const renamed = withNames(transcribed(), { SPEAKER_00: 'Alice', SPEAKER_01: 'Bob' });
    for (const format of EXPORT_FORMATS) {
      const text = exportResult(renamed, format);
      expect(text, format).toContain('Alice');
      expect(text, format).toContain('Bob');
      expect(text, format).not.toContain('Speaker 1');
    }
  });

  it('exports a 3-hour, 5,400-turn meeting in every format, each parsing back', () => {
    const result = withNames(resultFrom(longMeetingOutput(), { durationSeconds: 10_800 }), {
      SPEAKER_00: 'Alice',
    });
    const started = performance.now();
    const texts = Object.fromEntries(EXPORT_FORMATS.map((f) => [f, exportResult(result, f)]));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parseRttm(texts.rttm!)).toHaveLength(5400);
    expect(parseCsv(texts.csv!)).toHaveLength(5401);
    expect(parseSrt(texts.srt!)).toHaveLength(5400);
    expect(parseVtt(texts.vtt!)).toHaveLength(5400);
    expect((JSON.parse(texts.json!) as { segments: unknown[] }).segments).toHaveLength(5400);
    expect(texts.txt!.split('\n\n')).toHaveLength(5401);
  });

  it('rejects an unknown format instead of writing an empty file', () => {
    expect(() => exportResult(meeting(), 'pdf' as never)).toThrow(/Unknown export format/);
  });
});
