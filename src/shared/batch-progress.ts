/**
 * How far the work under way has come, for the window title and the taskbar or dock: of the
 * jobs in batches that still have unfinished work, how many are final. Undefined when nothing
 * is under way, so the title and the taskbar go back to rest.
 */

import { isFinalState, type JobRecord } from './jobs';

export interface BatchProgress {
  done: number;
  total: number;
  /** done / total, from 0 to 1. */
  fraction: number;
}

export function batchProgress(
  jobs: Iterable<Pick<JobRecord, 'batchId' | 'state'>>,
): BatchProgress | undefined {
  const byBatch = new Map<string, { done: number; total: number }>();
  for (const job of jobs) {
    const batch = byBatch.get(job.batchId) ?? { done: 0, total: 0 };
    batch.total += 1;
    if (isFinalState(job.state)) batch.done += 1;
    byBatch.set(job.batchId, batch);
  }
  let done = 0;
  let total = 0;
  for (const batch of byBatch.values()) {
    if (batch.done === batch.total) continue;
    done += batch.done;
    total += batch.total;
  }
  return total === 0 ? undefined : { done, total, fraction: done / total };
}
