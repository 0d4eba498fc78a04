/**
 * Confirms removing finished jobs from the list (one, or several chosen at once), and asks whether
 * their saved results go too.
 */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { CheckboxField } from './CheckboxField';
import { Modal } from './Modal';
import { useFormat } from '../use-format';

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

interface RemoveJobsDialogProps {
  /** The finished jobs chosen, which are removed. */
  jobs: readonly JobView[];
  /** How many chosen jobs are still under way: they stay. */
  notFinished: number;
  onConfirm(deleteResults: boolean): void;
  onClose(): void;
}

/** One confirmation for removing several jobs, saying how many. */
export function RemoveJobsDialog({ jobs, notFinished, onConfirm, onClose }: RemoveJobsDialogProps) {
  const { t } = useTranslation('jobs');
  const format = useFormat();
  const [deleteResults, setDeleteResults] = useState(false);
  const withResult = jobs.some((job) => job.state === 'succeeded' || job.resultFile !== undefined);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  const count = (n: number) => ({ count: n, n: format.count(n) });

  return (
    <Modal
      title={t('removeMany.title', count(jobs.length))}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} ref={cancelRef}>
            {t('removeMany.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => onConfirm(withResult && deleteResults)}
          >
            {t('removeMany.confirm')}
          </button>
        </>
      }
    >
      <p>{t('removeMany.stays')}</p>
      {notFinished > 0 ? <p>{t('removeMany.notFinished', count(notFinished))}</p> : null}
      {withResult ? (
        <CheckboxField
          id="remove-delete-results"
          label={t('removeMany.deleteResults')}
          hint={t('removeMany.deleteResultsHint')}
          checked={deleteResults}
          onChange={setDeleteResults}
        />
      ) : null}
    </Modal>
  );
}
