/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** The field where a person pastes their pyannoteAI API key; main checks it with the service before keeping it. */

import { useId, useState, type FormEvent } from 'react';
import type { KeyStatus } from '../../shared/ipc-contract';
import { ApiError, api, messageOf, unwrap } from '../api';
import { moveFocus } from '../focus';

interface KeyFormProps {
  onSaved(status: KeyStatus): void;
  /** Shown next to "Save key" when the form can be left without saving (changing a key). */
  onCancel?: () => void;
  /** Puts focus in the key field when the form appears (it replaced the button that opened it). */
  autoFocus?: boolean;
}

/**
 * The service's own words for a refused key end with "enter it in Settings", which is right
 * mid-batch but not here: this form is where the key is entered (the first-run screen has no
 * Settings at all).
 */
export const KEY_REFUSED =
  'pyannoteAI did not accept this key. Copy it again from the pyannoteAI dashboard, paste it into the box above and choose “Save key”.';

export function KeyForm({ onSaved, onCancel, autoFocus = false }: KeyFormProps) {
  const [key, setKey] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string>();
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    // Caught here so the person gets words, not the contract's schema message.
    if (trimmed === '') return setError('Paste your API key into the field first.');
    if (trimmed.length < 8) return setError('This is too short to be a pyannoteAI API key.');
    setChecking(true);
    setError(undefined);
    try {
      const status = await unwrap(() => api()['key:set']({ key: trimmed }));
      onSaved(status);
    } catch (failure) {
      // The field keeps its text, so a typo can be fixed rather than pasted again.
      const refused = failure instanceof ApiError && failure.code === 'unauthorized';
      setError(refused ? KEY_REFUSED : messageOf(failure));
      setChecking(false);
      // The button was disabled while checking, which dropped focus; back to the field to fix it.
      moveFocus(() => document.getElementById(inputId));
    }
  };

  return (
    <form className="key-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={inputId} className="field-label">
        pyannoteAI API key
      </label>
      <p id={hintId} className="field-hint">
        Diarist checks it with pyannoteAI before saving it, and never shows it again.
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
          Save key
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel} disabled={checking}>
            Cancel
          </button>
        ) : null}
        {checking ? (
          <span className="busy" role="status">
            <span className="spinner" aria-hidden="true" />
            Checking the key…
          </span>
        ) : null}
      </div>
    </form>
  );
}
