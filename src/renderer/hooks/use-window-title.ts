/**
 * The window's title says how far the work under way has come ("Diarist — 2 of 5 done"), so a
 * person who switched to another window sees it on the taskbar; plain "Diarist" at rest.
 */

import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { batchProgress, type BatchProgress } from '../../shared/batch-progress';
import type { JobsStore } from '../store/jobs-store';

export function windowTitle(t: TFunction, progress: BatchProgress | undefined): string {
  return progress
    ? t('title.progress', { count: progress.done, total: progress.total })
    : t('title.rest');
}

/** "done/total", or "" at rest: a string, so the hook re-renders only when the figure changes. */
function progressKey(store: JobsStore): string {
  const progress = batchProgress(store.getSnapshot().byId.values());
  return progress ? `${progress.done}/${progress.total}` : '';
}

export function useWindowTitle(store: JobsStore): void {
  const { t } = useTranslation();
  const key = useSyncExternalStore(store.subscribe, () => progressKey(store));
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
