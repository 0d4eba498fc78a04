import { describe, expect, it } from 'vitest';
import { exportResult, type JsonExport } from '../../../src/core/exports';
import { HOSTILE_NAMES, empty, meeting, transcribed, withNames } from './fixtures';

const parse = (text: string) => JSON.parse(text) as JsonExport;

describe('JSON export', () => {
  it('is pretty-printed and has the documented top-level keys in a stable order', () => {
    const text = exportResult(meeting(), 'json');
    expect(text.startsWith('{\n  "source": {')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(parse(text))).toEqual([
      'source',
      'options',
      'speakers',
      'segments',
      'exclusiveSegments',
      'corrections',
    ]);
  });

  it('carries labels, names, times and turn confidence exactly', () => {
    const result = withNames(meeting(), HOSTILE_NAMES);
    const json = parse(exportResult(result, 'json'));
    expect(json.source).toEqual(result.source);
    expect(json.options).toEqual(result.options);
    expect(json.speakers).toEqual(
      result.speakers.map((s) => ({ ...s, name: HOSTILE_NAMES[s.label] })),
    );
    expect(json.segments).toEqual(
      result.segments.map((s) => ({ ...s, name: HOSTILE_NAMES[s.speaker], corrected: false })),
    );
    expect(json.segments[0]).toEqual({
      speaker: 'SPEAKER_00',
      name: 'Smith, "Doc" John',
      start: 0.52,
      end: 6.9,
      confidence: { SPEAKER_00: 97 },
      corrected: false,
    });
    expect(json.exclusiveSegments).toHaveLength(result.exclusiveSegments!.length);
    expect(json).not.toHaveProperty('transcription');
  });

  it('includes the transcription with names, and leaves frame confidence out', () => {
    const result = { ...transcribed(), confidence: { resolution: 0.02, score: [1, 2, 3] } };
    const json = parse(exportResult(withNames(result, { SPEAKER_01: 'Bob' }), 'json'));
    expect(json.transcription?.turns[1]).toEqual({
      speaker: 'SPEAKER_01',
      name: 'Bob',
      start: 4,
      end: 9.75,
      text: 'Yes. "Quarterly numbers" first,\nthen the roadmap.\n\nAny objections?',
      corrected: false,
    });
    expect(json.transcription?.words[0]).toEqual({
      speaker: 'SPEAKER_00',
      name: 'Speaker 1',
      start: 0.5,
      end: 0.9,
      text: 'Good',
      corrected: false,
    });
    expect(json).not.toHaveProperty('confidence');
  });

  it('exports an empty result with empty lists', () => {
    const json = parse(exportResult(empty(), 'json'));
    expect(json.speakers).toEqual([]);
    expect(json.segments).toEqual([]);
  });
});
