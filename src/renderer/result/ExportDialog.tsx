/** Lets the person pick an export format; main then asks where to save and writes the file. */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resolveLanguage } from '../../shared/i18n/languages';
import type { ExportFormat } from '../../shared/result';
import { api, unwrap } from '../api';
import { Modal } from '../components/Modal';
import { useErrorWords } from '../error-words';
import { EXPORT_CHOICES } from './export-formats';

interface ExportDialogProps {
  jobId: string;
  /** The file's name, and the id main shows it in its folder by. */
  onSaved(saved: { fileName: string; exportId: string }): void;
  onClose(): void;
}

export function ExportDialog({ jobId, onSaved, onClose }: ExportDialogProps) {
  const words = useErrorWords();
  const { t, i18n } = useTranslation('result');
  const [busy, setBusy] = useState<ExportFormat>();
  const [error, setError] = useState<string>();

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      // The document's headings in the page's language (the pseudo-locale writes English).
      const language = resolveLanguage(i18n.language, []);
      const saved = await unwrap(() => api()['results:export']({ id: jobId, format, language }));
      // null means the person closed the save dialog: nothing to say.
      if (saved) onSaved(saved);
      onClose();
    } catch (failure) {
      setError(words.call(failure));
      setBusy(undefined);
    }
  };

  return (
    <Modal
      title={t('export.title')}
      onClose={onClose}
      actions={
        <button type="button" className="btn" onClick={onClose} disabled={busy !== undefined}>
          {t('export.cancel')}
        </button>
      }
    >
      <p className="muted">{t('export.intro')}</p>
      <ul className="format-list">
        {EXPORT_CHOICES.map((format) => {
          const label = format.name ?? t('export.text');
          return (
            <li key={format.id}>
              <button
                type="button"
                className="format-option"
                onClick={() => void exportAs(format.id)}
                disabled={busy !== undefined}
                // Named by what it shows, the format and its explanation (WCAG 2.5.3: a person
                // using speech input says what they see).
              >
                <span className="format-name">{label}</span>
                <span className="format-hint">{t(`export.hints.${format.id}`)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {busy ? (
        <p className="busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('export.busy')}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
