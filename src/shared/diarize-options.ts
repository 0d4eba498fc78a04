/**
 * The diarization options a person can choose, as the pyannoteAI API documents them, and the one
 * schema that checks them. The batch panel, the settings defaults, the IPC contract and the
 * `diarize` command all use it, so a set of options the service would refuse is caught before a
 * file is uploaded, with the same plain words everywhere.
 */

import { z } from 'zod';
import type { FieldError } from './errors';
import { recognitionOptionsSchema, type RecognitionOptions } from './voices';

export const MODELS = ['precision-2', 'community-1'] as const;
export type Model = (typeof MODELS)[number];

export const TRANSCRIPTION_MODELS = [
  'parakeet-tdt-0.6b-v3',
  'faster-whisper-large-v3-turbo',
] as const;
export type TranscriptionModel = (typeof TRANSCRIPTION_MODELS)[number];

/** How many speakers to look for: automatic, an exact count, or a range (either end optional). */
export type SpeakerCount =
  | { kind: 'auto' }
  | { kind: 'exact'; count: number }
  | { kind: 'range'; min?: number; max?: number };

export interface DiarizeOptions {
  model: Model;
  speakers: SpeakerCount;
  /** Also return a non-overlapping ("exclusive") diarization. */
  exclusive: boolean;
  /** Frame-level confidence scores (large output). */
  confidence: boolean;
  /** Per-turn confidence scores. */
  turnLevelConfidence: boolean;
  /** Speaker-attributed transcript; only with precision-2. */
  transcription: boolean;
  transcriptionModel?: TranscriptionModel;
  /**
   * "Recognise known voices": sent as an identification job (`/v1/identify`) with these
   * voices; the matched speakers arrive named. Not with transcription (the API has no such job).
   */
  recognise?: RecognitionOptions;
}

export const DEFAULT_DIARIZE_OPTIONS: DiarizeOptions = {
  model: 'precision-2',
  speakers: { kind: 'auto' },
  exclusive: false,
  confidence: false,
  turnLevelConfidence: false,
  transcription: false,
};

/** The most speakers a person may ask for; the service documents no limit, so this is ours. */
export const MAX_SPEAKERS = 100;

/** The plain words for each rule, so tests and callers can name them. */
export const OPTION_MESSAGES = {
  count: `Enter how many people speak: a whole number from 1 to ${MAX_SPEAKERS}.`,
  rangeNumber: `Speaker numbers must be whole numbers from 1 to ${MAX_SPEAKERS}.`,
  minAboveMax: (min: number, max: number) =>
    `The smallest number of speakers (${min}) is larger than the largest (${max}). Swap them or change one.`,
  exactAndRange:
    'Give either an exact number of speakers or a smallest and largest number, not both.',
  transcriptionModel:
    'Transcription is only available with the Precision-2 model. Choose Precision-2, or turn transcription off.',
  unknownModel: (model: unknown) =>
    `Unknown model ${JSON.stringify(model)}; choose ${MODELS.join(' or ')}.`,
  unknownTranscriptionModel: (model: unknown) =>
    `Unknown transcription model ${JSON.stringify(model)}; choose ${TRANSCRIPTION_MODELS.join(' or ')}.`,
  recogniseTranscription:
    'Recognising known voices cannot be combined with transcription. Turn one of them off.',
  recogniseModel:
    'Recognising known voices is only available with the Precision-2 model. Choose Precision-2, or turn recognition off.',
} as const;

const speakerNumber = (message: string) =>
  z
    .number({ error: message })
    .int({ error: message })
    .min(1, { error: message })
    .max(MAX_SPEAKERS, { error: message });

/** An exact count never comes with a smallest or largest number (the API refuses both at once). */
const notBoth = {
  error: (issue: { code?: string }) =>
    issue.code === 'unrecognized_keys' ? OPTION_MESSAGES.exactAndRange : undefined,
};

export const speakerCountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('auto') }, notBoth),
  z.strictObject(
    { kind: z.literal('exact'), count: speakerNumber(OPTION_MESSAGES.count) },
    notBoth,
  ),
  z.strictObject(
    {
      kind: z.literal('range'),
      min: speakerNumber(OPTION_MESSAGES.rangeNumber).optional(),
      max: speakerNumber(OPTION_MESSAGES.rangeNumber).optional(),
    },
    notBoth,
  ),
]);

/**
 * Each field alone, then the rules between fields (the API's: smallest ≤ largest; an exact count
 * excludes a range, see above; transcription only with precision-2), each reported on its field.
 */
export const diarizeOptionsSchema = z
  .strictObject({
    model: z.enum(MODELS, { error: (issue) => OPTION_MESSAGES.unknownModel(issue.input) }),
    speakers: speakerCountSchema,
    exclusive: z.boolean(),
    confidence: z.boolean(),
    turnLevelConfidence: z.boolean(),
    transcription: z.boolean(),
    transcriptionModel: z
      .enum(TRANSCRIPTION_MODELS, {
        error: (issue) => OPTION_MESSAGES.unknownTranscriptionModel(issue.input),
      })
      .optional(),
    recognise: recognitionOptionsSchema.optional(),
  })
  .superRefine((options, ctx) => {
    const { speakers } = options;
    if (
      speakers.kind === 'range' &&
      speakers.min !== undefined &&
      speakers.max !== undefined &&
      speakers.min > speakers.max
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['speakers', 'min'],
        message: OPTION_MESSAGES.minAboveMax(speakers.min, speakers.max),
      });
    }
    if (options.transcription && options.model !== 'precision-2') {
      ctx.addIssue({
        code: 'custom',
        path: ['transcription'],
        message: OPTION_MESSAGES.transcriptionModel,
      });
    }
    if (options.recognise && options.transcription) {
      ctx.addIssue({
        code: 'custom',
        path: ['recognise'],
        message: OPTION_MESSAGES.recogniseTranscription,
      });
    }
    if (options.recognise && options.model !== 'precision-2') {
      ctx.addIssue({
        code: 'custom',
        path: ['recognise'],
        message: OPTION_MESSAGES.recogniseModel,
      });
    }
  }) satisfies z.ZodType<DiarizeOptions>;

/** What is wrong with a set of options, field by field ("speakers.min"), in plain words. */
export function diarizeOptionsProblems(value: unknown): FieldError[] {
  const parsed = diarizeOptionsSchema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * The speaker choice for the API's three numbers (numSpeakers, minSpeakers, maxSpeakers), left
 * unchecked: an exact count given with a range comes out as one the schema refuses in plain words.
 */
export function speakerCountFrom(numbers: {
  count?: number | undefined;
  min?: number | undefined;
  max?: number | undefined;
}): unknown {
  const { count, min, max } = numbers;
  const range = {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
  if (count !== undefined) return { kind: 'exact', count, ...range };
  if (min !== undefined || max !== undefined) return { kind: 'range', ...range };
  return { kind: 'auto' };
}
