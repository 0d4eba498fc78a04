/** The diarization options (model, speakers, outputs), shared by the batch panel and the settings defaults. */

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Model } from '../../shared/diarize-options';
import { useFormat } from '../i18n';
import type { FieldProblems, OptionsDraft } from './options-draft';
import { optionProblemWords } from '../option-problem-words';
import { CheckboxField } from './CheckboxField';
import { SpeakerCountFields } from './SpeakerCountFields';
import { RecognitionFields } from '../voices/RecognitionFields';

/** The models' names are pyannoteAI's, the same in every language; their hints are translated. */
const MODEL_CHOICES: readonly { id: Model; label: string; hint: 'precision2' | 'community1' }[] = [
  { id: 'precision-2', label: 'Precision-2', hint: 'precision2' },
  { id: 'community-1', label: 'Community-1', hint: 'community1' },
];

interface OptionsFieldsProps {
  draft: OptionsDraft;
  onChange(draft: OptionsDraft): void;
  /** The problems in the schema's English; each is shown in the page's language by its field. */
  problems?: FieldProblems | undefined;
}

export function OptionsFields({ draft, onChange, problems = {} }: OptionsFieldsProps) {
  const { t, i18n } = useTranslation('batch');
  const format = useFormat();
  const id = useId();
  const set = (patch: Partial<OptionsDraft>) => onChange({ ...draft, ...patch });
  const canTranscribe = draft.model === 'precision-2';
  const said = (message: string | undefined) =>
    message === undefined ? undefined : optionProblemWords(message, t, format, i18n.language);

  return (
    <div className="options-grid">
      <fieldset
        className="option-group"
        aria-describedby={problems.model ? `${id}-model-error` : undefined}
      >
        <legend>{t('options.model.legend')}</legend>
        {MODEL_CHOICES.map((choice) => (
          <div className="choice" key={choice.id}>
            <input
              type="radio"
              id={`${id}-model-${choice.id}`}
              name={`${id}-model`}
              checked={draft.model === choice.id}
              onChange={() =>
                // Transcription and recognition exist only with precision-2, so switching away
                // turns them off.
                set({
                  model: choice.id,
                  transcription: choice.id === 'precision-2' && draft.transcription,
                  recognise: choice.id === 'precision-2' && draft.recognise,
                })
              }
              aria-describedby={`${id}-model-${choice.id}-hint`}
            />
            <div>
              <label htmlFor={`${id}-model-${choice.id}`}>{choice.label}</label>
              <p className="choice-hint" id={`${id}-model-${choice.id}-hint`}>
                {t(`options.model.${choice.hint}`)}
              </p>
            </div>
          </div>
        ))}
        {problems.model ? (
          <p className="field-error" id={`${id}-model-error`} role="alert">
            {said(problems.model)}
          </p>
        ) : null}
      </fieldset>

      <SpeakerCountFields draft={draft} onChange={set} error={said(problems.speakers)} />

      <fieldset className="option-group">
        <legend>{t('options.results.legend')}</legend>
        <CheckboxField
          id={`${id}-exclusive`}
          label={t('options.results.exclusive.label')}
          hint={t('options.results.exclusive.hint')}
          checked={draft.exclusive}
          onChange={(exclusive) => set({ exclusive })}
        />
        <CheckboxField
          id={`${id}-transcription`}
          label={t('options.results.transcription.label')}
          hint={
            canTranscribe
              ? t('options.results.transcription.hint')
              : t('options.results.transcription.unavailable')
          }
          error={said(problems.transcription)}
          checked={draft.transcription}
          // Left enabled while it is on, so a choice the model cannot do can be turned off.
          disabled={!canTranscribe && !draft.transcription}
          onChange={(transcription) => set({ transcription })}
        />
        <CheckboxField
          id={`${id}-confidence`}
          label={t('options.results.confidence.label')}
          hint={t('options.results.confidence.hint')}
          checked={draft.turnLevelConfidence}
          onChange={(turnLevelConfidence) => set({ turnLevelConfidence })}
        />
      </fieldset>

      <RecognitionFields draft={draft} onChange={set} error={said(problems.recognise)} />
    </div>
  );
}
