import { describe, expect, it } from 'vitest';
import { exportResult } from '../../../src/core/exports';
import { HOSTILE_NAMES, empty, meeting, transcribed, withNames } from './fixtures';
import { parseSrt, parseVtt } from './parsers';

describe('WebVTT export', () => {
  it('starts with WEBVTT and has the same cues and times as the SRT export', () => {
    const result = meeting();
    const text = exportResult(result, 'vtt');
    expect(
      text.startsWith('WEBVTT\n\n1\n00:00:00.520 --> 00:00:06.900\n<v Speaker 1>Speaker 1\n'),
    ).toBe(true);
    const vtt = parseVtt(text);
    const srt = parseSrt(exportResult(result, 'srt'));
    expect(vtt.map((c) => [c.id, c.startMs, c.endMs])).toEqual(
      srt.map((c) => [c.id, c.startMs, c.endMs]),
    );
  });

  it('escapes names in voice spans so they decode back to the names', () => {
    const result = withNames(meeting(), HOSTILE_NAMES);
    const text = exportResult(result, 'vtt');
    const cues = parseVtt(text);
    const byLabel = result.exclusiveSegments!.map((s) => s.speaker);
    const singleLine = (s: string) => s.replace(/\s+/g, ' ');
    cues.forEach((cue, index) => {
      const expected = singleLine(HOSTILE_NAMES[byLabel[index]!]!);
      expect(cue.voice).toBe(expected);
      expect(cue.text).toBe(expected);
    });
    expect(text).not.toContain('<script>');
    expect(text).toContain('<v &lt;script&gt;alert(1)&lt;/script&gt; &amp; co --&gt; x>');
    expect(text.split('\n').filter((l) => l.includes('-->'))).toHaveLength(cues.length);
  });

  it('puts the transcribed text in the voice span, escaped and on one line', () => {
    const result = withNames(transcribed(), { SPEAKER_00: 'Alice', SPEAKER_01: 'Bob & Co' });
    const cues = parseVtt(exportResult(result, 'vtt'));
    expect(cues.map((c) => [c.startMs, c.endMs, c.voice, c.text])).toEqual([
      [500, 4000, 'Alice', 'Good morning, everyone — shall we start?'],
      [4000, 9750, 'Bob & Co', 'Yes. "Quarterly numbers" first, then the roadmap. Any objections?'],
      [10100, 12000, 'Alice', '=SUM(A1:A9) is what <b>I</b> typed --> oops & more'],
    ]);
  });

  it('writes just the header for an empty result', () => {
    expect(exportResult(empty(), 'vtt')).toBe('WEBVTT\n');
    expect(parseVtt('WEBVTT\n')).toEqual([]);
  });
});
