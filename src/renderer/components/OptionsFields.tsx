/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** The diarization options (model, speakers, outputs), shared by the batch panel and the settings defaults. */

import { useId } from 'react';
import type { Model } from '../../shared/diarize-options';
import type { FieldProblems, OptionsDraft } from './options-draft';
import { CheckboxField } from './CheckboxField';
import { SpeakerCountFields } from './SpeakerCountFields';

const MODEL_CHOICES: readonly { id: Model; label: string; hint: string }[] = [
  {
    id: 'precision-2',
    label: 'Precision-2',
    hint: 'The most accurate choice. Can also write down what was said.',
  },
  {
    id: 'community-1',
    label: 'Community-1',
    hint: 'The open-source model: costs less, a little less accurate.',
  },
];

interface OptionsFieldsProps {
  draft: OptionsDraft;
  onChange(draft: OptionsDraft): void;
  /** The plain-words problems, each shown right next to its field. */
  problems?: FieldProblems | undefined;
}

export function OptionsFields({ draft, onChange, problems = {} }: OptionsFieldsProps) {
  const id = useId();
  const set = (patch: Partial<OptionsDraft>) => onChange({ ...draft, ...patch });
  const canTranscribe = draft.model === 'precision-2';

  return (
    <div className="options-grid">
      <fieldset
        className="option-group"
        aria-describedby={problems.model ? `${id}-model-error` : undefined}
      >
        <legend>Model</legend>
        {MODEL_CHOICES.map((choice) => (
          <div className="choice" key={choice.id}>
            <input
              type="radio"
              id={`${id}-model-${choice.id}`}
              name={`${id}-model`}
              checked={draft.model === choice.id}
              onChange={() =>
                // Transcription exists only with precision-2, so switching away turns it off.
                set({
                  model: choice.id,
                  transcription: choice.id === 'precision-2' && draft.transcription,
                })
              }
              aria-describedby={`${id}-model-${choice.id}-hint`}
            />
            <div>
              <label htmlFor={`${id}-model-${choice.id}`}>{choice.label}</label>
              <p className="choice-hint" id={`${id}-model-${choice.id}-hint`}>
                {choice.hint}
              </p>
            </div>
          </div>
        ))}
        {problems.model ? (
          <p className="field-error" id={`${id}-model-error`} role="alert">
            {problems.model}
          </p>
        ) : null}
      </fieldset>

      <SpeakerCountFields draft={draft} onChange={set} error={problems.speakers} />

      <fieldset className="option-group">
        <legend>Results</legend>
        <CheckboxField
          id={`${id}-exclusive`}
          label="Non-overlapping turns (best for subtitles)"
          hint="When people talk over each other, only one of them is shown at a time."
          checked={draft.exclusive}
          onChange={(exclusive) => set({ exclusive })}
        />
        <CheckboxField
          id={`${id}-transcription`}
          label="Transcription"
          hint={
            canTranscribe
              ? 'Also write down what each person said.'
              : 'Only available with the Precision-2 model.'
          }
          error={problems.transcription}
          checked={draft.transcription}
          // Left enabled while it is on, so a choice the model cannot do can be turned off.
          disabled={!canTranscribe && !draft.transcription}
          onChange={(transcription) => set({ transcription })}
        />
        <CheckboxField
          id={`${id}-confidence`}
          label="Mark uncertain turns"
          hint="Flags turns where pyannoteAI is unsure who is speaking."
          checked={draft.turnLevelConfidence}
          onChange={(turnLevelConfidence) => set({ turnLevelConfidence })}
        />
      </fieldset>
    </div>
  );
}
