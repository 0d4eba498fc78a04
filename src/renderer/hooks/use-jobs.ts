/** Gives components the one job store and a live view of it. */

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { JobsSnapshot, JobsStore } from '../store/jobs-store';

export const JobsStoreContext = createContext<JobsStore | null>(null);

export function useJobsStore(): JobsStore {
  const store = useContext(JobsStoreContext);
  if (!store) throw new Error('useJobsStore needs a JobsStoreContext provider.');
  return store;
}

export function useJobs(): JobsSnapshot {
  const store = useJobsStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
