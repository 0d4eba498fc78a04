/** What a job's state means, in the words a person reads in the job list and the command line. */

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
      return p.phase === 'hashing' ? `Preparing upload ${percent} %` : `Uploading ${percent} %`;
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
