/**
 * The saved result of an identification job: what each speaker was recognised as, from a
 * hand-written `/v1/identify` output shaped like the OpenAPI's IdentificationJobOutput.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../../src/shared/diarize-options';
import { AMBIGUOUS_WITHIN, WEAK_MATCH_BELOW } from '../../../src/shared/voices';
import { DiaristError } from '../../../src/core/errors';
import { normalizeResult, type NormalizeInput } from '../../../src/core/results/normalize';

const ANNA = 'voice-aaaa0001';
const BEN = 'voice-bbbb0002';
const CLARA = 'voice-cccc0003';
const NAMES = new Map([
  [ANNA, 'Anna'],
  [BEN, 'Ben'],
  [CLARA, 'Clara'],
]);

const RECOGNISING: DiarizeOptions = {
  ...DEFAULT_DIARIZE_OPTIONS,
  recognise: { voiceIds: [ANNA, BEN, CLARA], match: 'balanced' },
};

const turn = (speaker: string, start: number, end: number) => ({ speaker, start, end });
const identified = (
  diarizationSpeaker: string,
  start: number,
  end: number,
  match: string | null,
) => ({ speaker: match ?? diarizationSpeaker, start, end, diarizationSpeaker, match });

/** Five speakers: sure, ambiguous, below the threshold, weak, and a label nobody sent. */
const OUTPUT = {
  diarization: [
    turn('SPEAKER_00', 0, 10),
    turn('SPEAKER_01', 10, 20),
    turn('SPEAKER_02', 20, 30),
    turn('SPEAKER_03', 30, 40),
    turn('SPEAKER_04', 40, 45),
    turn('SPEAKER_00', 45, 50),
  ],
  identification: [
    identified('SPEAKER_00', 0, 10, ANNA),
    identified('SPEAKER_01', 10, 20, BEN),
    identified('SPEAKER_02', 20, 30, null),
    identified('SPEAKER_03', 30, 40, CLARA),
    identified('SPEAKER_04', 40, 45, 'unknown'),
    identified('SPEAKER_00', 45, 50, ANNA),
  ],
  voiceprints: [
    { speaker: 'SPEAKER_00', match: ANNA, confidence: { [ANNA]: 92, [BEN]: 40, [CLARA]: 12 } },
    { speaker: 'SPEAKER_01', match: BEN, confidence: { [ANNA]: 65, [BEN]: 71, [CLARA]: 3 } },
    // Scored, but under the threshold: identification says nobody.
    { speaker: 'SPEAKER_02', match: CLARA, confidence: { [ANNA]: 8, [BEN]: 2, [CLARA]: 20 } },
    // A label that was never sent (and a diarization label) cannot be a runner-up.
    {
      speaker: 'SPEAKER_03',
      match: CLARA,
      confidence: { [ANNA]: 30, [CLARA]: 55, stranger: 54, SPEAKER_03: 99 },
    },
  ],
};

const input = (output: unknown, patch: Partial<NormalizeInput> = {}): NormalizeInput => ({
  jobId: 'job-1',
  serviceJobId: 'svc-1',
  source: { name: 'meeting.wav', sizeBytes: 1000, durationSeconds: 50 },
  options: RECOGNISING,
  output,
  now: new Date('2026-01-01T00:00:00Z'),
  voiceNames: NAMES,
  ...patch,
});

