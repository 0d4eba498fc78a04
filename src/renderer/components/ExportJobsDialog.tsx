/**
 * "Export…" on several chosen recordings: which formats, then (on confirm) one folder for all of
 * them. Each recording is written in every ticked format; files already there are kept.
 */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../../shared/result';
import { EXPORT_CHOICES } from '../result/export-formats';
import { useFormat } from '../use-format';
import { CheckboxField } from './CheckboxField';
import { Modal } from './Modal';

interface ExportJobsDialogProps {
  /** How many chosen recordings have a result (the ones exported). */
  exportable: number;
  /** How many chosen ones have none yet, and are left out. */
  leftOut: number;
  /** The formats ticked the last time (or DOCX, the minutes a secretary starts from). */
  initialFormats: readonly ExportFormat[];
  /** A folder dialog is open: the buttons wait. */
  choosingFolder: boolean;
  onConfirm(formats: ExportFormat[]): void;
  onClose(): void;
}

export function ExportJobsDialog(props: ExportJobsDialogProps) {
  const { exportable, leftOut, initialFormats, choosingFolder, onConfirm, onClose } = props;
  const { t } = useTranslation('jobs');
  const format = useFormat();
  const [formats, setFormats] = useState<readonly ExportFormat[]>(initialFormats);
  const [missing, setMissing] = useState(false);
  const firstRef = useRef<HTMLDivElement>(null);
  // Focus on the first format: the choice the person makes here.
  useEffect(() => firstRef.current?.querySelector('input')?.focus(), []);
  const count = (n: number) => ({ count: n, n: format.count(n) });

  const confirm = () => {
    if (formats.length === 0) {
      setMissing(true);
      firstRef.current?.querySelector('input')?.focus();
      return;
    }
    onConfirm(EXPORT_CHOICES.flatMap((choice) => (formats.includes(choice.id) ? choice.id : [])));
  };

  return (
    <Modal
      title={t('exportMany.title', count(exportable))}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={choosingFolder}>
            {t('exportMany.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={confirm}
            disabled={choosingFolder}
          >
            {t('exportMany.confirm')}
          </button>
        </>
      }
    >
      <p>{t('exportMany.intro')}</p>
      {leftOut > 0 ? <p className="muted">{t('exportMany.leftOut', count(leftOut))}</p> : null}
      <fieldset className="option-group">
        <legend>{t('exportMany.formats')}</legend>
        <div ref={firstRef}>
          {EXPORT_CHOICES.map((choice) => (
            <CheckboxField
              key={choice.id}
              id={`export-many-${choice.id}`}
              label={choice.name ?? t('export.text', { ns: 'result' })}
              hint={t(`export.hints.${choice.id}`, { ns: 'result' })}
              checked={formats.includes(choice.id)}
              onChange={(checked) => {
                setMissing(false);
                setFormats((current) =>
                  checked ? [...current, choice.id] : current.filter((id) => id !== choice.id),
                );
              }}
            />
          ))}
        </div>
      </fieldset>
      {missing ? (
        <p className="field-error" role="alert">
          {t('exportMany.noFormat')}
        </p>
      ) : null}
    </Modal>
  );
}
