/** Every export after a merge, a move and a split shows the corrected turns; JSON and CSV mark them. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportResult, type JsonExport } from '../../../src/core/exports';
import { addEdit, EMPTY_LOG, type CorrectionLog } from '../../../src/shared/corrections';
import {
  TEXT_EXPORT_FORMATS as EXPORT_FORMATS,
  type SavedResult,
} from '../../../src/shared/result';
import { meeting, transcribed, withNames } from './fixtures';
import { parseCsv } from './parsers';

/** Speaker 3 is Speaker 2; Speaker 1's last turn was Speaker 4's; Speaker 1's first turn is two turns at 3 s. */
function corrected(): SavedResult {
  const result = withNames(meeting(), { SPEAKER_00: 'Ada', SPEAKER_01: 'Bob', SPEAKER_03: 'Dee' });
  const first = result.segments[0]!;
  const last = result.segments.at(-1)!;
  let log: CorrectionLog = addEdit(EMPTY_LOG, {
    kind: 'merge',
    from: 'SPEAKER_02',
    into: 'SPEAKER_01',
  });
  log = addEdit(log, { kind: 'move', turns: [last], to: 'SPEAKER_03' });
  log = addEdit(log, { kind: 'split', turn: first, at: 3 });
  return { ...result, corrections: log };
}

describe('exports with corrections', () => {
  it('CSV has the corrected rows, each marked in the corrected column', () => {
    const rows = parseCsv(exportResult(corrected(), 'csv'));
    expect(rows).toEqual([
      ['start', 'end', 'duration', 'speaker', 'text', 'corrected'],
      ['0.520', '3.000', '2.480', 'Ada', '', 'yes'],
      ['3.000', '6.900', '3.900', 'Ada', '', 'yes'],
      ['7.260', '12.300', '5.040', 'Ada', '', 'no'],
      ['12.480', '19.105', '6.625', 'Bob', '', 'no'],
      ['17.900', '24.012', '6.112', 'Bob', '', 'yes'],
      ['24.500', '3671.250', '3646.750', 'Dee', '', 'no'],
      ['3671.900', '3675.000', '3.100', 'Dee', '', 'yes'],
    ]);
  });

  it('JSON marks corrected turns, counts the corrections and sums talk time again', () => {
    const json = JSON.parse(exportResult(corrected(), 'json')) as JsonExport;
    expect(json.corrections).toBe(3);
    expect(json.segments.map((s) => [s.speaker, s.start, s.end, s.corrected])).toEqual([
      ['SPEAKER_00', 0.52, 3, true],
      ['SPEAKER_00', 3, 6.9, true],
      ['SPEAKER_00', 7.26, 12.3, false],
      ['SPEAKER_01', 12.48, 19.105, false],
      ['SPEAKER_01', 17.9, 24.012, true],
      ['SPEAKER_03', 24.5, 3671.25, false],
      ['SPEAKER_03', 3671.9, 3675.0004, true],
    ]);
    expect(json.speakers.map((s) => [s.name, s.turnCount])).toEqual([
      ['Ada', 3],
      ['Bob', 2],
      ['Dee', 2],
    ]);
    expect(json.exclusiveSegments?.filter((s) => s.corrected)).toHaveLength(4);
  });

  it('subtitles, text and RTTM follow the corrections', () => {
    const result = corrected();
    const srt = exportResult(result, 'srt');
    expect(srt).toContain('1\n00:00:00,520 --> 00:00:03,000\nAda\n');
    expect(srt).toContain('00:00:17,900 --> 00:00:24,012\nBob\n');
    expect(srt).toContain('01:01:11,900 --> 01:01:15,000\nDee\n');
    expect(srt).not.toContain('Speaker 3');
    const vtt = exportResult(result, 'vtt');
    expect(vtt).toContain('00:00:03.000 --> 00:00:06.900\n<v Ada>Ada');
    expect(vtt).not.toContain('Speaker 3');
    const txt = exportResult(result, 'txt');
    expect(txt).toContain('Speakers: 3\n');
    expect(txt).toContain('- Bob: 00:00:13 speaking, 2 turns');
    expect(txt).not.toContain('Speaker 3');
    const rttm = exportResult(result, 'rttm').trim().split('\n');
    expect(rttm).toHaveLength(7);
    expect(rttm[6]).toBe('SPEAKER Team_sync_2025-03-14 1 3671.900 3.100 <NA> <NA> Dee <NA> <NA>');
  });

  it.each(EXPORT_FORMATS)('%s after a merge, a move and a split is the expected file', (format) => {
    const expected = readFileSync(
      join(import.meta.dirname, 'expected', `corrected.${format}`),
      'utf8',
    );
    expect(exportResult(corrected(), format)).toBe(expected);
  });

  it('an undone correction is gone from every export', () => {
    const result = corrected();
    const undone = { ...result, corrections: { ...result.corrections!, cursor: 0 } };
    const plain = { ...result, corrections: undefined };
    for (const format of EXPORT_FORMATS) {
      expect(exportResult(undone, format), format).toBe(exportResult(plain, format));
    }
  });

  it('a split transcript turn is two rows with their own words', () => {
    const result = transcribed();
    const turn = result.transcription!.turns[0]!;
    const rows = parseCsv(
      exportResult(
        { ...result, corrections: addEdit(EMPTY_LOG, { kind: 'split', turn, at: 0.9 }) },
        'csv',
      ),
    );
    expect(rows.slice(1, 3)).toEqual([
      ['0.500', '0.900', '0.400', 'Speaker 1', 'Good', 'yes'],
      ['0.900', '4.000', '3.100', 'Speaker 1', 'morning,', 'yes'],
    ]);
  });
});
