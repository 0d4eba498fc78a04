/** A run's settings in a few words: "Precision-2, auto" or "Community-1, exactly 3, no overlapping turns". */

import type { TFunction } from 'i18next';
import type { DiarizeOptions } from '../../shared/diarize-options';

/** The models' names are pyannoteAI's, the same in every language. */
const MODEL_NAMES: Record<DiarizeOptions['model'], string> = {
  'precision-2': 'Precision-2',
  'community-1': 'Community-1',
};

export function settingsWords(t: TFunction<'runs'>, options: DiarizeOptions): string {
  const { speakers } = options;
  let count: string;
  if (speakers.kind === 'exact') count = t('settings.exact', { count: speakers.count });
  else if (speakers.kind === 'range' && speakers.min !== undefined && speakers.max !== undefined)
    count = t('settings.range', { min: speakers.min, max: speakers.max });
  else if (speakers.kind === 'range' && speakers.min !== undefined)
    count = t('settings.atLeast', { min: speakers.min });
  else if (speakers.kind === 'range' && speakers.max !== undefined)
    count = t('settings.atMost', { max: speakers.max });
  else count = t('settings.auto');
  const parts = [MODEL_NAMES[options.model], count];
  if (options.exclusive) parts.push(t('settings.exclusive'));
  if (options.transcription) parts.push(t('settings.transcription'));
  if (options.recognise)
    parts.push(t('settings.knownVoices', { count: options.recognise.voiceIds.length }));
  return parts.join(', ');
}
