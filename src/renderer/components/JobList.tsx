/** The "Jobs" region: filters and a virtualized list that stays smooth with ten thousand jobs. */

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import { FOCUS_TARGETS, moveFocus } from '../focus';
import { useJobs, useJobsStore } from '../hooks/use-jobs';
import { useWithKey } from '../hooks/use-key-gate';
import { matchesFilter, type JobFilter } from '../store/job-filters';
import { JobFilters } from './JobFilters';
import { JobRow, removeButtonId, type JobActions } from './JobRow';
import { RemoveJobDialog } from './RemoveJobDialog';
import { useErrorWords } from '../error-words';

/** The message when an action on a row fails, by what was tried. */
const COULD_NOT = {
  cancel: 'list.couldNotCancel',
  retry: 'list.couldNotRetry',
  show: 'list.couldNotShow',
  locate: 'list.couldNotLocate',
} as const;
type Verb = keyof typeof COULD_NOT;

/** Rows share one height unless their details are open; the virtualizer measures those. */
const ROW_HEIGHT = 68;

interface JobListProps {
  filter: JobFilter;
  onFilterChange(filter: JobFilter): void;
  onOpenResult(job: JobView): void;
  onError(message: string): void;
  /** A batch is being prepared above the list, so the empty list says what happens next. */
  preparing: boolean;
}

