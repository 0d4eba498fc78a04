import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../../src/shared/diarize-options';
import { toDiarizeRequestBody } from '../../../src/core/pyannote/request-body';

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
