/** The field where a person pastes their pyannoteAI API key; main checks it with the service before keeping it. */

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyStatus } from '../../shared/ipc-contract';
import { ApiError, api, unwrap } from '../api';
import { moveFocus } from '../focus';
import { useErrorWords } from '../error-words';

interface KeyFormProps {
  onSaved(status: KeyStatus): void;
  /** Shown next to "Save key" when the form can be left without saving (changing a key). */
  onCancel?: () => void;
  /** Puts focus in the key field when the form appears (it replaced the button that opened it). */
  autoFocus?: boolean;
}

/**
 * What went wrong, kept as a catalogue key where the form has its own words, so a message already
 * shown follows a change of language. `refused`: the service's own words for a refused key end
 * with "enter it in Settings", which is right mid-batch but not here: this form is where the key
 * is entered (the first-run screen has no Settings at all).
 */
type FormError = { key: 'empty' | 'tooShort' | 'refused' } | { message: string };

export function KeyForm({ onSaved, onCancel, autoFocus = false }: KeyFormProps) {
  const words = useErrorWords();
  const [key, setKey] = useState('');
  const [checking, setChecking] = useState(false);
  const { t } = useTranslation('settings');
  const [problem, setProblem] = useState<FormError>();
  const error = problem && ('key' in problem ? t(`keyForm.${problem.key}`) : problem.message);
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    // Caught here so the person gets words, not the contract's schema message.
    if (trimmed === '') return setProblem({ key: 'empty' });
    if (trimmed.length < 8) return setProblem({ key: 'tooShort' });
    setChecking(true);
    setProblem(undefined);
    try {
      const status = await unwrap(() => api()['key:set']({ key: trimmed }));
      onSaved(status);
    } catch (failure) {
      // The field keeps its text, so a typo can be fixed rather than pasted again.
      const refused = failure instanceof ApiError && failure.code === 'unauthorized';
      setProblem(refused ? { key: 'refused' } : { message: words.call(failure) });
      setChecking(false);
      // The button was disabled while checking, which dropped focus; back to the field to fix it.
      moveFocus(() => document.getElementById(inputId));
    }
  };

  return (
    <form className="key-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={inputId} className="field-label">
        {t('keyForm.label')}
      </label>
      <p id={hintId} className="field-hint">
        {t('keyForm.hint')}
      </p>
      <input
        id={inputId}
        type="password"
        className="text-input key-input"
        value={key}
        onChange={(event) => setKey(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        disabled={checking}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={checking}>
          {t('keyForm.save')}
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel} disabled={checking}>
            {t('keyForm.cancel')}
          </button>
        ) : null}
        {checking ? (
          <span className="busy" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('keyForm.checking')}
          </span>
        ) : null}
      </div>
    </form>
  );
}
