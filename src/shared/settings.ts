/** The person's preferences: defaults for new batches and how the app behaves. */

import { z } from 'zod';
import { MODELS, TRANSCRIPTION_MODELS, type DiarizeOptions } from './diarize-options';

export const speakerCountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('auto') }),
  z.strictObject({ kind: z.literal('exact'), count: z.number().int().min(1).max(100) }),
  z.strictObject({
    kind: z.literal('range'),
    min: z.number().int().min(1).max(100).optional(),
    max: z.number().int().min(1).max(100).optional(),
  }),
]);

export const diarizeOptionsSchema = z.strictObject({
  model: z.enum(MODELS),
  speakers: speakerCountSchema,
  exclusive: z.boolean(),
  confidence: z.boolean(),
  turnLevelConfidence: z.boolean(),
  transcription: z.boolean(),
  transcriptionModel: z.enum(TRANSCRIPTION_MODELS).optional(),
}) satisfies z.ZodType<DiarizeOptions>;

export const settingsSchema = z.strictObject({
  defaultOptions: diarizeOptionsSchema,
  uploadConcurrency: z.number().int().min(1).max(8),
  /** Folder the export dialog opens in; empty means the person's Documents folder. */
  exportFolder: z.string().max(4096),
  notifyWhenBatchFinishes: z.boolean(),
  /** Look once a day whether a newer Diarist exists, and say so (never downloads or installs). */
  checkForUpdates: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  defaultOptions: {
    model: 'precision-2',
    speakers: { kind: 'auto' },
    exclusive: true,
    confidence: false,
    turnLevelConfidence: false,
    transcription: false,
  },
  uploadConcurrency: 2,
  exportFolder: '',
  notifyWhenBatchFinishes: true,
  checkForUpdates: true,
};
