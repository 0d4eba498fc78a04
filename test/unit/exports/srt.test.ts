import { describe, expect, it } from 'vitest';
import { exportResult } from '../../../src/core/exports';
import {
  HOSTILE_NAMES,
  empty,
  meeting,
  meetingOutput,
  resultFrom,
  transcribed,
  withNames,
} from './fixtures';
import { parseSrt } from './parsers';

const toMs = (seconds: number) => Math.round(seconds * 1000);

describe('SRT export', () => {
  it('writes numbered, ordered cues from the exclusive diarization, timestamps exact to the ms', () => {
    const result = meeting();
    const cues = parseSrt(exportResult(result, 'srt'));
    const exclusive = result.exclusiveSegments!;
    expect(cues).toHaveLength(exclusive.length);
    cues.forEach((cue, index) => {
      expect(cue.startMs).toBe(toMs(exclusive[index]!.start));
      expect(cue.endMs).toBe(toMs(exclusive[index]!.end));
    });
    // The exclusive diarization does not overlap, so neither do the subtitles.
    for (let i = 1; i < cues.length; i += 1) {
      expect(cues[i]!.startMs).toBeGreaterThanOrEqual(cues[i - 1]!.endMs);
    }
  });

  it('formats hours, minutes, seconds and milliseconds with a comma', () => {
    const text = exportResult(meeting(), 'srt');
    expect(text.startsWith('1\n00:00:00,520 --> 00:00:06,900\nSpeaker 1\n\n2\n')).toBe(true);
    expect(text).toContain('\n00:00:24,500 --> 01:01:11,250\nSpeaker 4\n');
    expect(text.endsWith('\n01:01:11,900 --> 01:01:15,000\nSpeaker 1\n')).toBe(true);
  });

  it('falls back to the full diarization when there is no exclusive one', () => {
    const { exclusiveDiarization: _, ...withoutExclusive } = meetingOutput;
    const result = resultFrom(withoutExclusive);
    const cues = parseSrt(exportResult(result, 'srt'));
    expect(cues.map((c) => c.startMs)).toEqual(result.segments.map((s) => toMs(s.start)));
  });

  it('keeps each hostile name on one line and never lets "-->" into a cue', () => {
    const cues = parseSrt(exportResult(withNames(meeting(), HOSTILE_NAMES), 'srt'));
    expect(new Set(cues.map((c) => c.lines.join('\n')))).toEqual(
      new Set([
        'Smith, "Doc" John',
        'Zoë 李 second line tab',
        '<script>alert(1)</script> & co -> x',
        "=cmd|' /C calc'!A0",
      ]),
    );
  });

  it('writes "Name: text" cues from the transcribed turns', () => {
    const result = withNames(transcribed(), { SPEAKER_00: 'Alice' });
    const cues = parseSrt(exportResult(result, 'srt'));
    expect(cues.map((c) => [c.id, c.startMs, c.endMs, c.lines])).toEqual([
      ['1', 500, 4000, ['Alice: Good morning, everyone — shall we start?']],
      [
        '2',
        4000,
        9750,
        ['Speaker 2: Yes. "Quarterly numbers" first, then the roadmap. Any objections?'],
      ],
      ['3', 10100, 12000, ['Alice: =SUM(A1:A9) is what <b>I</b> typed -> oops & more']],
    ]);
  });

  it('drops cues that would round to no length', () => {
    const result = resultFrom({
      diarization: [
        { speaker: 'SPEAKER_00', start: 5.0001, end: 5.0004 },
        { speaker: 'SPEAKER_00', start: 6, end: 7 },
      ],
    });
    expect(parseSrt(exportResult(result, 'srt')).map((c) => c.startMs)).toEqual([6000]);
  });

  it('writes an empty file for an empty result', () => {
    expect(exportResult(empty(), 'srt')).toBe('');
  });
});
