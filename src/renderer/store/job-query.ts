/**
 * Which jobs the list shows and in what order: the filter, a search by name and a sort. Linear
 * in the number of jobs apart from the sort itself (n log n), so hundreds or thousands of jobs
 * stay quick on every change.
 */

import type { JobView } from '../../shared/ipc-contract';
import type { JobState } from '../../shared/jobs';
import { matchesFilter, type JobFilter } from './job-filters';

export type JobSort = 'newest' | 'name' | 'length' | 'state';

/** The sort menu's order; each one's words are `sort.<id>` in the jobs catalogue. */
export const JOB_SORTS: readonly JobSort[] = ['newest', 'name', 'length', 'state'];

export interface JobQuery {
  filter: JobFilter;
  /** What the person typed in the search field; empty shows every job. */
  search: string;
  sort: JobSort;
}

export const DEFAULT_QUERY: JobQuery = { filter: 'all', search: '', sort: 'newest' };

/** "Réunion Équipe.M4A" → "reunion equipe.m4a": searching ignores case and accents. */
export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A job's name as searched, worked out once per version of the job (typing is then cheap). */
const searchable = new WeakMap<JobView, string>();
function searchableName(job: JobView): string {
  let text = searchable.get(job);
  if (text === undefined) {
    text = searchText(job.source.name);
    searchable.set(job, text);
  }
  return text;
}

/** Whether a job's name contains every word searched for (in any order). */
export function matchesSearch(job: JobView, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const name = searchableName(job);
  return words.every((word) => name.includes(word));
}

/** The words of a search, as `matchesSearch` takes them. */
export function searchWords(search: string): string[] {
  const text = searchText(search);
  return text === '' ? [] : text.split(' ');
}

/** Failed first (they need the person), then those under way, done, canceled. */
const STATE_RANK: Readonly<Record<JobState, number>> = {
  failed: 0,
  checking: 1,
  waiting: 1,
  uploading: 1,
  submitting: 1,
  queued: 1,
  processing: 1,
  succeeded: 2,
  canceled: 3,
};

/**
 * The ids the list shows, in order. `order` is the store's (newest batch first); every other
 * sort keeps it for jobs that compare equal, so re-runs of one name stay newest first.
 */
export function visibleJobIds(
  byId: ReadonlyMap<string, JobView>,
  order: readonly string[],
  query: JobQuery,
  collator: Intl.Collator,
): readonly string[] {
  const words = searchWords(query.search);
  if (query.filter === 'all' && words.length === 0 && query.sort === 'newest') return order;
  const shown: { job: JobView; at: number }[] = [];
  for (let at = 0; at < order.length; at += 1) {
    const job = byId.get(order[at] ?? '');
    if (job && matchesFilter(job, query.filter) && matchesSearch(job, words)) {
      shown.push({ job, at });
    }
  }
  const compare = comparator(query.sort, collator);
  if (compare) shown.sort((a, b) => compare(a.job, b.job) || a.at - b.at);
  return shown.map((entry) => entry.job.id);
}

function comparator(
  sort: JobSort,
  collator: Intl.Collator,
): ((a: JobView, b: JobView) => number) | undefined {
  switch (sort) {
    case 'newest':
      return undefined;
    case 'name':
      return (a, b) => collator.compare(a.source.name, b.source.name);
    case 'length':
      // Longest first; a length not known yet goes last.
      return (a, b) => (b.source.durationSeconds ?? -1) - (a.source.durationSeconds ?? -1);
    case 'state':
      return (a, b) => STATE_RANK[a.state] - STATE_RANK[b.state];
  }
}

/** Names compared as people expect in the page's language ("2" before "10", accents aside). */
export function nameCollator(language: string): Intl.Collator {
  return new Intl.Collator(language, { numeric: true, sensitivity: 'base' });
}
