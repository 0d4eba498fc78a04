/**
 * The window's title says how far the work under way has come ("Diarist — 2 of 5 done"), so a
 * person who switched to another window sees it on the taskbar; plain "Diarist" at rest.
 */

import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { batchProgress, type BatchProgress } from '../../shared/batch-progress';
import type { JobsSnapshot, JobsStore } from '../store/jobs-store';

export function windowTitle(t: TFunction, progress: BatchProgress | undefined): string {
  return progress
    ? t('title.progress', { count: progress.done, total: progress.total })
    : t('title.rest');
}

/** Each snapshot's figure: React asks on every render and every change, the jobs are counted once. */
const keys = new WeakMap<JobsSnapshot, string>();

/**
 * "done/total", or "" at rest: a string, so the hook re-renders only when the figure changes.
 * Counted once per snapshot of the jobs (a snapshot never changes; a change makes a new one).
 */
export function progressKey(snapshot: JobsSnapshot): string {
  let key = keys.get(snapshot);
  if (key === undefined) {
    const progress = batchProgress(snapshot.byId.values());
    key = progress ? `${progress.done}/${progress.total}` : '';
    keys.set(snapshot, key);
  }
  return key;
}

export function useWindowTitle(store: JobsStore): void {
  const { t } = useTranslation();
  const key = useSyncExternalStore(store.subscribe, () => progressKey(store.getSnapshot()));
  useEffect(() => {
    const [done, total] = key.split('/').map(Number);
    document.title = windowTitle(
      t,
      key && done !== undefined && total !== undefined
        ? { done, total, fraction: done / total }
        : undefined,
    );
  }, [key, t]);
}