describe('the result of a job that recognised known voices', () => {
  it('has one match per speaker, with score, runner-up and review flags', () => {
    const result = normalizeResult(input(OUTPUT));
    expect(result.matches).toEqual([
      {
        speaker: 'SPEAKER_00',
        voiceId: ANNA,
        name: 'Anna',
        confidence: 92,
        runnerUp: { voiceId: BEN, name: 'Ben', confidence: 40 },
      },
      {
        speaker: 'SPEAKER_01',
        voiceId: BEN,
        name: 'Ben',
        confidence: 71,
        review: 'ambiguous',
        runnerUp: { voiceId: ANNA, name: 'Anna', confidence: 65 },
      },
      { speaker: 'SPEAKER_02', voiceId: null },
      {
        speaker: 'SPEAKER_03',
        voiceId: CLARA,
        name: 'Clara',
        confidence: 55,
        review: 'weak',
        runnerUp: { voiceId: ANNA, name: 'Anna', confidence: 30 },
      },
      { speaker: 'SPEAKER_04', voiceId: null },
    ]);
  });

  it('names the recognised speakers; the others keep their numbered names', () => {
    const result = normalizeResult(input(OUTPUT));
    expect(result.speakerNames).toEqual({
      SPEAKER_00: 'Anna',
      SPEAKER_01: 'Ben',
      SPEAKER_03: 'Clara',
    });
    // The diarization itself is kept as pyannoteAI sent it.
    expect(result.segments.map((s) => s.speaker)).toEqual(OUTPUT.diarization.map((s) => s.speaker));
    expect(result.speakers.map((s) => s.label)).toEqual([
      'SPEAKER_00',
      'SPEAKER_01',
      'SPEAKER_02',
      'SPEAKER_03',
      'SPEAKER_04',
    ]);
  });

  it('keeps the match of a voice without a name, but names nobody after it', () => {
    const result = normalizeResult(input(OUTPUT, { voiceNames: new Map([[ANNA, 'Anna']]) }));
    expect(result.matches?.[1]).toEqual({
      speaker: 'SPEAKER_01',
      voiceId: BEN,
      confidence: 71,
      review: 'ambiguous',
      runnerUp: { voiceId: ANNA, name: 'Anna', confidence: 65 },
    });
    expect(result.speakerNames).toEqual({ SPEAKER_00: 'Anna' });
  });

  it('flags by the shared limits, at their edges', () => {
    const scored = (mine: number, other: number) =>
      normalizeResult(
        input({
          diarization: [turn('SPEAKER_00', 0, 5)],
          identification: [identified('SPEAKER_00', 0, 5, ANNA)],
          voiceprints: [
            { speaker: 'SPEAKER_00', match: ANNA, confidence: { [ANNA]: mine, [BEN]: other } },
          ],
        }),
      ).matches![0]!.review;
    expect(scored(WEAK_MATCH_BELOW, 0)).toBeUndefined();
    expect(scored(WEAK_MATCH_BELOW - 1, 0)).toBe('weak');
    expect(scored(90, 90 - AMBIGUOUS_WITHIN)).toBe('ambiguous');
    expect(scored(90, 90 - AMBIGUOUS_WITHIN - 1)).toBeUndefined();
    // Another voice scored higher (exclusive matching gave it to someone else): ambiguous.
    expect(scored(70, 95)).toBe('ambiguous');
    // Weak and ambiguous at once: the runner-up is the more useful thing to show.
    expect(scored(40, 38)).toBe('ambiguous');
  });

  it('takes the voice from the scores when there is no identification, and tolerates no scores', () => {
    const fromScores = normalizeResult(
      input({
        diarization: [turn('SPEAKER_00', 0, 5), turn('SPEAKER_01', 5, 9)],
        voiceprints: [{ speaker: 'SPEAKER_00', match: BEN, confidence: { [BEN]: 88 } }],
      }),
    );
    expect(fromScores.matches).toEqual([
      { speaker: 'SPEAKER_00', voiceId: BEN, name: 'Ben', confidence: 88 },
      { speaker: 'SPEAKER_01', voiceId: null },
    ]);
    const noScores = normalizeResult(
      input({
        diarization: [turn('SPEAKER_00', 0, 5)],
        identification: [identified('SPEAKER_00', 0, 5, ANNA)],
      }),
    );
    expect(noScores.matches).toEqual([{ speaker: 'SPEAKER_00', voiceId: ANNA, name: 'Anna' }]);
    const nothing = normalizeResult(input({ diarization: [turn('SPEAKER_00', 0, 5)] }));
    expect(nothing.matches).toEqual([{ speaker: 'SPEAKER_00', voiceId: null }]);
    expect(nothing.speakerNames).toEqual({});
  });

  it('goes by the voice named for most of the speaker’s time', () => {
    const result = normalizeResult(
      input({
        diarization: [turn('SPEAKER_00', 0, 10)],
        identification: [
          identified('SPEAKER_00', 0, 2, BEN),
          identified('SPEAKER_00', 2, 9, ANNA),
          identified('SPEAKER_00', 9, 10, BEN),
        ],
      }),
    );
    expect(result.matches?.[0]?.voiceId).toBe(ANNA);
  });

  it('has no matches when the job did not recognise voices, whatever the output holds', () => {
    const result = normalizeResult(input(OUTPUT, { options: DEFAULT_DIARIZE_OPTIONS }));
    expect(result).not.toHaveProperty('matches');
    expect(result.speakerNames).toEqual({});
  });

  it('refuses an identification it cannot read, as it refuses a diarization', () => {
    let error: unknown;
    try {
      normalizeResult(
        input({ ...OUTPUT, identification: [{ diarizationSpeaker: 'SPEAKER_00', match: 7 }] }),
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DiaristError);
    expect(error).toMatchObject({ key: 'results.unreadable' });
    expect((error as DiaristError).detail).toContain('identification.0.match');
  });
});
