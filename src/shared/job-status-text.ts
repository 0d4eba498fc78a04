/**
 * What a job's state means. The command line prints the English words below; the page takes the
 * same parts (`jobStateParts`, `preparationParts`) and says them in its own language
 * (src/renderer/job-status-words.ts).
 */

import { formatBytes } from './byte-size';
import type { JobRecord } from './jobs';

/** A job's state, as the pieces its sentence is made of. */
export type JobStateParts =
  | { kind: 'checking' | 'waiting' | 'uploading' | 'submitting' | 'queued' | 'processing' }
  | { kind: 'succeeded' | 'canceled' }
  | { kind: 'preparing' | 'hashing' | 'uploadingPercent'; percent: number }
  | { kind: 'failed'; message: string | undefined }
  /** Waiting, or a copy not sent: the note alone says it. */
  | { kind: 'note'; note: string }
  | { kind: 'canceledNote'; note: string };

type StateFields = Pick<JobRecord, 'state' | 'progress' | 'error' | 'note' | 'duplicateOf'>;

export function jobStateParts(job: StateFields): JobStateParts {
  switch (job.state) {
    case 'checking':
      return { kind: 'checking' };
    case 'waiting':
      return job.note !== undefined ? { kind: 'note', note: job.note } : { kind: 'waiting' };
    case 'uploading': {
      const p = job.progress;
      if (!p || p.totalBytes === 0) return { kind: 'uploading' };
      const percent = Math.floor((p.doneBytes / p.totalBytes) * 100);
      if (p.phase === 'preparing') return { kind: 'preparing', percent };
      return { kind: p.phase === 'hashing' ? 'hashing' : 'uploadingPercent', percent };
    }
    case 'submitting':
    case 'queued':
    case 'processing':
    case 'succeeded':
      return { kind: job.state };
    case 'failed':
      return { kind: 'failed', message: job.error?.message };
    case 'canceled':
      // Not sent because another job has the same recording: nothing the person stopped.
      if (job.duplicateOf && job.note) return { kind: 'note', note: job.note };
      return job.note ? { kind: 'canceledNote', note: job.note } : { kind: 'canceled' };
  }
}

export function describeJobState(job: StateFields): string {
  const parts = jobStateParts(job);
  switch (parts.kind) {
    case 'checking':
      return 'Checking the file';
    case 'waiting':
      return 'Waiting to upload';
    case 'uploading':
      return 'Uploading';
    case 'preparing':
      return `Preparing ${parts.percent} %`;
    case 'hashing':
      return `Getting ready to upload ${parts.percent} %`;
    case 'uploadingPercent':
      return `Uploading ${parts.percent} %`;
    case 'submitting':
      return 'Sending to pyannoteAI';
    case 'queued':
      return 'Waiting at pyannoteAI';
    case 'processing':
      return 'Processing';
    case 'succeeded':
      return 'Done';
    case 'failed':
      return `Failed: ${parts.message ?? 'unknown reason'}`;
    case 'note':
      return parts.note;
    case 'canceledNote':
      return `Canceled: ${parts.note}`;
    case 'canceled':
      return 'Canceled';
  }
}

/**
 * What is sent instead of the whole file, for a recording prepared on this computer: the action,
 * the size sent (undefined: not worth saying) and whether that size is still the check's estimate.
 */
export interface PreparationParts {
  action: NonNullable<JobRecord['preparation']>['action'];
  sentBytes: number | undefined;
  estimate: boolean;
  sourceBytes: number;
}

/** What a job (or a file's check, before there is a job) says of its preparation. */
type PreparationFields = {
  preparation?: Pick<NonNullable<JobRecord['preparation']>, 'action' | 'estimatedBytes'>;
  prepared?: Pick<NonNullable<JobRecord['prepared']>, 'sizeBytes'>;
  source: { sizeBytes: number };
};

export function preparationParts(job: PreparationFields): PreparationParts | undefined {
  const { preparation, prepared } = job;
  if (!preparation) return undefined;
  const { action } = preparation;
  const sourceBytes = job.source.sizeBytes;
  // An estimate is an upper guess; for a short video it can exceed the file, and says nothing.
  if (!prepared && preparation.estimatedBytes >= sourceBytes)
    return { action, sentBytes: undefined, estimate: true, sourceBytes };
  return prepared
    ? { action, sentBytes: prepared.sizeBytes, estimate: false, sourceBytes }
    : { action, sentBytes: preparation.estimatedBytes, estimate: true, sourceBytes };
}

/**
 * For a recording prepared on this computer, what is sent instead of the whole file: "Only the
 * sound is sent (24 MB of 1.8 GB)" for a video, "Sent as 16 kHz mono (230 MB of 2 GB)" for audio
 * made to fit. "about" while the size is still the check's estimate. Undefined: sent as it is.
 */
export function describePreparation(job: PreparationFields): string | undefined {
  const parts = preparationParts(job);
  if (!parts) return undefined;
  const what =
    parts.action === 'extract-audio' ? 'Only the sound is sent' : 'Sent as 16 kHz mono sound';
  if (parts.sentBytes === undefined) return what;
  const sent = parts.estimate
    ? `about ${formatBytes(parts.sentBytes)}`
    : formatBytes(parts.sentBytes);
  return `${what} (${sent} of ${formatBytes(parts.sourceBytes)})`;
}
