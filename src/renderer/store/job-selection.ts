/**
 * Several jobs chosen at once in the list: one, a range (shift-click), or all shown, and which of
 * them an action applies to. Every step is linear in the number of jobs shown.
 */

import type { JobView } from '../../shared/ipc-contract';
import { isFinalState, type JobState } from '../../shared/jobs';

export type Selection = ReadonlySet<string>;

/** Chooses or un-chooses one job. */
export function toggleOne(selected: Selection, id: string): Selection {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}

/**
 * Shift-click: every job shown from the last one clicked (`anchor`) to this one takes this one's
 * new state. Without an anchor among the jobs shown, only this one changes.
 */
export function toggleRange(
  selected: Selection,
  shown: readonly string[],
  anchor: string | undefined,
  id: string,
): Selection {
  const from = anchor === undefined ? -1 : shown.indexOf(anchor);
  const to = shown.indexOf(id);
  if (from < 0 || to < 0) return toggleOne(selected, id);
  const choose = !selected.has(id);
  const next = new Set(selected);
  for (let at = Math.min(from, to); at <= Math.max(from, to); at += 1) {
    const each = shown[at];
    if (each === undefined) continue;
    if (choose) next.add(each);
    else next.delete(each);
  }
  return next;
}

/** The jobs shown that are chosen, in the order shown (choices hidden by a search are not). */
export function chosenShown(selected: Selection, shown: readonly string[]): string[] {
  if (selected.size === 0) return [];
  return shown.filter((id) => selected.has(id));
}

/** "Select all shown": all of them, or none of them once all are chosen. */
export function toggleAllShown(selected: Selection, shown: readonly string[]): Selection {
  const all = shown.length > 0 && chosenShown(selected, shown).length === shown.length;
  const next = new Set(selected);
  for (const id of shown) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

/**
 * Whether Retry can help a job: failed or canceled, except a copy that was never sent while the
 * job it copies is under way or done (it ends with that one). `originalState` is the copied
 * job's state, undefined when that job is gone.
 */
export function canRetry(job: JobView, originalState: JobState | undefined): boolean {
  if (job.state === 'failed') return true;
  if (job.state !== 'canceled') return false;
  if (job.duplicateOf === undefined) return true;
  return originalState === undefined || originalState === 'failed' || originalState === 'canceled';
}

/** What each action of the selection bar applies to, among the chosen jobs. */
export function selectionTargets(
  chosen: readonly JobView[],
  stateOf: (id: string) => JobState | undefined,
): { retry: JobView[]; remove: JobView[]; export: JobView[] } {
  const retry: JobView[] = [];
  const remove: JobView[] = [];
  const exportable: JobView[] = [];
  for (const job of chosen) {
    const original = job.duplicateOf === undefined ? undefined : stateOf(job.duplicateOf);
    if (canRetry(job, original)) retry.push(job);
    // Only a finished job can be removed; one under way is canceled first.
    if (isFinalState(job.state)) remove.push(job);
    // Only a job with its own result is exported (a copy that was not sent has none).
    if (job.state === 'succeeded') exportable.push(job);
  }
  return { retry, remove, export: exportable };
}
