/**
 * A job's status, its note and what is sent of a prepared recording, in the page's language. The
 * parts come from src/shared/job-status-text.ts, whose English sentences the command line prints;
 * the words come from the `jobs` catalogue.
 */

import type { TFunction } from 'i18next';
import { localeFormat } from '../shared/i18n/format';
import {
  jobStateParts,
  preparationParts,
  type JobStateParts,
  type PreparationParts,
} from '../shared/job-status-text';
import type { JobRecord } from '../shared/jobs';

export type JobsT = TFunction<'jobs'>;
export type SizeWords = (bytes: number) => string;

/** Sizes in the page's language ("460 KB", "460 Ko"), as the batch panel writes them. */
export function sizeWords(language: string): SizeWords {
  return localeFormat(language).bytes;
}

/**
 * A job's status in the page's language; `errorText` says a failed job's reason in it too (the
 * errors catalogue, by the error's key), else the reason is the core's English message.
 */
export function jobStatusWords(
  t: JobsT,
  job: Pick<JobRecord, 'state' | 'progress' | 'error' | 'note' | 'duplicateOf'>,
  errorText?: (error: NonNullable<JobRecord['error']>) => string,
): string {
  const parts = jobStateParts(job);
  if (parts.kind === 'failed' && job.error && errorText)
    return partsWords(t, { kind: 'failed', message: errorText(job.error) });
  return partsWords(t, parts);
}

function partsWords(t: JobsT, parts: JobStateParts): string {
  switch (parts.kind) {
    case 'preparing':
    case 'hashing':
    case 'uploadingPercent':
      return t(`status.${parts.kind}`, { percent: parts.percent });
    case 'failed':
      return t('status.failed', { message: parts.message ?? t('status.unknownReason') });
    case 'note':
      return noteWords(t, parts.note);
    case 'canceledNote':
      return t('status.canceledNote', { note: noteWords(t, parts.note) });
    default:
      return t(`status.${parts.kind}`);
  }
}

/**
 * The engine writes a job's note in English (src/core/jobs). The page recognises the notes it
 * knows and says them in its language; any other note is shown as it is.
 */
const NOTES: readonly { pattern: RegExp; key: string; params: readonly string[] }[] = [
  {
    pattern:
      /^pyannoteAI cannot stop a job once it has it: it finishes there \(and may be billed\), but Diarist no longer follows it\.$/,
    key: 'notes.canceledAtService',
    params: [],
  },
  {
    pattern: /^pyannoteAI canceled this job\. Retry to run it again\.$/,
    key: 'notes.canceledByService',
    params: [],
  },
  {
    pattern:
      /^Same recording as “(.*)”, which is already done with these options; its result is used\.$/s,
    key: 'notes.sameAsDone',
    params: ['name'],
  },
  {
    pattern: /^Same recording as “(.*)” \(already in the list\); sent once\.$/s,
    key: 'notes.sameAsListed',
    params: ['name'],
  },
  {
    pattern: /^Connection problem; retrying the upload \(attempt (\d+)\)…$/,
    key: 'notes.retryingConnection',
    params: ['attempt'],
  },
  {
    pattern: /^Problem with pyannoteAI’s storage service; retrying the upload \(attempt (\d+)\)…$/,
    key: 'notes.retryingStorage',
    params: ['attempt'],
  },
  {
    pattern: /^Saved as (.*) in (.*)$/s,
    key: 'notes.autoSaved',
    params: ['files', 'folder'],
  },
  {
    pattern: /^Not saved automatically: choose an export folder in Settings\.$/,
    key: 'notes.autoSaveNoFolder',
    params: [],
  },
  {
    pattern: /^Not saved automatically: (.*)$/s,
    key: 'notes.autoSaveFailed',
    params: ['message'],
  },
  {
    // The reason after the colon is an error's message, shown as the core wrote it.
    pattern: /^Upload will be retried: (.*)$/s,
    key: 'notes.uploadRetried',
    params: ['message'],
  },
];

export function noteWords(t: JobsT, note: string): string {
  for (const { pattern, key, params } of NOTES) {
    const match = pattern.exec(note);
    if (!match) continue;
    const values = Object.fromEntries(params.map((name, i) => [name, match[i + 1] ?? '']));
    return t(key, values);
  }
  return note;
}

/** "Only the sound is sent (24 MB of 1.8 GB)"; undefined when the recording is sent as it is. */
export function preparationWords(
  t: JobsT,
  bytes: SizeWords,
  job: Parameters<typeof preparationParts>[0],
): string | undefined {
  const parts: PreparationParts | undefined = preparationParts(job);
  if (!parts) return undefined;
  const what = parts.action === 'extract-audio' ? 'extractAudio' : 'downmix';
  if (parts.sentBytes === undefined) return t(`preparation.${what}`);
  return t(`preparation.${what}${parts.estimate ? 'About' : 'Sizes'}`, {
    sent: bytes(parts.sentBytes),
    total: bytes(parts.sourceBytes),
  });
}
