/** A job's state as an icon plus words (never colour alone), with upload progress while it uploads. */

import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { jobStatusWords } from '../job-status-words';
import { AlertIcon, CheckIcon, ClockIcon, StopIcon } from './icons';
import { useErrorWords } from '../error-words';

type Tone = 'active' | 'waiting' | 'done' | 'failed' | 'canceled';

function toneOf(job: JobView): Tone {
  switch (job.state) {
    case 'succeeded':
      return 'done';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    case 'waiting':
    case 'queued':
      return 'waiting';
    default:
      return 'active';
  }
}

export function JobStatus({ job }: { job: JobView }) {
  const { t } = useTranslation('jobs');
  const tone = toneOf(job);
  const words = useErrorWords();
  const text = jobStatusWords(t, job, words.error);
  const progress = job.state === 'uploading' ? job.progress : undefined;
  const percent =
    progress && progress.totalBytes > 0
      ? Math.min(100, Math.floor((progress.doneBytes / progress.totalBytes) * 100))
      : undefined;

  return (
    <div className={`job-status tone-${tone}`}>
      <span className="job-status-line">
        <span className="status-icon" aria-hidden="true">
          {tone === 'done' ? <CheckIcon /> : null}
          {tone === 'failed' ? <AlertIcon /> : null}
          {tone === 'canceled' ? <StopIcon /> : null}
          {tone === 'waiting' ? <ClockIcon /> : null}
          {tone === 'active' ? <span className="spinner" /> : null}
        </span>
        {/* A failure's message wraps: it says what to do, so none of it may be cut off. */}
        <span className="job-status-text" title={tone === 'failed' ? undefined : text}>
          {text}
        </span>
      </span>
      {job.state === 'uploading' ? (
        <progress
          className="job-progress"
          max={100}
          // No value means "indeterminate" until the first progress report arrives.
          {...(percent !== undefined ? { value: percent } : {})}
          aria-label={t('status.uploadProgress', { name: job.source.name })}
        />
      ) : null}
    </div>
  );
}
