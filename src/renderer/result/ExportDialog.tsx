/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** Lets the person pick an export format; main then asks where to save and writes the file. */

import { useState } from 'react';
import type { ExportFormat } from '../../shared/result';
import { api, messageOf, unwrap } from '../api';
import { Modal } from '../components/Modal';

const FORMATS: readonly { id: ExportFormat; label: string; hint: string }[] = [
  { id: 'txt', label: 'Text', hint: 'A readable list of who spoke when, for documents and email.' },
  { id: 'csv', label: 'CSV', hint: 'A table for Excel or another spreadsheet.' },
  { id: 'srt', label: 'SRT', hint: 'Subtitles for video players and editing software.' },
  { id: 'vtt', label: 'WebVTT', hint: 'Subtitles for web video players.' },
  { id: 'json', label: 'JSON', hint: 'Everything in a structured file, for programs and scripts.' },
  { id: 'rttm', label: 'RTTM', hint: 'The standard format of speech research tools.' },
];

interface ExportDialogProps {
  jobId: string;
  onSaved(fileName: string): void;
  onClose(): void;
}

export function ExportDialog({ jobId, onSaved, onClose }: ExportDialogProps) {
  const [busy, setBusy] = useState<ExportFormat>();
  const [error, setError] = useState<string>();

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      const saved = await unwrap(() => api()['results:export']({ id: jobId, format }));
      // null means the person closed the save dialog: nothing to say.
      if (saved) onSaved(saved.fileName);
      onClose();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(undefined);
    }
  };

  return (
    <Modal
      title="Export"
      onClose={onClose}
      actions={
        <button type="button" className="btn" onClick={onClose} disabled={busy !== undefined}>
          Cancel
        </button>
      }
    >
      <p className="muted">Choose a format. You then pick where to save the file.</p>
      <ul className="format-list">
        {FORMATS.map((format) => (
          <li key={format.id}>
            <button
              type="button"
              className="format-option"
              onClick={() => void exportAs(format.id)}
              disabled={busy !== undefined}
              // Named by the format alone; the explanation is read as its description.
              aria-label={format.label}
              aria-describedby={`export-hint-${format.id}`}
            >
              <span className="format-name">{format.label}</span>
              <span className="format-hint" id={`export-hint-${format.id}`}>
                {format.hint}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {busy ? (
        <p className="busy" role="status">
          <span className="spinner" aria-hidden="true" />
          Choose where to save the file…
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
