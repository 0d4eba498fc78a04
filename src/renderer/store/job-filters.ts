/** The job list's filters and which jobs each one shows. */

import type { JobView } from '../../shared/ipc-contract';
import type { JobState } from '../../shared/jobs';

export type JobFilter = 'all' | 'active' | 'done' | 'failed';

/** Tab order and the words on each tab. */
export const JOB_FILTERS: readonly { id: JobFilter; label: string; empty: string }[] = [
  { id: 'all', label: 'All', empty: '' },
  { id: 'active', label: 'In progress', empty: 'Nothing is in progress right now.' },
  { id: 'done', label: 'Done', empty: 'No recording has finished yet.' },
  { id: 'failed', label: 'Failed', empty: 'Nothing has failed.' },
];

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
