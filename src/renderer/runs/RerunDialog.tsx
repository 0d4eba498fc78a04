/** "Try other settings…": the batch options for a new run of a finished recording. */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiarizeOptions } from '../../shared/diarize-options';
import type { JobView } from '../../shared/ipc-contract';
import { ApiError, api, unwrap } from '../api';
import { Modal } from '../components/Modal';
import { OptionsFields } from '../components/OptionsFields';
import {
  fromDraft,
  problemsFromFields,
  toDraft,
  type FieldProblems,
} from '../components/options-draft';
import { useErrorWords } from '../error-words';
import { useVoices } from '../voices/use-voices';

interface RerunDialogProps {
  job: JobView;
  onStarted(run: JobView): void;
  onClose(): void;
}

export function RerunDialog({ job, onStarted, onClose }: RerunDialogProps) {
  const { t } = useTranslation('runs');
  const words = useErrorWords();
  // Starts from this run's settings: the person changes what they want to try.
  const [draft, setDraft] = useState(() => toDraft(job.options));
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>();
  const [refused, setRefused] = useState<{ for: typeof draft; problems: FieldProblems }>();
  const { state: voicesState } = useVoices();
  const check = fromDraft(draft, voicesState?.voices);
  const problems = check.ok
    ? refused?.for === draft
      ? refused.problems
      : undefined
    : check.problems;

  const same = check.ok && sameSettings(check.options, job.options);

  const start = async () => {
    if (!check.ok) return;
    setStarting(true);
    setError(undefined);
    try {
      const run = await unwrap(() => api()['jobs:rerun']({ id: job.id, options: check.options }));
      onStarted(run);
    } catch (failure) {
      const fields =
        failure instanceof ApiError ? problemsFromFields(failure.fields, 'options.') : undefined;
      if (fields) setRefused({ for: draft, problems: fields });
      else setError(failure);
      setStarting(false);
    }
  };

  return (
    <Modal
      title={t('rerun.title')}
      onClose={onClose}
      className="rerun-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={starting}>
            {t('rerun.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void start()}
            disabled={starting || !check.ok}
          >
            {starting ? t('rerun.starting') : t('rerun.start')}
          </button>
        </>
      }
    >
      <p>{t('rerun.intro', { name: job.source.name })}</p>
      <p className="muted">{t('rerun.upload')}</p>
      <OptionsFields draft={draft} onChange={setDraft} problems={problems} />
      {same ? (
        <p className="muted" role="status">
          {t('rerun.same')}
        </p>
      ) : null}
      {error !== undefined ? (
        <p className="field-error" role="alert">
          {t('rerun.failed', { reason: words.call(error) })}
        </p>
      ) : null}
    </Modal>
  );
}

/** Whether two runs would ask pyannoteAI the same thing (what the dialog shows, in a fixed order). */
function sameSettings(a: DiarizeOptions, b: DiarizeOptions): boolean {
  const shown = (o: DiarizeOptions) =>
    JSON.stringify([
      o.model,
      o.speakers,
      o.exclusive,
      o.transcription,
      o.turnLevelConfidence,
      o.recognise ?? null,
    ]);
  return shown(a) === shown(b);
}
