/** What the command says about recordings it does not send again: copies and earlier results. */

import { basename } from 'node:path';
import type { JobRecord } from '../shared/jobs';
import type { FileOutcome } from './run';

export function reusedMessage(path: string): string {
  return `${basename(path)} already has a result with these options; reusing it (add --rerun to send it again).`;
}

/** "b.wav is the same recording as a.wav; sent once." */
export function duplicateMessage(copy: JobRecord, original: JobRecord | undefined): string {
  const name = original?.source.name ?? 'another file';
  if (original?.state === 'succeeded' && original.batchId !== copy.batchId)
    return `${copy.source.name} is the same recording as ${name}, which already has a result; reusing it (add --rerun to send it again).`;
  return `${copy.source.name} is the same recording as ${name}; sent once.`;
}

/** How a copy ended: as the job it repeats did. */
export function sameRecordingOutcome(
  original: JobRecord,
): Pick<FileOutcome, 'status' | 'outputs' | 'error'> {
  if (original.state === 'succeeded') return { status: 'succeeded', outputs: {} };
  const reason = original.error?.message ?? original.note ?? 'it did not finish';
  return {
    status: original.state === 'canceled' ? 'canceled' : 'failed',
    outputs: {},
    error: {
      code: original.error?.code ?? 'canceled',
      message: `Same recording as ${original.source.name}, which did not finish: ${reason}`,
    },
  };
}
