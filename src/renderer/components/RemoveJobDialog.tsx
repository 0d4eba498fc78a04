/** Confirms removing a finished job from the list, and asks whether its saved result goes too. */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { CheckboxField } from './CheckboxField';
import { Modal } from './Modal';

interface RemoveJobDialogProps {
  job: JobView;
  onConfirm(deleteResult: boolean): void;
  onClose(): void;
}

export function RemoveJobDialog({ job, onConfirm, onClose }: RemoveJobDialogProps) {
  const { t } = useTranslation('jobs');
  const [deleteResult, setDeleteResult] = useState(false);
  const hasResult = job.state === 'succeeded' || job.resultFile !== undefined;
  // Opens on the safe choice, not on the first control (the destructive checkbox). This effect
  // runs after the Modal's, which shows the dialog and focuses its first control.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <Modal
      title={t('remove.title', { name: job.source.name })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} ref={cancelRef}>
            {t('remove.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => onConfirm(hasResult && deleteResult)}
          >
            {t('remove.confirm')}
          </button>
        </>
      }
    >
      <p>{t('remove.stays')}</p>
      {hasResult ? (
        // Removing from the list keeps the result's file (the engine deletes it only when asked):
        // said, with where it is, so no result is left behind without the person knowing.
        <p>{t('remove.resultStays', { file: job.resultFile ?? `results/${job.id}.json` })}</p>
      ) : null}
      {hasResult ? (
        <CheckboxField
          id="remove-delete-result"
          label={t('remove.deleteResult')}
          hint={t('remove.deleteResultHint')}
          checked={deleteResult}
          onChange={setDeleteResult}
        />
      ) : null}
    </Modal>
  );
}
