/** One job in the list: file, length, size, status and the actions that make sense for its state. */

import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { describeJobState } from '../../shared/job-status-text';
import { isFinalState, type JobState } from '../../shared/jobs';
import { formatHms } from '../format';
import { useFormat } from '../use-format';
import { runWords } from '../job-run-words';
import { noteWords, preparationWords, sizeWords } from '../job-status-words';
import { BareCheckbox } from './CheckboxField';
import { FolderIcon } from './icons';
import { JobStatus } from './JobStatus';
import { SentAgainNote } from '../runs/RunBits';
import { useErrorWords } from '../error-words';
import { canRetry } from '../store/job-selection';

/** Row operations; one stable object for all rows so memoized rows skip re-rendering. */
export interface JobActions {
  cancel(job: JobView): void;
  retry(job: JobView): void;
  remove(job: JobView): void;
  open(job: JobView): void;
  showFile(job: JobView): void;
  toggleDetails(id: string): void;
  /** The row's checkbox: this job alone, or (`range`, a shift-click) from the last one clicked. */
  select(job: JobView, range: boolean): void;
}

interface JobRowProps {
  job: JobView;
  detailsOpen: boolean;
  /** Chosen for the selection bar's actions. */
  selected?: boolean;
  /**
   * The list's current row (its one tab stop): only its controls are in the tab order; the
   * others' are reached with the arrow keys first.
   */
  current?: boolean;
  /** Today's date: a new value draws the row again, so "Today" becomes "Yesterday". */
  day?: string;
  actions: JobActions;
  /** For a copy merged into another job (`duplicateOf`): that job's state, undefined if removed. */
  originalState?: JobState | undefined;
}

/** Re-renders only when its job object is replaced (the store replaces a job only when it changes). */
export const JobRow = memo(function JobRow({
  job,
  detailsOpen,
  selected = false,
  current = true,
  actions,
  originalState,
}: JobRowProps) {
  const { t, i18n } = useTranslation('jobs');
  const errorWords = useErrorWords();
  const format = useFormat();
  const bytes = sizeWords(i18n.language);
  const name = job.source.name;
  const final = isFinalState(job.state);
  const duration = job.source.durationSeconds;
  // English on purpose: the note is compared with the status sentence it may already be part of.
  const statusText = describeJobState(job);
  const soundOnly = preparationWords(t, bytes, job);
  // The size is measured by the file's check (until then it is recorded as 0, which a file that
  // failed its check keeps): no size rather than a wrong "0 bytes".
  const sizeKnown = job.source.mtimeMs !== 0;
  // "waiting" and "canceled" already say the note in their status text.
  const note = job.note && !statusText.includes(job.note) ? noteWords(t, job.note) : undefined;
  const detailsId = `job-details-${job.id}`;
  const tabIndex = current ? 0 : -1;
  // A copy ends with the job that was sent: open its result, or retry when it did not succeed.
  const copy = job.state === 'canceled' && job.duplicateOf !== undefined;
  const canOpen = job.state === 'succeeded' || (copy && originalState === 'succeeded');
  const retryable = canRetry(job, originalState);

  // A file that failed its check (empty, not audio, cut short, missing) fails the same way
  // until the file itself is fixed: Remove comes first, Retry stays for after that.
  const retryHelps = job.state !== 'failed' || job.error?.retryable !== false;
  const retry = (
    <button
      type="button"
      tabIndex={tabIndex}
      className={retryHelps ? 'btn btn-small' : 'btn btn-small btn-quiet'}
      aria-label={t('row.retryLabel', { name })}
      title={retryHelps ? undefined : t('row.retryHint')}
      onClick={() => actions.retry(job)}
    >
      {t('row.retry')}
    </button>
  );

  return (
    <div className="job-row">
      <BareCheckbox
        className="job-select"
        tabIndex={tabIndex}
        label={t('selection.row', { name })}
        checked={selected}
        // With Shift it chooses the range up to here.
        onToggle={(range) => actions.select(job, range)}
      />
      <div className="job-file">
        <span className="job-name" title={name}>
          {name}
        </span>
        <span className="job-meta">
          {/* Said as "Length 0:01:00" ("Length unknown"); an aria-label on a plain span is ignored. */}
          <span className="visually-hidden">{`${t('row.length')} `}</span>
          {duration === undefined ? (
            <>
              <span aria-hidden="true">–:––:––</span>
              <span className="visually-hidden">{t('row.lengthUnknown')}</span>
            </>
          ) : (
            <span>{formatHms(duration)}</span>
          )}
          {sizeKnown ? (
            <>
              <span aria-hidden="true"> · </span>
              <span>{bytes(job.source.sizeBytes)}</span>
            </>
          ) : null}
        </span>
        {/* When it was added and with which options: tells two runs of one recording apart. */}
        <span className="job-run">{runWords(t, format, job, new Date())}</span>
        {soundOnly ? <span className="job-sound-only">{soundOnly}</span> : null}
      </div>
      <JobStatus job={job} />
      <div className="job-actions">
        {canOpen ? (
          <button
            type="button"
            tabIndex={tabIndex}
            className="btn btn-small btn-primary"
            aria-label={t('row.openResultLabel', { name })}
            id={openResultId(job.id)}
            onClick={() => actions.open(job)}
          >
            {t('row.openResult')}
          </button>
        ) : null}
        {retryable && retryHelps ? retry : null}
        {!final ? (
          <button
            type="button"
            tabIndex={tabIndex}
            className="btn btn-small"
            aria-label={t('row.cancelLabel', { name })}
            onClick={() => actions.cancel(job)}
          >
            {t('row.cancel')}
          </button>
        ) : null}
        {job.error ? (
          <button
            type="button"
            tabIndex={tabIndex}
            className="btn btn-small btn-quiet"
            aria-label={t('row.detailsLabel', { name })}
            aria-expanded={detailsOpen}
            aria-controls={detailsOpen ? detailsId : undefined}
            onClick={() => actions.toggleDetails(job.id)}
          >
            {t('row.details')}
          </button>
        ) : null}
        {final ? (
          <button
            type="button"
            tabIndex={tabIndex}
            className={retryHelps ? 'btn btn-small btn-quiet' : 'btn btn-small'}
            aria-label={t('row.removeLabel', { name })}
            id={removeButtonId(job.id)}
            onClick={() => actions.remove(job)}
          >
            {t('row.remove')}
          </button>
        ) : null}
        {retryable && !retryHelps ? retry : null}
        <button
          type="button"
          tabIndex={tabIndex}
          className="icon-btn"
          aria-label={t('row.showFileLabel', { name })}
          title={t('row.showFile')}
          onClick={() => actions.showFile(job)}
        >
          <FolderIcon />
        </button>
      </div>
      {note ? <p className="job-note">{note}</p> : null}
      <SentAgainNote sentAgain={job.sentAgain} />
      {detailsOpen && job.error ? (
        <div className="job-details" id={detailsId}>
          <p>{errorWords.error(job.error)}</p>
          {job.error.detail ? <pre className="detail-text">{job.error.detail}</pre> : null}
          <p className="muted small">{t('row.errorCode', { code: job.error.code })}</p>
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