export function JobList(props: JobListProps) {
  const words = useErrorWords();
  const { filter, onFilterChange, onOpenResult, onError, preparing } = props;
  const { t } = useTranslation('jobs');
  const store = useJobsStore();
  const { byId, order, counts, loaded } = useJobs();
  const [openDetails, setOpenDetails] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<JobView>();
  const withKey = useWithKey();
  const scrollRef = useRef<HTMLDivElement>(null);

  // "All" reuses the store's order as is; the others filter it (cheap even for 10,000 jobs).
  const ids = useMemo(
    () =>
      filter === 'all'
        ? order
        : order.filter((id) => {
            const job = byId.get(id);
            return job !== undefined && matchesFilter(job, filter);
          }),
    [order, byId, filter],
  );

  const run = useCallback(
    async (verb: Verb, job: JobView, operation: () => Promise<JobView | null>) => {
      try {
        const updated = await operation();
        if (updated) store.update(updated);
      } catch (failure) {
        onError(t(COULD_NOT[verb], { name: job.source.name, message: words.call(failure) }));
      }
    },
    [store, onError, t, words],
  );

  const actions = useMemo<JobActions>(
    () => ({
      cancel: (job) =>
        void run('cancel', job, () => unwrap(() => api()['jobs:cancel']({ id: job.id }))),
      // Retrying sends the recording again: without a key, the key is asked for first.
      retry: (job) =>
        withKey(
          () => void run('retry', job, () => unwrap(() => api()['jobs:retry']({ id: job.id }))),
        ),
      remove: (job) => setRemoving(job),
      // A copy that was not sent opens the result of the job that was (the same recording).
      open: (job) => {
        const original = job.duplicateOf ? store.getSnapshot().byId.get(job.duplicateOf) : job;
        if (original?.state === 'succeeded') onOpenResult(original);
        else onError(t('list.noResultYet', { name: job.source.name }));
      },
      showFile: (job) =>
        void run('show', job, async () => {
          await unwrap(() => api()['jobs:show-file']({ id: job.id }));
          return null;
        }),
      locate: (job) =>
        void run('locate', job, () => unwrap(() => api()['jobs:locate']({ id: job.id }))),
      toggleDetails: (id) =>
        setOpenDetails((current) => {
          const next = new Set(current);
          if (!next.delete(id)) next.add(id);
          return next;
        }),
    }),
    [run, onOpenResult, onError, store, t, withKey],
  );

  const confirmRemove = async (job: JobView, deleteResult: boolean) => {
    setRemoving(undefined);
    try {
      const removed = await unwrap(() => api()['jobs:remove']({ id: job.id, deleteResult }));
      // The row and its Remove button (where the dialog put focus back) go: focus moves to the
      // next row (or the one before), else to the list's heading.
      const at = ids.indexOf(job.id);
      const neighbour = at < 0 ? undefined : (ids[at + 1] ?? ids[at - 1]);
      if (removed) store.remove(job.id);
      moveFocus(
        () =>
          (neighbour === undefined ? null : rowFocusTarget(neighbour)) ??
          document.getElementById(FOCUS_TARGETS.jobsHeading),
      );
    } catch (failure) {
      onError(t('list.couldNotRemove', { name: job.source.name, message: words.call(failure) }));
    }
  };

  // TanStack Virtual keeps its own mutable state; the React Compiler must leave this hook alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    // A few rows beyond the visible ones keep slow scrolling seamless; more only costs. When the
    // list is flung or its scrollbar dragged, every row is new in every frame, and each extra
    // row to mount adds React, style and layout work to that frame (overscan 8 → 3 cut the
    // scripting per frame by about a quarter in bench:ui's scroll through 10,000 jobs).
    overscan: 3,
  });

  const emptyText = !loaded
    ? t('list.loading')
    : counts.all === 0
      ? null
      : ids.length === 0
        ? filter === 'all'
          ? ''
          : t(`filters.empty.${filter}`)
        : undefined;

  return (
    <section className="jobs" aria-labelledby="jobs-heading">
      <div className="jobs-header">
        <h2 id={FOCUS_TARGETS.jobsHeading}>{t('list.heading')}</h2>
        <JobFilters value={filter} counts={counts} onChange={onFilterChange} />
      </div>
      {emptyText === null && preparing ? (
        // The empty state is a flex column: the sentence needs its own paragraph inside it, or
        // "Start" would be laid out as a line of its own.
        <div className="empty-state muted">
          <p>
            <Trans t={t} i18nKey="list.preparing" components={{ 1: <strong /> }} />
          </p>
        </div>
      ) : emptyText === null ? (
        <div className="empty-state">
          <p className="empty-title">{t('list.emptyTitle')}</p>
          <p>
            <Trans t={t} i18nKey="list.emptyIntro" components={{ 1: <strong />, 3: <strong /> }} />
          </p>
          <p className="muted">{t('list.emptyHow')}</p>
        </div>
      ) : emptyText !== undefined ? (
        <p className="empty-state muted">{emptyText}</p>
      ) : (
        <div className="job-scroll" ref={scrollRef}>
          <div
            className="job-list"
            role="list"
            aria-label={t('list.label')}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const id = ids[item.index];
              const job = id === undefined ? undefined : byId.get(id);
              if (!job) return null;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  aria-posinset={item.index + 1}
                  aria-setsize={ids.length}
                  className="job-item"
                  data-index={item.index}
                  data-job-id={job.id}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <JobRow
                    job={job}
                    detailsOpen={openDetails.has(job.id)}
                    actions={actions}
                    originalState={
                      job.duplicateOf === undefined ? undefined : byId.get(job.duplicateOf)?.state
                    }
                  />
                </div>
              );
            })}
          </div>
        </div>
      )}
      {removing ? (
        <RemoveJobDialog
          job={removing}
          onClose={() => setRemoving(undefined)}
          onConfirm={(deleteResult) => void confirmRemove(removing, deleteResult)}
        />
      ) : null}
    </section>
  );
}

/** A row's Remove button, or its first button when it has none (a job under way). */
function rowFocusTarget(jobId: string): HTMLElement | null {
  const row = document.querySelector(`[data-job-id="${CSS.escape(jobId)}"]`);
  return (
    row?.querySelector<HTMLElement>(`#${CSS.escape(removeButtonId(jobId))}`) ??
    row?.querySelector<HTMLElement>('button') ??
    null
  );
}
