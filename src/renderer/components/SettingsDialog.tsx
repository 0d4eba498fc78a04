/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** Settings: which key is set (change or remove it) and the defaults every new batch starts from. */

import { useEffect, useState } from 'react';
import type { AppInfo, KeyStatus } from '../../shared/ipc-contract';
import type { Settings } from '../../shared/settings';
import { api, messageOf, unwrap } from '../api';
import { byId, FOCUS_TARGETS, moveFocus } from '../focus';
import { describeKey } from '../key-words';
import { CheckboxField } from './CheckboxField';
import { DiagnosticsSection } from './DiagnosticsSection';
import { KeyForm } from './KeyForm';
import { Modal } from './Modal';
import { fromDraft, toDraft, type OptionsDraft } from './options-draft';
import { OptionsFields } from './OptionsFields';

interface SettingsDialogProps {
  keyStatus: KeyStatus;
  settings: Settings | undefined;
  /** Opens straight on the key field (from "Change key" in a banner). */
  startWithKeyForm: boolean;
  onKeyStatus(status: KeyStatus): void;
  onUpdate(patch: Partial<Settings>): Promise<Settings>;
  onClose(): void;
}

export function SettingsDialog(props: SettingsDialogProps) {
  const { settings, onUpdate, onClose } = props;
  const [saveState, setSaveState] = useState<{ text: string; error?: boolean }>();
  const [info, setInfo] = useState<AppInfo>();

  useEffect(() => {
    void unwrap(() => api()['app:info']())
      .then(setInfo)
      .catch(() => undefined);
  }, []);

  const save = async (patch: Partial<Settings>) => {
    setSaveState({ text: 'Saving…' });
    try {
      await onUpdate(patch);
      setSaveState({ text: 'Saved.' });
    } catch (failure) {
      setSaveState({ text: `Not saved: ${messageOf(failure)}`, error: true });
    }
  };

  return (
    <Modal
      title="Settings"
      onClose={onClose}
      className="settings-dialog"
      actions={
        <>
          <span
            className={saveState?.error ? 'field-error' : 'muted small'}
            role="status"
            aria-live="polite"
          >
            {saveState?.text}
          </span>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <KeySection {...props} />
      <section className="settings-section" aria-labelledby="settings-defaults">
        <h3 id="settings-defaults" className="subheading">
          Defaults for new batches
        </h3>
        {settings ? (
          <DefaultsForm settings={settings} onSave={(patch) => void save(patch)} />
        ) : (
          <p className="muted">Loading settings…</p>
        )}
      </section>
      {settings ? (
        <section className="settings-section" aria-labelledby="settings-work">
          <h3 id="settings-work" className="subheading">
            While Diarist works
          </h3>
          <p className="muted small">
            Changes apply at once, also to recordings already waiting to be sent.
          </p>
          <WorkForm settings={settings} onSave={(patch) => void save(patch)} />
        </section>
      ) : null}
      <DiagnosticsSection />
      {info ? (
        <p className="muted small settings-version">
          Diarist {info.version} · {info.apiUrl}
        </p>
      ) : null}
    </Modal>
  );
}

function KeySection({ keyStatus, startWithKeyForm, onKeyStatus }: SettingsDialogProps) {
  const [mode, setMode] = useState<'view' | 'change' | 'confirm-remove'>(
    startWithKeyForm ? 'change' : 'view',
  );
  const [error, setError] = useState<string>();
  // Each step replaces the button that led to it, so focus is sent on to the next sensible one.
  const show = (next: typeof mode, focusId: string) => {
    setMode(next);
    moveFocus(byId(focusId));
  };

  const removeKey = async () => {
    try {
      const status = await unwrap(() => api()['key:clear']());
      // Without a key the window shows the key screen instead: focus goes to its heading.
      moveFocus(byId(FOCUS_TARGETS.keyScreenHeading));
      onKeyStatus(status);
    } catch (failure) {
      setError(messageOf(failure));
      show('view', 'settings-change-key');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-key">
      <h3 id="settings-key" className="subheading">
        pyannoteAI API key
      </h3>
      {mode === 'change' ? (
        <KeyForm
          autoFocus
          onSaved={(status) => {
            onKeyStatus(status);
            show('view', 'settings-change-key');
          }}
          onCancel={() => show('view', 'settings-change-key')}
        />
      ) : (
        <>
          <p>{describeKey(keyStatus)}</p>
          {mode === 'confirm-remove' ? (
            <div className="confirm" role="group" aria-label="Confirm removing the key">
              <p>
                Remove the key from this computer? Diarist cannot send or track recordings until a
                key is added again.
              </p>
              <div className="form-actions">
                <button type="button" className="btn btn-danger" onClick={() => void removeKey()}>
                  Yes, remove the key
                </button>
                <button
                  type="button"
                  className="btn"
                  id="settings-keep-key"
                  onClick={() => show('view', 'settings-remove-key')}
                >
                  Keep it
                </button>
              </div>
            </div>
          ) : (
            <div className="form-actions">
              <button
                type="button"
                className="btn"
                id="settings-change-key"
                onClick={() => setMode('change')}
              >
                Change key
              </button>
              {keyStatus.state !== 'missing' ? (
                <button
                  type="button"
                  className="btn btn-quiet"
                  id="settings-remove-key"
                  onClick={() => show('confirm-remove', 'settings-keep-key')}
                >
                  Remove key
                </button>
              ) : null}
            </div>
          )}
          {error ? <p className="field-error">{error}</p> : null}
        </>
      )}
    </section>
  );
}

function DefaultsForm({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave(patch: Partial<Settings>): void;
}) {
  const [draft, setDraft] = useState<OptionsDraft>(() => toDraft(settings.defaultOptions));
  const check = fromDraft(draft);

  const changeOptions = (next: OptionsDraft) => {
    setDraft(next);
    // Saved as soon as the choice is complete and valid; half-typed numbers wait.
    const nextCheck = fromDraft(next);
    if (nextCheck.ok) onSave({ defaultOptions: nextCheck.options });
  };

  return (
    <OptionsFields
      draft={draft}
      onChange={changeOptions}
      problems={check.ok ? undefined : check.problems}
    />
  );
}

function WorkForm({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave(patch: Partial<Settings>): void;
}) {
  return (
    <>
      <div className="settings-row">
        <label htmlFor="settings-concurrency">Uploads at the same time</label>
        <select
          id="settings-concurrency"
          className="select"
          value={settings.uploadConcurrency}
          onChange={(event) => onSave({ uploadConcurrency: Number(event.target.value) })}
          aria-describedby="settings-concurrency-hint"
        >
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <p className="choice-hint" id="settings-concurrency-hint">
          More is faster on a fast connection; fewer leaves more of it for everyone else.
        </p>
      </div>
      <CheckboxField
        id="settings-notify"
        label="Notify me when a batch finishes"
        checked={settings.notifyWhenBatchFinishes}
        onChange={(notifyWhenBatchFinishes) => onSave({ notifyWhenBatchFinishes })}
      />
      <CheckboxField
        id="settings-updates"
        label="Tell me once a day when a newer Diarist is available (nothing is installed by itself)"
        checked={settings.checkForUpdates}
        onChange={(checkForUpdates) => onSave({ checkForUpdates })}
      />
    </>
  );
}
