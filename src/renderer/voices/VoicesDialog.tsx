/**
 * The Voices page, opened from the header: every voice remembered on this computer (its name, the
 * recording and speaker it came from, when), renamed in place, deleted one by one or all at once
 * (each asked first). Empty, it says how to remember a voice; where this computer cannot keep
 * voices, it says why, in the words used for the key.
 */

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceView } from '../../shared/voices';
import { MAX_VOICE_NAME_LENGTH } from '../../shared/voices';
import { Banner } from '../components/Banner';
import { Modal } from '../components/Modal';
import { useErrorWords } from '../error-words';
import { byId, moveFocus } from '../focus';
import { keyReasonWords } from '../key-words';
import { useDefaultName } from '../result/result-words';
import { useFormat } from '../use-format';
import { ConfirmDialog } from './ConfirmDialog';
import { useVoices, useVoicesStore } from './use-voices';

export const VOICES_HEADING = 'voices-heading';
const renameId = (id: string) => `voice-rename-${id}`;
const nameFieldId = (id: string) => `voice-name-${id}`;

interface VoicesDialogProps {
  onClose(): void;
}

type Asking = { kind: 'one'; voice: VoiceView } | { kind: 'all'; count: number };

export function VoicesDialog({ onClose }: VoicesDialogProps) {
  const { t } = useTranslation('voices');
  const { t: settingsT } = useTranslation('settings');
  const format = useFormat();
  const words = useErrorWords();
  const store = useVoicesStore();
  const { state, loadError } = useVoices();
  const [editing, setEditing] = useState<string>();
  const [asking, setAsking] = useState<Asking>();
  /** What the last action did, said once (a screen reader hears it). */
  const [said, setSaid] = useState<{ tone: 'success' | 'error'; text: string }>();

  // The list is read again each time the page opens: another window may have changed it.
  useEffect(() => {
    void store?.load();
  }, [store]);

  const voices = state?.voices ?? [];
  const storage = state?.storage;
  const reason = storage && !storage.ok ? (keyReasonWords(storage, settingsT) ?? '') : '';

  const remove = async (voice: VoiceView) => {
    setAsking(undefined);
    const index = voices.findIndex((v) => v.id === voice.id);
    const neighbour = voices[index + 1] ?? voices[index - 1];
    try {
      await store?.remove(voice.id);
      setSaid({ tone: 'success', text: t('page.deleted', { name: voice.name }) });
      // Focus goes to the next voice (or the one before), or the heading once none is left.
      moveFocus(byId(neighbour ? renameId(neighbour.id) : VOICES_HEADING));
    } catch (failure) {
      setSaid({ tone: 'error', text: t('page.deleteFailed', { reason: words.call(failure) }) });
    }
  };
  const removeAll = async () => {
    setAsking(undefined);
    try {
      const count = (await store?.removeAll()) ?? 0;
      setSaid({
        tone: 'success',
        text: t('page.deletedAll', { count, n: format.count(count) }),
      });
      moveFocus(byId(VOICES_HEADING));
    } catch (failure) {
      setSaid({ tone: 'error', text: t('page.deleteFailed', { reason: words.call(failure) }) });
    }
  };

  return (
    <Modal
      title={t('page.title')}
      titleId={VOICES_HEADING}
      onClose={onClose}
      className="voices-dialog"
      actions={
        <>
          {voices.length > 0 ? (
            <button
              type="button"
              className="btn btn-danger voices-delete-all"
              onClick={() => setAsking({ kind: 'all', count: voices.length })}
            >
              {t('page.deleteAll')}
            </button>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={onClose}>
            {t('page.close')}
          </button>
        </>
      }
    >
      <p className="muted">{t('page.intro')}</p>
      {storage && !storage.ok ? (
        <Banner tone="warning" role="note" title={t('page.storageOff')}>
          {reason || t('page.storageOffNoReason')}
        </Banner>
      ) : null}
      {said ? (
        <p
          className={said.tone === 'error' ? 'field-error' : 'voices-said'}
          role={said.tone === 'error' ? 'alert' : 'status'}
        >
          {said.text}
        </p>
      ) : null}
      {loadError !== undefined && !state ? (
        <Banner tone="error" role="alert">
          {t('page.loadFailed', { reason: words.call(loadError) })}
        </Banner>
      ) : !state ? (
        <p className="loading">{t('page.loading')}</p>
      ) : voices.length === 0 ? (
        <div className="voices-empty">
          <p>{t('page.empty')}</p>
          {storage?.ok ? <p className="muted">{t('page.emptyHow')}</p> : null}
        </div>
      ) : (
        <ul className="voice-list" aria-label={t('page.listLabel')}>
          {voices.map((voice) => (
            <VoiceItem
              key={voice.id}
              voice={voice}
              editing={editing === voice.id}
              onEdit={(on) => {
                setEditing(on ? voice.id : undefined);
                if (!on) moveFocus(byId(renameId(voice.id)));
              }}
              onRenamed={(name) => setSaid({ tone: 'success', text: t('page.renamed', { name }) })}
              onDelete={() => setAsking({ kind: 'one', voice })}
            />
          ))}
        </ul>
      )}
      <p className="muted small">{t('page.privacy')}</p>
      {asking?.kind === 'one' ? (
        <ConfirmDialog
          title={t('confirmDelete.title', { name: asking.voice.name })}
          cancel={t('confirmDelete.cancel')}
          confirm={t('confirmDelete.confirm')}
          onConfirm={() => void remove(asking.voice)}
          onClose={() => setAsking(undefined)}
        >
          <p>{t('confirmDelete.body')}</p>
        </ConfirmDialog>
      ) : null}
      {asking?.kind === 'all' ? (
        <ConfirmDialog
          title={t('confirmDeleteAll.title', {
            count: asking.count,
            n: format.count(asking.count),
          })}
          cancel={t('confirmDeleteAll.cancel')}
          confirm={t('confirmDeleteAll.confirm')}
          onConfirm={() => void removeAll()}
          onClose={() => setAsking(undefined)}
        >
          <p>{t('confirmDeleteAll.body')}</p>
        </ConfirmDialog>
      ) : null}
    </Modal>
  );
}

interface VoiceItemProps {
  voice: VoiceView;
  editing: boolean;
  onEdit(on: boolean): void;
  onRenamed(name: string): void;
  onDelete(): void;
}

function VoiceItem({ voice, editing, onEdit, onRenamed, onDelete }: VoiceItemProps) {
  const { t } = useTranslation('voices');
  const format = useFormat();
  const words = useErrorWords();
  const store = useVoicesStore();
  const defaultName = useDefaultName();
  const [draft, setDraft] = useState(voice.name);
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const fieldRef = useRef<HTMLInputElement>(null);
  const problemId = `voice-name-problem-${voice.id}`;

  useEffect(() => {
    if (!editing) return;
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [editing]);
  const startEditing = () => {
    setDraft(voice.name);
    setProblem(undefined);
    onEdit(true);
  };

  const save = async () => {
    const name = draft.trim();
    if (name === '') {
      setProblem(t('page.nameEmpty'));
      fieldRef.current?.focus();
      return;
    }
    if (name === voice.name) return onEdit(false);
    setSaving(true);
    try {
      const saved = await store?.rename(voice.id, name);
      onRenamed(saved?.name ?? name);
      onEdit(false);
    } catch (failure) {
      // The name typed stays in the field, to try again.
      setProblem(t('page.renameFailed', { reason: words.call(failure) }));
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      // Closes the field, not the page.
      event.preventDefault();
      event.stopPropagation();
      onEdit(false);
    }
  };

  const from = t('page.from', {
    recording: voice.fromRecording,
    speaker: defaultName(voice.fromSpeaker),
  });
  const when = t('page.when', { date: format.dateTime(voice.createdAt) });

  return (
    <li className="voice-item">
      {editing ? (
        <div className="voice-rename">
          <label htmlFor={nameFieldId(voice.id)}>{t('page.nameField', { name: voice.name })}</label>
          <div className="voice-rename-row">
            <input
              id={nameFieldId(voice.id)}
              ref={fieldRef}
              className="text-input"
              value={draft}
              maxLength={MAX_VOICE_NAME_LENGTH}
              disabled={saving}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? problemId : undefined}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={saving}
              onClick={() => void save()}
            >
              {t('page.save')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={saving}
              onClick={() => onEdit(false)}
            >
              {t('page.cancel')}
            </button>
          </div>
          {problem ? (
            <p className="field-error" id={problemId} role="alert">
              {problem}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="voice-text">
          {/* A name a person gave: data, the same in every language. */}
          <p className="voice-name" data-untranslated="">
            {voice.name}
          </p>
          <p className="muted small">
            {from}
            <span aria-hidden="true"> · </span>
            {when}
          </p>
        </div>
      )}
      {editing ? null : (
        <div className="voice-actions">
          <button
            type="button"
            id={renameId(voice.id)}
            className="btn btn-small"
            aria-label={t('page.renameLabel', { name: voice.name })}
            onClick={startEditing}
          >
            {t('page.rename')}
          </button>
          <button
            type="button"
            className="btn btn-small voice-delete"
            aria-label={t('page.deleteLabel', { name: voice.name })}
            onClick={onDelete}
          >
            {t('page.delete')}
          </button>
        </div>
      )}
    </li>
  );
}
