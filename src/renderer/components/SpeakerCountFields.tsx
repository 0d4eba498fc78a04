/** How many speakers to look for: automatic, an exact number, or a range with either end optional. */

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OptionsDraft } from './options-draft';

interface SpeakerCountFieldsProps {
  draft: OptionsDraft;
  onChange(patch: Partial<OptionsDraft>): void;
  /** Already in the page's language (see problemWords). */
  error?: string | undefined;
}

// The number fields stay enabled: typing in one (or clicking into it) chooses its option, as
// people expect. Only that: moving focus through them with Tab leaves the choice as it was.
export function SpeakerCountFields({ draft, onChange, error }: SpeakerCountFieldsProps) {
  const { t } = useTranslation('batch');
  const id = useId();
  const kind = draft.speakerKind;
  const errorId = `${id}-error`;
  const invalid = error ? true : undefined;

  return (
    <fieldset className="option-group" aria-describedby={error ? errorId : undefined}>
      <legend>{t('speakers.legend')}</legend>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-auto`}
          name={`${id}-kind`}
          checked={kind === 'auto'}
          onChange={() => onChange({ speakerKind: 'auto' })}
        />
        <label htmlFor={`${id}-auto`}>{t('speakers.auto')}</label>
      </div>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-exact`}
          name={`${id}-kind`}
          checked={kind === 'exact'}
          onChange={() => onChange({ speakerKind: 'exact' })}
        />
        <label htmlFor={`${id}-exact`}>{t('speakers.exact')}</label>
        <input
          type="number"
          className="number-input"
          min={1}
          max={100}
          aria-label={t('speakers.exactNumber')}
          value={draft.exact}
          onPointerDown={() => kind !== 'exact' && onChange({ speakerKind: 'exact' })}
          aria-invalid={kind === 'exact' ? invalid : undefined}
          onChange={(event) => onChange({ speakerKind: 'exact', exact: event.target.value })}
        />
      </div>
      <div className="choice">
        <input
          type="radio"
          id={`${id}-range`}
          name={`${id}-kind`}
          checked={kind === 'range'}
          onChange={() => onChange({ speakerKind: 'range' })}
        />
        <label htmlFor={`${id}-range`}>{t('speakers.range')}</label>
        <input
          type="number"
          className="number-input"
          min={1}
          max={100}
          aria-label={t('speakers.fewest')}
          placeholder="1"
          value={draft.min}
          onPointerDown={() => kind !== 'range' && onChange({ speakerKind: 'range' })}
          aria-invalid={kind === 'range' ? invalid : undefined}
          onChange={(event) => onChange({ speakerKind: 'range', min: event.target.value })}
        />
        <span className="choice-join">{t('speakers.and')}</span>
        <input
          type="number"
          className="number-input"
          min={1}
          max={100}
          aria-label={t('speakers.most')}
          placeholder={t('speakers.any')}
          value={draft.max}
          onPointerDown={() => kind !== 'range' && onChange({ speakerKind: 'range' })}
          aria-invalid={kind === 'range' ? invalid : undefined}
          onChange={(event) => onChange({ speakerKind: 'range', max: event.target.value })}
        />
      </div>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : (
        <p className="choice-hint">{t('speakers.hint')}</p>
      )}
    </fieldset>
  );
}
