/** The person's preferences: defaults for new batches and how the app behaves. */

import { z } from 'zod';
import { diarizeOptionsSchema } from './diarize-options';
import { LANGUAGE_CHOICES } from './i18n/languages';
import { EXPORT_FORMATS } from './result';

// The options schema lives with the options; settings and the contract use the same one.
export { diarizeOptionsSchema, speakerCountSchema } from './diarize-options';

/** Light or dark: the computer's ("system"), or one kept whatever the computer does. */
export const APPEARANCES = ['system', 'light', 'dark'] as const;
export type Appearance = (typeof APPEARANCES)[number];

export const settingsSchema = z.strictObject({
  defaultOptions: diarizeOptionsSchema,
  uploadConcurrency: z.number().int().min(1).max(8),
  /** Folder the export dialog opens in; empty means the person's Documents folder. */
  exportFolder: z.string().max(4096),
  /** Formats written into the export folder by themselves as each result arrives; none by default. */
  autoExportFormats: z.array(z.enum(EXPORT_FORMATS)).max(EXPORT_FORMATS.length),
  notifyWhenBatchFinishes: z.boolean(),
  /** Look once a day whether a newer Diarist exists, and say so (never downloads or installs). */
  checkForUpdates: z.boolean(),
  /** The app's language: the computer's ("system") or one Diarist speaks. */
  language: z.enum(LANGUAGE_CHOICES),
  appearance: z.enum(APPEARANCES),
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
  autoExportFormats: [],
  notifyWhenBatchFinishes: true,
  checkForUpdates: true,
  language: 'system',
  appearance: 'system',
};
