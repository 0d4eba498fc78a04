import { describe, expect, it } from 'vitest';
import { exportResult } from '../../../src/core/exports';
import { defuseFormula } from '../../../src/core/exports/csv';
import { HOSTILE_NAMES, empty, meeting, transcribed, withNames } from './fixtures';
import { parseCsv } from './parsers';

const HEADER = ['start', 'end', 'duration', 'speaker', 'text', 'corrected'];
const ms = (seconds: number) => (Math.round(seconds * 1000) / 1000).toFixed(3);

describe('CSV export', () => {
  it('round-trips every diarization segment through a strict RFC 4180 parser', () => {
    const result = withNames(meeting(), HOSTILE_NAMES);
    const text = exportResult(result, 'csv');
    const expected = result.segments.map((s) => [
      ms(s.start),
      ms(s.end),
      (Math.round(s.end * 1000) / 1000 - Math.round(s.start * 1000) / 1000).toFixed(3),
      s.speaker === 'SPEAKER_03' ? `'${HOSTILE_NAMES.SPEAKER_03}` : HOSTILE_NAMES[s.speaker]!,
      '',
      'no',
    ]);
    expect(parseCsv(text)).toEqual([HEADER, ...expected]);
  });

  it('uses CRLF between records and quotes only where RFC 4180 requires', () => {
    const text = exportResult(withNames(meeting(), HOSTILE_NAMES), 'csv');
    expect(text.startsWith('start,end,duration,speaker,text,corrected\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain(',"Smith, ""Doc"" John",');
    // The newline inside Zoë's name stays inside its quoted field.
    expect(text).toContain(',"Zoë 李\nsecond line\ttab",');
    expect(text).toContain(',<script>alert(1)</script> & co --> x,');
  });

  it('uses the transcribed turns as rows when the job had a transcription', () => {
    const result = withNames(transcribed(), { SPEAKER_00: 'Alice', SPEAKER_01: '@bob' });
    const rows = parseCsv(exportResult(result, 'csv'));
    expect(rows).toEqual([
      HEADER,
      ['0.500', '4.000', '3.500', 'Alice', 'Good morning, everyone — shall we start?', 'no'],
      [
        '4.000',
        '9.750',
        '5.750',
        "'@bob",
        'Yes. "Quarterly numbers" first,\nthen the roadmap.\n\nAny objections?',
        'no',
      ],
      [
        '10.100',
        '12.000',
        '1.900',
        'Alice',
        "'=SUM(A1:A9) is what <b>I</b> typed --> oops & more",
        'no',
      ],
    ]);
  });

  it.each(['=1+1', '+1 555 0100', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'defuses %j so spreadsheets do not run it as a formula',
    (value) => {
      expect(defuseFormula(value)).toBe(`'${value}`);
    },
  );

  it.each(['Alice', 'Ana-Maria', 'Bob = boss', '', "'quoted"])('leaves %j as it is', (value) => {
    expect(defuseFormula(value)).toBe(value);
  });

  it('writes only the header for an empty result', () => {
    const text = exportResult(empty(), 'csv');
    expect(text).toBe('start,end,duration,speaker,text,corrected\r\n');
    expect(parseCsv(text)).toEqual([HEADER]);
  });
});
