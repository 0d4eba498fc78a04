/**
 * The batch option "Recognise known voices": which of the voices saved on this computer to look
 * for (all of them at first, 1 to 50) and how sure pyannoteAI must be before it names a speaker.
 * Without a voice saved it cannot be chosen, and says how to remember one.
 */

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MATCH_LEVELS, MAX_VOICES_PER_RECOGNITION, type MatchLevel } from '../../shared/voices';
import { CheckboxField } from '../components/CheckboxField';
import { chosenVoiceIds, type OptionsDraft } from '../components/options-draft';
import { useFormat } from '../use-format';
import { useVoices } from './use-voices';
import { matchLevelWords } from './voice-words';

interface RecognitionFieldsProps {
  draft: OptionsDraft;
  onChange(patch: Partial<OptionsDraft>): void;
  /** The option's problem in the page's words (with transcription, with Community-1, no voice). */
  error?: string | undefined;
}

export function RecognitionFields({ draft, onChange, error }: RecognitionFieldsProps) {
  const { t } = useTranslation('voices');
  const format = useFormat();
  const id = useId();
  const { state } = useVoices();
  const voices = state?.voices ?? [];
  const none = state !== undefined && voices.length === 0;
  const precision = draft.model === 'precision-2';
  const on = draft.recognise && !none;
  const chosen = chosenVoiceIds(draft.voiceIds, voices);
  const chosenSet = new Set(chosen);

  let hint = t('option.hint');
  if (none) hint = state.storage.ok ? t('option.none') : t('option.storageOff');
  else if (!precision) hint = t('option.unavailable');

  const toggle = (voiceId: string, checked: boolean) =>
    onChange({
      voiceIds: checked
        ? voices.filter((v) => chosenSet.has(v.id) || v.id === voiceId).map((v) => v.id)
        : chosen.filter((other) => other !== voiceId),
    });

  return (
    <fieldset className="option-group recognition-fields">
      <legend>{t('option.legend')}</legend>
      <CheckboxField
        id={`${id}-recognise`}
        label={t('option.label')}
        hint={hint}
        error={on ? error : undefined}
        checked={on}
        // Left enabled while it is on, so a choice the model cannot do can be turned off.
        disabled={none || (!precision && !draft.recognise) || state === undefined}
        onChange={(recognise) => onChange({ recognise })}
      />
      {on ? (
        <div className="recognition-choices">
          <fieldset className="recognition-voices" aria-describedby={`${id}-chosen`}>
            <legend className="recognition-sublegend">{t('option.voices')}</legend>
            <p className="muted small" id={`${id}-chosen`}>
              {t('option.chosen', {
                count: chosen.length,
                n: format.count(chosen.length),
                total: format.count(voices.length),
                most: format.count(MAX_VOICES_PER_RECOGNITION),
              })}
            </p>
            <ul className="recognition-voice-list">
              {voices.map((voice) => (
                <li key={voice.id}>
                  <CheckboxField
                    id={`${id}-voice-${voice.id}`}
                    label={<span data-untranslated="">{voice.name}</span>}
                    checked={chosenSet.has(voice.id)}
                    onChange={(checked) => toggle(voice.id, checked)}
                  />
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="recognition-level">
            <label htmlFor={`${id}-match`}>{t('option.sure')}</label>
            <select
              id={`${id}-match`}
              className="select"
              value={draft.match}
              onChange={(event) => onChange({ match: event.target.value as MatchLevel })}
            >
              {MATCH_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {matchLevelWords(t, level)}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
