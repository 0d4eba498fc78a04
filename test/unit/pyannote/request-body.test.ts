import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../../src/shared/diarize-options';
import {
  toDiarizeRequestBody,
  toIdentifyRequestBody,
} from '../../../src/core/pyannote/request-body';
import { MATCH_LEVELS, MATCH_THRESHOLDS, type MatchLevel } from '../../../src/shared/voices';

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

describe('identify request body', () => {
  const voices = [
    { label: 'voice-0a1b2c3d', voiceprint: 'QUJD' },
    { label: 'voice-9f8e7d6c', voiceprint: 'REVG' },
  ];
  const recognising = (patch: Partial<DiarizeOptions>, match: MatchLevel = 'balanced') => ({
    ...withOptions(patch),
    recognise: { voiceIds: voices.map((v) => v.label), match },
  });

  it('carries the diarize fields, the voiceprints under their ids and exclusive matching', () => {
    const body = toIdentifyRequestBody(
      KEY,
      recognising({ speakers: { kind: 'range', min: 2, max: 4 }, exclusive: true }),
      voices,
    );
    expect(body).toEqual({
      url: KEY,
      model: 'precision-2',
      minSpeakers: 2,
      maxSpeakers: 4,
      exclusive: true,
      voiceprints: voices,
      matching: { exclusive: true, threshold: MATCH_THRESHOLDS.balanced },
    });
    expect(JSON.stringify(body)).not.toContain('null');
  });

  it('never carries transcription, even if the options ask for it', () => {
    const body = toIdentifyRequestBody(
      KEY,
      recognising({ transcription: true, transcriptionModel: 'parakeet-tdt-0.6b-v3' }),
      voices,
    );
    expect(body).not.toHaveProperty('transcription');
    expect(body).not.toHaveProperty('transcriptionConfig');
  });

  it('sends the threshold of the level chosen, and nothing but label and voiceprint per voice', () => {
    for (const match of MATCH_LEVELS) {
      const body = toIdentifyRequestBody(KEY, recognising({}, match), [
        { ...voices[0]!, name: 'Anna' } as (typeof voices)[number],
      ]);
      expect(body.matching).toEqual({ exclusive: true, threshold: MATCH_THRESHOLDS[match] });
      expect(body.voiceprints).toEqual([voices[0]]);
      expect(JSON.stringify(body)).not.toContain('Anna');
    }
  });
});
