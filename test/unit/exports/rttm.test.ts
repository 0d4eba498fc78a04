import { describe, expect, it } from 'vitest';
import { exportResult } from '../../../src/core/exports';
import { HOSTILE_NAMES, empty, meeting, resultFrom, withNames } from './fixtures';
import { parseRttm } from './parsers';

describe('RTTM export', () => {
  it('writes one 10-field SPEAKER line per diarization segment, overlaps included', () => {
    const result = withNames(meeting(), HOSTILE_NAMES);
    const lines = parseRttm(exportResult(result, 'rttm'));

    expect(lines).toHaveLength(result.segments.length);
    lines.forEach((line, index) => {
      const segment = result.segments[index]!;
      expect(line.fileId).toBe('Team_sync_2025-03-14');
      expect(line.channel).toBe('1');
      // Three decimals: each number is within half a millisecond of the original.
      expect(Math.abs(line.onset - segment.start)).toBeLessThanOrEqual(0.0005);
      expect(Math.abs(line.onset + line.duration - segment.end)).toBeLessThanOrEqual(0.001);
      expect(line.duration).toBeGreaterThan(0);
    });
    // Bob (SPEAKER_01) and Carol (SPEAKER_02) overlap between 17.9 s and 19.105 s.
    const bob = lines.find((l) => l.onset === 12.48)!;
    const carol = lines.find((l) => l.onset === 17.9)!;
    expect(bob.onset + bob.duration).toBeGreaterThan(carol.onset);
  });

  it('replaces whitespace in names with underscores and keeps everything else', () => {
    const lines = parseRttm(exportResult(withNames(meeting(), HOSTILE_NAMES), 'rttm'));
    expect(new Set(lines.map((l) => l.name))).toEqual(
      new Set([
        'Smith,_"Doc"_John',
        'Zoë_李_second_line_tab',
        '<script>alert(1)</script>_&_co_-->_x',
        "=cmd|'_/C_calc'!A0",
      ]),
    );
  });

  it('formats times exactly from whole milliseconds, past the first hour too', () => {
    const text = exportResult(meeting(), 'rttm');
    expect(text.split('\n')[0]).toBe(
      'SPEAKER Team_sync_2025-03-14 1 0.520 6.380 <NA> <NA> Speaker_1 <NA> <NA>',
    );
    expect(text).toContain(' 24.500 3646.750 ');
    expect(text).toContain(' 3671.900 3.100 ');
  });

  it('skips segments that round to no length and writes nothing for an empty result', () => {
    const tiny = resultFrom({
      diarization: [
        { speaker: 'SPEAKER_00', start: 1, end: 1.0003 },
        { speaker: 'SPEAKER_00', start: 2, end: 3 },
      ],
    });
    expect(parseRttm(exportResult(tiny, 'rttm'))).toHaveLength(1);
    expect(exportResult(empty(), 'rttm')).toBe('');
  });

  it('makes a file id without whitespace even from an odd file name', () => {
    const result = resultFrom(meetingLike(), { name: 'réunion équipe\t(final).wav' });
    expect(parseRttm(exportResult(result, 'rttm'))[0]!.fileId).toBe('réunion_équipe_(final)');
  });
});

function meetingLike(): unknown {
  return { diarization: [{ speaker: 'SPEAKER_00', start: 0, end: 1 }] };
}
