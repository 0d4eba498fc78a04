/** The job list's filters and which jobs each one shows. */

import type { JobView } from '../../shared/ipc-contract';
import type { JobState } from '../../shared/jobs';

export type JobFilter = 'all' | 'active' | 'done' | 'failed';

/** Tab order. Each tab's words are `filters.<id>` (and `filters.empty.<id>`) in the jobs catalogue. */
export const JOB_FILTERS: readonly JobFilter[] = ['all', 'active', 'done', 'failed'];

/** Canceled jobs appear only under "All": they did not fail, and nothing is happening to them. */
export function categoryOf(state: JobState): Exclude<JobFilter, 'all'> | undefined {
  switch (state) {
    case 'succeeded':
      return 'done';
    case 'failed':
      return 'failed';
    case 'canceled':
      return undefined;
    default:
      return 'active';
  }
}

export function matchesFilter(job: JobView, filter: JobFilter): boolean {
  return filter === 'all' || categoryOf(job.state) === filter;
}
