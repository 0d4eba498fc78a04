/**
 * Settings: which key is set (change or remove it), the language, and the defaults every new
 * batch starts from.
 */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_CHOICES, resolveLanguage, type Language } from '../../shared/i18n/languages';
import type { AppInfo, KeyStatus } from '../../shared/ipc-contract';
import { APPEARANCES, type Settings } from '../../shared/settings';
import { api, unwrap } from '../api';
import { byId, moveFocus } from '../focus';
import { useFormat } from '../i18n';
import { describeKey } from '../key-words';
import { CheckboxField } from './CheckboxField';
import { DiagnosticsSection } from './DiagnosticsSection';
import { KeyForm } from './KeyForm';
import { Modal } from './Modal';
import { fromDraft, toDraft, type OptionsDraft } from './options-draft';
import { OptionsFields } from './OptionsFields';
import { useErrorWords } from '../error-words';
import { useVoices } from '../voices/use-voices';
import { EXPORT_CHOICES } from '../result/export-formats';

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
  const words = useErrorWords();
  const { settings, onUpdate, onClose } = props;
  const { t } = useTranslation('settings');
  // What the last save did, put into words when shown: a choice of language changes the words.
  const [saveState, setSaveState] = useState<
    { step: 'saving' } | { step: 'saved' } | { step: 'failed'; reason: string }
  >();
  const [info, setInfo] = useState<AppInfo>();

  useEffect(() => {
    void unwrap(() => api()['app:info']())
      .then(setInfo)
      .catch(() => undefined);
  }, []);

  const save = async (patch: Partial<Settings>) => {
    setSaveState({ step: 'saving' });
    try {
      await onUpdate(patch);
      setSaveState({ step: 'saved' });
    } catch (failure) {
      setSaveState({ step: 'failed', reason: words.call(failure) });
    }
  };

  return (
    <Modal
      title={t('title')}
      onClose={onClose}
      className="settings-dialog"
      actions={
        <>
          <span
            className={saveState?.step === 'failed' ? 'field-error' : 'muted small'}
            role="status"
            aria-live="polite"
          >
            {saveState?.step === 'saving' ? t('save.saving') : null}
            {saveState?.step === 'saved' ? t('save.saved') : null}
            {saveState?.step === 'failed' ? t('save.failed', { reason: saveState.reason }) : null}
          </span>
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('close')}
          </button>
        </>
      }
    >
      <KeySection {...props} />
      {settings ? (
        <section className="settings-section" aria-labelledby="settings-language-heading">
          <h3 id="settings-language-heading" className="subheading">
            {t('language.heading', { ns: 'common' })}
          </h3>
          <LanguageField settings={settings} onSave={(patch) => void save(patch)} />
        </section>
      ) : null}
      {settings ? (
        <section className="settings-section" aria-labelledby="settings-appearance-heading">
          <h3 id="settings-appearance-heading" className="subheading">
            {t('appearance.heading')}
          </h3>
          <AppearanceField settings={settings} onSave={(patch) => void save(patch)} />
        </section>
      ) : null}
      <section className="settings-section" aria-labelledby="settings-defaults">
        <h3 id="settings-defaults" className="subheading">
          {t('defaults.heading')}
        </h3>
        {settings ? (
          <DefaultsForm settings={settings} onSave={(patch) => void save(patch)} />
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </section>
      {settings ? (
        <section className="settings-section" aria-labelledby="settings-work">
          <h3 id="settings-work" className="subheading">
            {t('work.heading')}
          </h3>
          <p className="muted small">{t('work.intro')}</p>
          <WorkForm settings={settings} onSave={(patch) => void save(patch)} />
        </section>
      ) : null}
      {settings ? (
        <section className="settings-section" aria-labelledby="settings-exports">
          <h3 id="settings-exports" className="subheading">
            {t('exports.heading')}
          </h3>
          <ExportFolderField settings={settings} onSave={(patch) => void save(patch)} />
        </section>
      ) : null}
      <DiagnosticsSection />
      {info ? (
        <p className="muted small settings-version">
          {t('version', { version: info.version, apiUrl: info.apiUrl })}
        </p>
      ) : null}
    </Modal>
  );
}

