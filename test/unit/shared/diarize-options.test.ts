/**
 * The one options schema: each rule the API states for /v1/diarize (and ours, at most 100
 * speakers) refused on its own field with plain words, before anything is sent.
 */

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DIARIZE_OPTIONS,
  OPTION_MESSAGES,
  diarizeOptionsProblems,
  diarizeOptionsSchema,
  speakerCountFrom,
  type DiarizeOptions,
} from '../../../src/shared/diarize-options';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../src/shared/settings';
import { fromDraft, toDraft } from '../../../src/renderer/components/options-draft';

const withOptions = (patch: Record<string, unknown>) => ({ ...DEFAULT_DIARIZE_OPTIONS, ...patch });

describe('the diarize options schema', () => {
  it.each<[string, Partial<DiarizeOptions>]>([
    ['the defaults', {}],
    ['an exact count', { speakers: { kind: 'exact', count: 3 } }],
    ['an equal smallest and largest', { speakers: { kind: 'range', min: 2, max: 2 } }],
    ['only a smallest', { speakers: { kind: 'range', min: 4 } }],
    ['only a largest', { speakers: { kind: 'range', max: 100 } }],
    ['transcription with precision-2', { transcription: true }],
    [
      'a transcription model',
      { transcription: true, transcriptionModel: 'faster-whisper-large-v3-turbo' },
    ],
    ['community-1 without transcription', { model: 'community-1' }],
  ])('accepts %s', (_what, patch) => {
    expect(diarizeOptionsProblems(withOptions(patch))).toEqual([]);
    expect(diarizeOptionsSchema.parse(withOptions(patch))).toEqual(withOptions(patch));
  });

  it('refuses a smallest number above the largest, on the smallest, saying what to do', () => {
    expect(
      diarizeOptionsProblems(withOptions({ speakers: { kind: 'range', min: 5, max: 2 } })),
    ).toEqual([
      {
        field: 'speakers.min',
        message:
          'The smallest number of speakers (5) is larger than the largest (2). Swap them or change one.',
      },
    ]);
  });

  it('refuses an exact count together with a smallest or largest number', () => {
    for (const numbers of [
      { count: 2, min: 1 },
      { count: 2, max: 3 },
      { count: 2, min: 1, max: 3 },
    ]) {
      expect(diarizeOptionsProblems(withOptions({ speakers: speakerCountFrom(numbers) }))).toEqual([
        { field: 'speakers', message: OPTION_MESSAGES.exactAndRange },
      ]);
    }
  });

  it('refuses transcription with community-1, on the transcription field', () => {
    expect(
      diarizeOptionsProblems(withOptions({ model: 'community-1', transcription: true })),
    ).toEqual([
      {
        field: 'transcription',
        message:
          'Transcription is only available with the Precision-2 model. Choose Precision-2, or turn transcription off.',
      },
    ]);
  });

  it('reports every broken rule at once, each on its own field', () => {
    const problems = diarizeOptionsProblems(
      withOptions({
        model: 'community-1',
        transcription: true,
        speakers: { kind: 'range', min: 9, max: 3 },
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(['speakers.min', 'transcription']);
  });

  it.each([
    ['zero', { kind: 'exact', count: 0 }, 'speakers.count', OPTION_MESSAGES.count],
    ['a fraction', { kind: 'exact', count: 2.5 }, 'speakers.count', OPTION_MESSAGES.count],
    ['not a number', { kind: 'exact', count: Number.NaN }, 'speakers.count', OPTION_MESSAGES.count],
    ['over 100', { kind: 'range', max: 101 }, 'speakers.max', OPTION_MESSAGES.rangeNumber],
    ['a smallest of zero', { kind: 'range', min: 0 }, 'speakers.min', OPTION_MESSAGES.rangeNumber],
  ])('refuses a speaker number that is %s', (_what, speakers, field, message) => {
    expect(diarizeOptionsProblems(withOptions({ speakers }))).toEqual([{ field, message }]);
  });

  it('accepts recognising known voices, and refuses it with transcription or community-1', () => {
    const recognise = { voiceIds: ['voice-ab12cd34', 'voice-ef56ab78'], match: 'balanced' };
    expect(diarizeOptionsProblems(withOptions({ recognise }))).toEqual([]);
    expect(diarizeOptionsProblems(withOptions({ recognise, transcription: true }))).toEqual([
      { field: 'recognise', message: OPTION_MESSAGES.recogniseTranscription },
    ]);
    expect(diarizeOptionsProblems(withOptions({ recognise, model: 'community-1' }))).toEqual([
      { field: 'recognise', message: OPTION_MESSAGES.recogniseModel },
    ]);
  });

  it('refuses no voices, more than 50, a voice twice and an id that is not a voice id', () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `voice-${String(i).padStart(8, '0')}`);
    const problems = (voiceIds: string[]) =>
      diarizeOptionsProblems(withOptions({ recognise: { voiceIds, match: 'strict' } })).map(
        (p) => p.field,
      );
    expect(problems(ids(50))).toEqual([]);
    expect(problems([])).toEqual(['recognise.voiceIds']);
    expect(problems(ids(51))).toEqual(['recognise.voiceIds']);
    expect(problems(['voice-ab12cd34', 'voice-ab12cd34'])).toEqual(['recognise.voiceIds']);
    expect(problems(['SPEAKER_00'])).toEqual(['recognise.voiceIds.0']);
  });

  it('names the choices for an unknown model or transcription model', () => {
    expect(diarizeOptionsProblems(withOptions({ model: 'gpt-5' }))).toEqual([
      { field: 'model', message: 'Unknown model "gpt-5"; choose precision-2 or community-1.' },
    ]);
    expect(diarizeOptionsProblems(withOptions({ transcriptionModel: 'x' }))[0]?.field).toBe(
      'transcriptionModel',
    );
  });

  it('checks the defaults for new batches in the settings by the same rules', () => {
    const bad = {
      ...DEFAULT_SETTINGS,
      defaultOptions: withOptions({ speakers: { kind: 'range', min: 5, max: 2 } }),
    };
    const result = settingsSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['defaultOptions', 'speakers', 'min']);
  });
});

describe('the options form uses the same schema', () => {
  const draft = toDraft(DEFAULT_DIARIZE_OPTIONS);

  it('puts the reason next to the speaker numbers', () => {
    expect(fromDraft({ ...draft, speakerKind: 'range', min: '5', max: '2' })).toEqual({
      ok: false,
      problems: { speakers: OPTION_MESSAGES.minAboveMax(5, 2) },
    });
    expect(fromDraft({ ...draft, speakerKind: 'exact', exact: 'two' })).toEqual({
      ok: false,
      problems: { speakers: OPTION_MESSAGES.count },
    });
  });

  it('puts the transcription reason next to transcription', () => {
    expect(fromDraft({ ...draft, model: 'community-1', transcription: true })).toEqual({
      ok: false,
      problems: { transcription: OPTION_MESSAGES.transcriptionModel },
    });
  });

  it('answers the options themselves when they are fine', () => {
    expect(fromDraft({ ...draft, speakerKind: 'range', min: '2', max: '' })).toEqual({
      ok: true,
      options: { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'range', min: 2 } },
    });
  });
});
