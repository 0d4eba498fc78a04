/** Shapes of the service's answers, checked before anything trusts them (OpenAPI components). */

import { z } from 'zod';

/** Extra keys are allowed everywhere: the service adds fields over time. */
const segment = z.looseObject({
  speaker: z.string(),
  start: z.number().finite(),
  end: z.number().finite(),
  confidence: z.record(z.string(), z.number()).optional(),
});

const transcriptionSegment = z.looseObject({
  speaker: z.string(),
  start: z.number().finite(),
  end: z.number().finite(),
  text: z.string(),
});

export const diarizationOutputSchema = z.looseObject({
  diarization: z.array(segment),
  exclusiveDiarization: z.array(segment).optional(),
  confidence: z.looseObject({ score: z.array(z.number()), resolution: z.number() }).optional(),
  wordLevelTranscription: z.array(transcriptionSegment).optional(),
  turnLevelTranscription: z.array(transcriptionSegment).optional(),
  warning: z.string().optional(),
  error: z.string().optional(),
});

/**
 * What an identification job adds to a diarization (IdentificationJobOutput): who each turn was
 * recognised as, and each speaker's scores per voiceprint label. `match` is nullable in
 * `identification` and, defensively, in `voiceprints` too (a speaker nobody matched).
 */
export const identificationOutputSchema = z.looseObject({
  identification: z
    .array(
      z.looseObject({
        diarizationSpeaker: z.string(),
        match: z.string().nullable(),
        start: z.number().finite().optional(),
        end: z.number().finite().optional(),
      }),
    )
    .optional(),
  voiceprints: z
    .array(
      z.looseObject({
        speaker: z.string(),
        match: z.string().nullish(),
        confidence: z.record(z.string(), z.number()).optional(),
      }),
    )
    .optional(),
});

/** A failed or canceled job may carry only `error`; a succeeded one must carry `diarization`. */
const failureOutput = z.looseObject({
  error: z.string().optional(),
  warning: z.string().optional(),
});

export const jobSchema = z.looseObject({
  jobId: z.string().min(1),
  status: z.string().min(1),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  output: z.unknown().optional(),
});

export const jobCreatedSchema = z.looseObject({
  jobId: z.string().min(1),
  status: z.string().min(1),
  warning: z.string().optional(),
});

export const jobListSchema = z.looseObject({
  items: z.array(
    z.looseObject({ id: z.string().min(1), status: z.string().min(1), createdAt: z.string() }),
  ),
  nextCursor: z.string().nullish(),
});

export const mediaResponseSchema = z.looseObject({ url: z.string().url() });

export const testResponseSchema = z.looseObject({});

export const validationErrorSchema = z.looseObject({
  message: z.string().optional(),
  errors: z.array(z.looseObject({ field: z.string(), message: z.string() })).optional(),
});

export const apiErrorSchema = z.looseObject({
  message: z.string().optional(),
  requestId: z.string().optional(),
});

export type DiarizationOutput = z.infer<typeof diarizationOutputSchema>;
export type Segment = z.infer<typeof segment>;
export type TranscriptionSegment = z.infer<typeof transcriptionSegment>;
export type IdentificationOutput = z.infer<typeof identificationOutputSchema>;
export { failureOutput as failureOutputSchema };
