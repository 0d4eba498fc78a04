/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** One job in the list: file, length, size, status and the actions that make sense for its state. */

import { memo } from 'react';
import type { JobView } from '../../shared/ipc-contract';
import { describeJobState, describePreparation } from '../../shared/job-status-text';
import { isFinalState, type JobState } from '../../shared/jobs';
import { formatBytes, formatHms } from '../format';
import { FolderIcon } from './icons';
import { JobStatus } from './JobStatus';

/** Row operations; one stable object for all rows so memoized rows skip re-rendering. */
export interface JobActions {
  cancel(job: JobView): void;
  retry(job: JobView): void;
  remove(job: JobView): void;
  open(job: JobView): void;
  showFile(job: JobView): void;
  toggleDetails(id: string): void;
}

interface JobRowProps {
  job: JobView;
  detailsOpen: boolean;
  actions: JobActions;
  /** For a copy merged into another job (`duplicateOf`): that job's state, undefined if removed. */
  originalState?: JobState | undefined;
}

/** Re-renders only when its job object is replaced (the store replaces a job only when it changes). */
export const JobRow = memo(function JobRow({
  job,
  detailsOpen,
  actions,
  originalState,
}: JobRowProps) {
  const name = job.source.name;
  const final = isFinalState(job.state);
  const duration = job.source.durationSeconds;
  const statusText = describeJobState(job);
  const soundOnly = describePreparation(job);
  // The size is measured by the file's check (until then it is recorded as 0, which a file that
  // failed its check keeps): no size rather than a wrong "0 bytes".
  const sizeKnown = job.source.mtimeMs !== 0;
  // "waiting" and "canceled" already say the note in their status text.
  const note = job.note && !statusText.includes(job.note) ? job.note : undefined;
  const detailsId = `job-details-${job.id}`;
  // A copy ends with the job that was sent: open its result, or retry when it did not succeed.
  const copy = job.state === 'canceled' && job.duplicateOf !== undefined;
  const canOpen = job.state === 'succeeded' || (copy && originalState === 'succeeded');
  const canRetry =
    job.state === 'failed' ||
    (job.state === 'canceled' &&
      (!copy ||
        originalState === undefined ||
        originalState === 'failed' ||
        originalState === 'canceled'));

  // A file that failed its check (empty, not audio, cut short, missing) fails the same way
  // until the file itself is fixed: Remove comes first, Retry stays for after that.
  const retryHelps = job.state !== 'failed' || job.error?.retryable !== false;
  const retry = (
    <button
      type="button"
      className={retryHelps ? 'btn btn-small' : 'btn btn-small btn-quiet'}
      aria-label={`Retry ${name}`}
      title={retryHelps ? undefined : 'Helps only once the file itself has been fixed or replaced'}
      onClick={() => actions.retry(job)}
    >
      Retry
    </button>
  );

  return (
    <div className="job-row">
      <div className="job-file">
        <span className="job-name" title={name}>
          {name}
        </span>
        <span className="job-meta">
          {/* Said as "Length 0:01:00" ("Length unknown"); an aria-label on a plain span is ignored. */}
          <span className="visually-hidden">Length </span>
          {duration === undefined ? (
            <>
              <span aria-hidden="true">–:––:––</span>
              <span className="visually-hidden">unknown</span>
            </>
          ) : (
            <span>{formatHms(duration)}</span>
          )}
          {sizeKnown ? (
            <>
              <span aria-hidden="true"> · </span>
              <span>{formatBytes(job.source.sizeBytes)}</span>
            </>
          ) : null}
        </span>
        {soundOnly ? <span className="job-sound-only">{soundOnly}</span> : null}
      </div>
      <JobStatus job={job} />
      <div className="job-actions">
        {canOpen ? (
          <button
            type="button"
            className="btn btn-small btn-primary"
            aria-label={`Open result ${name}`}
            id={openResultId(job.id)}
            onClick={() => actions.open(job)}
          >
            Open result
          </button>
        ) : null}
        {canRetry && retryHelps ? retry : null}
        {!final ? (
          <button
            type="button"
            className="btn btn-small"
            aria-label={`Cancel ${name}`}
            onClick={() => actions.cancel(job)}
          >
            Cancel
          </button>
        ) : null}
        {job.error ? (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={`Details ${name}`}
            aria-expanded={detailsOpen}
            aria-controls={detailsOpen ? detailsId : undefined}
            onClick={() => actions.toggleDetails(job.id)}
          >
            Details
          </button>
        ) : null}
        {final ? (
          <button
            type="button"
            className={retryHelps ? 'btn btn-small btn-quiet' : 'btn btn-small'}
            aria-label={`Remove ${name}`}
            id={removeButtonId(job.id)}
            onClick={() => actions.remove(job)}
          >
            Remove
          </button>
        ) : null}
        {canRetry && !retryHelps ? retry : null}
        <button
          type="button"
          className="icon-btn"
          aria-label={`Show file in folder ${name}`}
          title="Show file in folder"
          onClick={() => actions.showFile(job)}
        >
          <FolderIcon />
        </button>
      </div>
      {note ? <p className="job-note">{note}</p> : null}
      {detailsOpen && job.error ? (
        <div className="job-details" id={detailsId}>
          <p>{job.error.message}</p>
          {job.error.detail ? <pre className="detail-text">{job.error.detail}</pre> : null}
          <p className="muted small">Error code: {job.error.code}</p>
        </div>
      ) : null}
    </div>
  );
});

/** The row's "Open result" button, where focus returns from the result. */
export function openResultId(jobId: string): string {
  return `open-result-${jobId}`;
}

/** The row's "Remove" button, where focus goes when the row above it is removed. */
export function removeButtonId(jobId: string): string {
  return `remove-${jobId}`;
}
