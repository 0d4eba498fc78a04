import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../../src/shared/diarize-options';
import {
  toDiarizeRequestBody,
  validateDiarizeOptions,
} from '../../../src/core/pyannote/request-body';

const KEY = 'media://diarist/abc';
const withOptions = (patch: Partial<DiarizeOptions>): DiarizeOptions => ({
  ...DEFAULT_DIARIZE_OPTIONS,
  ...patch,
});

describe('diarize request body', () => {
  it('sends only the url and an explicit model by default, never nulls', () => {
    const body = toDiarizeRequestBody(KEY, DEFAULT_DIARIZE_OPTIONS);
    expect(body).toEqual({ url: KEY, model: 'precision-2' });
    expect(JSON.stringify(body)).not.toContain('null');
  });

  it('maps an exact speaker count to numSpeakers', () => {
    expect(
      toDiarizeRequestBody(KEY, withOptions({ speakers: { kind: 'exact', count: 3 } })),
    ).toMatchObject({
      numSpeakers: 3,
    });
  });

  it('maps a range to min and max, leaving out an open end', () => {
    const body = toDiarizeRequestBody(KEY, withOptions({ speakers: { kind: 'range', min: 2 } }));
    expect(body.minSpeakers).toBe(2);
    expect('maxSpeakers' in body).toBe(false);
    expect('numSpeakers' in body).toBe(false);
  });

  it('carries every documented flag and the transcription model', () => {
    const body = toDiarizeRequestBody(
      KEY,
      withOptions({
        exclusive: true,
        confidence: true,
        turnLevelConfidence: true,
        transcription: true,
        transcriptionModel: 'faster-whisper-large-v3-turbo',
      }),
    );
    expect(body).toEqual({
      url: KEY,
      model: 'precision-2',
      exclusive: true,
      confidence: true,
      turnLevelConfidence: true,
      transcription: true,
      transcriptionConfig: { model: 'faster-whisper-large-v3-turbo' },
    });
  });
});

describe('diarize option checks', () => {
  it('accepts the defaults', () => {
    expect(validateDiarizeOptions(DEFAULT_DIARIZE_OPTIONS)).toEqual([]);
  });

  it('explains a minimum above the maximum', () => {
    expect(
      validateDiarizeOptions(withOptions({ speakers: { kind: 'range', min: 5, max: 2 } })),
    ).toEqual(['The minimum number of speakers cannot be larger than the maximum.']);
  });

  it('refuses zero or fractional speaker counts', () => {
    expect(
      validateDiarizeOptions(withOptions({ speakers: { kind: 'exact', count: 0 } })),
    ).toHaveLength(1);
    expect(
      validateDiarizeOptions(withOptions({ speakers: { kind: 'range', max: 2.5 } })),
    ).toHaveLength(1);
  });

  it('explains that transcription needs precision-2', () => {
    expect(
      validateDiarizeOptions(withOptions({ model: 'community-1', transcription: true })),
    ).toEqual(['Transcription is only available with the precision-2 model.']);
  });
});