function KeySection({ keyStatus, startWithKeyForm, onKeyStatus }: SettingsDialogProps) {
  const words = useErrorWords();
  const { t } = useTranslation('settings');
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
      // The main window stays (saved results open without a key): focus on entering one again.
      onKeyStatus(status);
      show('view', 'settings-change-key');
    } catch (failure) {
      setError(words.call(failure));
      show('view', 'settings-change-key');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="settings-key">
      <h3 id="settings-key" className="subheading">
        {t('key.heading')}
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
          <p>{describeKey(keyStatus, t)}</p>
          {mode === 'confirm-remove' ? (
            <div className="confirm" role="group" aria-label={t('key.confirmLabel')}>
              <p>{t('key.confirmText')}</p>
              <div className="form-actions">
                <button type="button" className="btn btn-danger" onClick={() => void removeKey()}>
                  {t('key.confirmRemove')}
                </button>
                <button
                  type="button"
                  className="btn"
                  id="settings-keep-key"
                  onClick={() => show('view', 'settings-remove-key')}
                >
                  {t('key.keep')}
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
                {keyStatus.state === 'missing' ? t('key.enter') : t('key.change')}
              </button>
              {keyStatus.state !== 'missing' ? (
                <button
                  type="button"
                  className="btn btn-quiet"
                  id="settings-remove-key"
                  onClick={() => show('confirm-remove', 'settings-keep-key')}
                >
                  {t('key.remove')}
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

/** "Français", "Deutsch": each language as its own speakers write it, so anyone finds theirs. */
function ownName(language: Language): string {
  const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** A labelled list of choices with its hint under it: Language and Colours. */
function ChoiceRow<T extends string>({
  id,
  label,
  hint,
  value,
  choices,
  onChoose,
}: {
  id: string;
  label: string;
  hint: string;
  value: T;
  choices: readonly { value: T; label: string; lang?: string }[];
  onChoose(choice: T): void;
}) {
  return (
    <div className="settings-row">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(event) => {
          const choice = choices.find((option) => option.value === event.target.value);
          if (choice) onChoose(choice.value);
        }}
        aria-describedby={`${id}-hint`}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value} lang={choice.lang}>
            {choice.label}
          </option>
        ))}
      </select>
      <p className="choice-hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}

/**
 * The choice is saved, and the hook that keeps the settings applies it to the page as soon as it
 * is saved: every word changes at once, without a restart.
 */
function LanguageField({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave(patch: Partial<Settings>): void;
}) {
  const { t } = useTranslation('common');
  // What "the computer's" gives: its first language that Diarist speaks, else English.
  const computers = ownName(resolveLanguage('system', navigator.languages));
  return (
    <ChoiceRow
      id="settings-language"
      label={t('language.label')}
      hint={t('language.hint')}
      value={settings.language}
      choices={LANGUAGE_CHOICES.map((choice) =>
        choice === 'system'
          ? { value: choice, label: t('language.system', { language: computers }) }
          : { value: choice, label: ownName(choice), lang: choice },
      )}
      onChoose={(language) => onSave({ language })}
    />
  );
}

/** Light, dark or the computer's; applied at once by the hook that keeps the settings. */
function AppearanceField({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave(patch: Partial<Settings>): void;
}) {
  const { t } = useTranslation('settings');
  return (
    <ChoiceRow
      id="settings-appearance"
      label={t('appearance.label')}
      hint={t('appearance.hint')}
      value={settings.appearance}
      choices={APPEARANCES.map((choice) => ({ value: choice, label: t(`appearance.${choice}`) }))}
      onChoose={(appearance) => onSave({ appearance })}
    />
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
  const { state: voicesState } = useVoices();
  const check = fromDraft(draft, voicesState?.voices);

  const changeOptions = (next: OptionsDraft) => {
    setDraft(next);
    // Saved as soon as the choice is complete and valid; half-typed numbers wait.
    const nextCheck = fromDraft(next, voicesState?.voices);
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
  const { t } = useTranslation('settings');
  const format = useFormat();
  return (
    <>
      <div className="settings-row">
        <label htmlFor="settings-concurrency">{t('work.concurrency')}</label>
        <select
          id="settings-concurrency"
          className="select"
          value={settings.uploadConcurrency}
          onChange={(event) => onSave({ uploadConcurrency: Number(event.target.value) })}
          aria-describedby="settings-concurrency-hint"
        >
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {format.count(n)}
            </option>
          ))}
        </select>
        <p className="choice-hint" id="settings-concurrency-hint">
          {t('work.concurrencyHint')}
        </p>
      </div>
      <CheckboxField
        id="settings-notify"
        label={t('work.notify')}
        checked={settings.notifyWhenBatchFinishes}
        onChange={(notifyWhenBatchFinishes) => onSave({ notifyWhenBatchFinishes })}
      />
      <CheckboxField
        id="settings-updates"
        label={t('work.updates')}
        checked={settings.checkForUpdates}
        onChange={(checkForUpdates) => onSave({ checkForUpdates })}
      />
    </>
  );
}

/** The folder the export dialog opens in: chosen with the system's folder dialog, or forgotten. */
function ExportFolderField({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave(patch: Partial<Settings>): void;
}) {
  const { t } = useTranslation('settings');
  const words = useErrorWords();
  const [failed, setFailed] = useState<string>();
  const chooseRef = useRef<HTMLButtonElement>(null);
  const choose = async () => {
    setFailed(undefined);
    try {
      const folder = await unwrap(() => api()['files:pick-export-folder']());
      if (folder) onSave({ exportFolder: folder });
    } catch (failure) {
      setFailed(words.call(failure));
    }
  };
  const folder = settings.exportFolder;
  return (
    <div className="settings-row">
      <span id="settings-export-folder-label">{t('exports.folder')}</span>
      <p
        className={folder ? 'settings-folder' : 'muted small'}
        aria-describedby="settings-export-folder-hint"
      >
        {folder || t('exports.none')}
      </p>
      <div className="settings-actions">
        <button
          type="button"
          ref={chooseRef}
          className="btn btn-small"
          onClick={() => void choose()}
        >
          {t('exports.choose')}
        </button>
        {folder ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              onSave({ exportFolder: '' });
              // The button goes away with the folder: focus stays in the field, on Choose….
              chooseRef.current?.focus();
            }}
          >
            {t('exports.clear')}
          </button>
        ) : null}
      </div>
      <p className="choice-hint" id="settings-export-folder-hint">
        {t('exports.hint')}
      </p>
      <fieldset className="option-group settings-auto-export">
        <legend>{t('exports.autoLegend')}</legend>
        {folder ? null : <p className="muted small">{t('exports.autoNeedsFolder')}</p>}
        {EXPORT_CHOICES.map((format) => (
          <CheckboxField
            key={format.id}
            id={`settings-auto-export-${format.id}`}
            label={format.name ?? t('export.text', { ns: 'result' })}
            checked={settings.autoExportFormats.includes(format.id)}
            disabled={!folder}
            onChange={(checked) =>
              onSave({
                autoExportFormats: checked
                  ? [...settings.autoExportFormats, format.id]
                  : settings.autoExportFormats.filter((id) => id !== format.id),
              })
            }
          />
        ))}
      </fieldset>
      {failed ? (
        <p className="field-error" role="alert">
          {failed}
        </p>
      ) : null}
    </div>
  );
}
