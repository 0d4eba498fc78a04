/** What a job's state means, in the words a person reads in the job list and the command line. */

import { formatBytes } from './byte-size';
import type { JobRecord } from './jobs';

export function describeJobState(
  job: Pick<JobRecord, 'state' | 'progress' | 'error' | 'note' | 'duplicateOf'>,
): string {
  switch (job.state) {
    case 'checking':
      return 'Checking the file';
    case 'waiting':
      return job.note ?? 'Waiting to upload';
    case 'uploading': {
      const p = job.progress;
      if (!p || p.totalBytes === 0) return 'Uploading';
      const percent = Math.floor((p.doneBytes / p.totalBytes) * 100);
      if (p.phase === 'preparing') return `Preparing ${percent} %`;
      return p.phase === 'hashing'
        ? `Getting ready to upload ${percent} %`
        : `Uploading ${percent} %`;
    }
    case 'submitting':
      return 'Sending to pyannoteAI';
    case 'queued':
      return 'Waiting at pyannoteAI';
    case 'processing':
      return 'Processing';
    case 'succeeded':
      return 'Done';
    case 'failed':
      return `Failed: ${job.error?.message ?? 'unknown reason'}`;
    case 'canceled':
      // Not sent because another job has the same recording: nothing the person stopped.
      if (job.duplicateOf && job.note) return job.note;
      return job.note ? `Canceled: ${job.note}` : 'Canceled';
  }
}

/**
 * For a recording prepared on this computer, what is sent instead of the whole file: "Only the
 * sound is sent (24 MB of 1.8 GB)" for a video, "Sent as 16 kHz mono (230 MB of 2 GB)" for audio
 * made to fit. "about" while the size is still the check's estimate. Undefined: sent as it is.
 */
export function describePreparation(
  job: Pick<JobRecord, 'preparation' | 'prepared'> & { source: { sizeBytes: number } },
): string | undefined {
  const { preparation, prepared } = job;
  if (!preparation) return undefined;
  const what =
    preparation.action === 'extract-audio' ? 'Only the sound is sent' : 'Sent as 16 kHz mono sound';
  // An estimate is an upper guess; for a short video it can exceed the file, and says nothing.
  if (!prepared && preparation.estimatedBytes >= job.source.sizeBytes) return what;
  const sent = prepared
    ? formatBytes(prepared.sizeBytes)
    : `about ${formatBytes(preparation.estimatedBytes)}`;
  return `${what} (${sent} of ${formatBytes(job.source.sizeBytes)})`;
}
