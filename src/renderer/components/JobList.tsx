/**
 * The "Jobs" region: filters, search by name and sort, and a virtualized list that stays smooth
 * with ten thousand jobs.
 */

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { JobView } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import { FOCUS_TARGETS, moveFocus } from '../focus';
import { useJobs, useJobsStore } from '../hooks/use-jobs';
import type { JobFilter } from '../store/job-filters';
import { nameCollator, visibleJobIds, type JobSort } from '../store/job-query';
import {
  chosenShown,
  selectionTargets,
  toggleAllShown,
  toggleOne,
  toggleRange,
  type Selection,
} from '../store/job-selection';
import { rowAfterKey, tabbableRow } from '../store/job-keys';
import { hiddenRuns } from '../../shared/runs';
import { JOB_SEARCH_ID, JobFilters, JobTools } from './JobFilters';
import { useWithKey } from '../hooks/use-key-gate';
import { JobRow, removeButtonId, type JobActions } from './JobRow';
import {
  JobSelectionBar,
  SELECT_ALL_ID,
  SelectAllShown,
  type BulkProgress,
  type BulkVerb,
} from './JobSelectionBar';
import { RemoveJobDialog, RemoveJobsDialog } from './RemoveJobDialog';
import { ExportJobsDialog } from './ExportJobsDialog';
import { Banner } from './Banner';
import type { ExportFormat } from '../../shared/result';
import { resolveLanguage } from '../../shared/i18n/languages';
import { useErrorWords } from '../error-words';
import { useScrollArea } from '../hooks/use-scroll-area';
import { useFormat } from '../use-format';

/** The message when an action on a row fails, by what was tried. */
const COULD_NOT = {
  cancel: 'list.couldNotCancel',
  retry: 'list.couldNotRetry',
  show: 'list.couldNotShow',
  locate: 'list.couldNotLocate',
} as const;
type Verb = keyof typeof COULD_NOT;

/** What a bulk action says when it failed for one job, and for several. */
const BULK_FAILED = {
  retry: { one: COULD_NOT.retry, many: 'selection.couldNotRetryMany' },
  remove: { one: 'list.couldNotRemove', many: 'selection.couldNotRemoveMany' },
  export: { one: 'list.couldNotExport', many: 'selection.couldNotExportMany' },
} as const satisfies Record<BulkVerb, { one: string; many: string }>;

/** How many calls of a bulk action are under way at once: steady progress, no flood of calls. */
const BULK_CALLS = 4;

/** Rows share one height unless their details are open; the virtualizer measures those. */
const ROW_HEIGHT = 84;

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
  const { t, i18n } = useTranslation('jobs');
  const format = useFormat();
  const store = useJobsStore();
  const { byId, order, counts, loaded } = useJobs();
  const [openDetails, setOpenDetails] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<JobView>();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<JobSort>('newest');
  const withKey = useWithKey();
  const scrollRef = useRef<HTMLDivElement>(null);

  // "All", newest first and no search reuses the store's order as is; anything else filters and
  // sorts it (linear, plus n log n for a sort: cheap even for 10,000 jobs). A recording run
  // again shows once: its chosen run (the others are listed in its result view).
  const collator = useMemo(() => nameCollator(i18n.language), [i18n.language]);
  const hidden = useMemo(() => hiddenRuns([...byId.values()]), [byId]);
  const ids = useMemo(() => {
    const visible = visibleJobIds(byId, order, { filter, search, sort }, collator);
    return hidden.size === 0 ? visible : visible.filter((id) => !hidden.has(id));
  }, [order, byId, filter, search, sort, collator, hidden]);
  // Runs left out are finished ones: the counts say what the list shows.
  const shownCounts = useMemo(
    () =>
      hidden.size === 0
        ? counts
        : { ...counts, all: counts.all - hidden.size, done: counts.done - hidden.size },
    [counts, hidden],
  );

  // Chosen jobs; only those shown are acted on (a choice hidden by a search waits).
  const [selected, setSelected] = useState<Selection>(new Set());
  const [progress, setProgress] = useState<BulkProgress>();
  const [removingMany, setRemovingMany] = useState(false);
  /** "Export…" on the chosen ones: the dialog, and whether its folder dialog is open. */
  const [exportingMany, setExportingMany] = useState(false);
  const [choosingFolder, setChoosingFolder] = useState(false);
  const [exportFormats, setExportFormats] = useState<readonly ExportFormat[]>(['docx']);
  /** Where the last export of several went, for its "Show in folder". */
  const [exportedMany, setExportedMany] = useState<{
    count: number;
    folderName: string;
    exportId: string;
  }>();
  /** The last row clicked without Shift, where a shift-click's range starts. */
  const anchor = useRef<string>(undefined);
  /** The ids shown, for the row actions (one stable object for every row). */
  const shownRef = useRef(ids);
  useEffect(() => {
    shownRef.current = ids;
  }, [ids]);
  /** The row that has (or last had) focus: the list's one tab stop (roving tabindex). */
  const [current, setCurrent] = useState<string>();
  const chosenIds = useMemo(() => chosenShown(selected, ids), [selected, ids]);
  const chosen = useMemo(() => chosenIds.flatMap((id) => byId.get(id) ?? []), [chosenIds, byId]);
  const targets = useMemo(
    () => selectionTargets(chosen, (id) => byId.get(id)?.state),
    [chosen, byId],
  );

  const clearSearch = useCallback(() => {
    setSearch('');
    moveFocus(() => document.getElementById(JOB_SEARCH_ID));
  }, []);

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
      select: (job, range) => {
        const shown = shownRef.current;
        const from = anchor.current;
        setSelected((current) =>
          range ? toggleRange(current, shown, from, job.id) : toggleOne(current, job.id),
        );
        if (!range) anchor.current = job.id;
      },
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

  /** After an action of the bar: nothing chosen, focus on "Select all shown" (or the heading). */
  const afterBulk = () => {
    setSelected(new Set());
    anchor.current = undefined;
    moveFocus(() => {
      const selectAll = document.getElementById(SELECT_ALL_ID);
      return selectAll instanceof HTMLInputElement && !selectAll.disabled
        ? selectAll
        : document.getElementById(FOCUS_TARGETS.jobsHeading);
    });
  };

  /**
   * One call per job, a few at a time, counting as they finish; failures said once at the end.
   * Answers how many succeeded.
   */
  const runBulk = async (
    verb: BulkVerb,
    jobs: readonly JobView[],
    call: (job: JobView) => Promise<void>,
  ): Promise<number> => {
    const total = jobs.length;
    let next = 0;
    let done = 0;
    const failures: { job: JobView; failure: unknown }[] = [];
    setProgress({ verb, done, total });
    const worker = async () => {
      while (next < total) {
        const job = jobs[next++];
        if (!job) break;
        try {
          await call(job);
        } catch (failure) {
          failures.push({ job, failure });
        }
        done += 1;
        setProgress({ verb, done, total });
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CALLS, total) }, worker));
    setProgress(undefined);
    const first = failures[0];
    if (first) {
      const name = first.job.source.name;
      const message = words.call(first.failure);
      onError(
        failures.length === 1
          ? t(BULK_FAILED[verb].one, { name, message })
          : t(BULK_FAILED[verb].many, {
              count: failures.length,
              n: format.count(failures.length),
              name,
              message,
            }),
      );
    }
    afterBulk();
    return total - failures.length;
  };

  // As one row's Retry: without a key, the key is asked for first, then they are all sent.
  const retryChosen = () =>
    withKey(
      () =>
        void runBulk('retry', targets.retry, async (job) => {
          const updated = await unwrap(() => api()['jobs:retry']({ id: job.id }));
          if (updated) store.update(updated);
        }),
    );

  const removeChosen = (deleteResult: boolean) => {
    setRemovingMany(false);
    void runBulk('remove', targets.remove, async (job) => {
      const removed = await unwrap(() => api()['jobs:remove']({ id: job.id, deleteResult }));
      if (removed) store.remove(job.id);
    });
  };

  /**
   * The formats are chosen: one folder for all (the dialog stays open if that is canceled), then
   * each recording with a result is written into it, a few at a time, counting.
   */
  const exportChosen = async (formats: ExportFormat[]) => {
    setExportFormats(formats);
    setExportedMany(undefined);
    setChoosingFolder(true);
    let folder: { folderId: string; folderName: string } | null;
    try {
      folder = await unwrap(() => api()['exports:pick-folder']());
    } catch (failure) {
      folder = null;
      onError(t('exportMany.couldNotChoose', { message: words.call(failure) }));
    } finally {
      setChoosingFolder(false);
    }
    if (!folder) return;
    const { folderId, folderName } = folder;
    setExportingMany(false);
    const language = resolveLanguage(i18n.language, []);
    let exportId = '';
    const exported = await runBulk('export', targets.export, async (job) => {
      const written = await unwrap(() =>
        api()['results:export-into']({ id: job.id, formats, folderId, language }),
      );
      exportId ||= written.exportId;
    });
    if (exported > 0) setExportedMany({ count: exported, folderName, exportId });
  };

  const onBulkAction = (verb: BulkVerb) => {
    if (verb === 'retry') retryChosen();
    else if (verb === 'remove') setRemovingMany(true);
    else setExportingMany(true);
  };

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

  // The list's own box, or in a small window the window's one scroll area (use-scroll-area.ts).
  const area = useScrollArea(scrollRef, loaded && ids.length > 0);
  // TanStack Virtual keeps its own mutable state; the React Compiler must leave this hook alone.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: area.current,
    scrollMargin: area.margin,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => ids[index] ?? index,
    // A few rows beyond the visible ones keep slow scrolling seamless; more only costs. When the
    // list is flung or its scrollbar dragged, every row is new in every frame, and each extra
    // row to mount adds React, style and layout work to that frame (overscan 8 → 3 cut the
    // scripting per frame by about a quarter in bench:ui's scroll through 10,000 jobs).
    overscan: 3,
  });

  const drawn = virtualizer.getVirtualItems();
  // Rows say "Today" and "Yesterday": a new day redraws them (they are memoized otherwise).
  const today = new Date().toDateString();
  const tabbable = tabbableRow(
    current,
    drawn.flatMap((item) => ids[item.index] ?? []),
  );

  /** Arrows, Home/End and Page Up/Down move between rows; Enter opens; Space chooses. */
  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>, job: JobView, index: number) => {
    const to = rowAfterKey(event.key, index, ids.length);
    if (to !== undefined) {
      event.preventDefault();
      const target = ids[to];
      if (target === undefined) return;
      setCurrent(target);
      virtualizer.scrollToIndex(to, { align: 'auto' });
      moveFocus(() => rowElement(target));
      return;
    }
    // Enter and Space on a control in the row press that control.
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' && canOpenResult(job, byId)) {
      event.preventDefault();
      actions.open(job);
    } else if (event.key === ' ') {
      event.preventDefault();
      actions.select(job, event.shiftKey);
    }
  };

  const emptyText = !loaded
    ? t('list.loading')
    : counts.all === 0
      ? null
      : ids.length === 0 && search.trim() === ''
        ? filter === 'all'
          ? ''
          : t(`filters.empty.${filter}`)
        : undefined;

  return (
    <section className="jobs" aria-labelledby="jobs-heading">
      <div className="jobs-header">
        <h2 id={FOCUS_TARGETS.jobsHeading}>{t('list.heading')}</h2>
        <JobFilters value={filter} counts={shownCounts} onChange={onFilterChange} />
      </div>
      {loaded && counts.all > 0 ? (
        <JobTools search={search} onSearchChange={setSearch} sort={sort} onSortChange={setSort}>
          <SelectAllShown
            shown={ids.length}
            chosen={chosenIds.length}
            onToggle={() => setSelected((current) => toggleAllShown(current, ids))}
          />
        </JobTools>
      ) : null}
      {chosenIds.length > 0 || progress ? (
        <JobSelectionBar
          jobs={chosen}
          applies={{
            retry: targets.retry.length,
            remove: targets.remove.length,
            export: targets.export.length,
          }}
          progress={progress}
          onAction={onBulkAction}
          onClear={afterBulk}
        />
      ) : null}
      {exportedMany ? (
        <Banner
          tone="success"
          role="status"
          onDismiss={() => setExportedMany(undefined)}
          actions={
            exportedMany.exportId ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  void unwrap(() =>
                    api()['exports:show']({ exportId: exportedMany.exportId }),
                  ).catch((failure: unknown) => onError(words.call(failure)))
                }
              >
                {t('exportMany.showInFolder')}
              </button>
            ) : null
          }
        >
          {t('exportMany.done', {
            count: exportedMany.count,
            n: format.count(exportedMany.count),
            folder: exportedMany.folderName,
          })}
        </Banner>
      ) : null}
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
      ) : ids.length === 0 ? (
        <div className="empty-state muted">
          <p>{t('search.noMatch', { search: search.trim() })}</p>
          <button type="button" className="btn btn-small" onClick={clearSearch}>
            {t('search.clear')}
          </button>
        </div>
      ) : (
        <div className="job-scroll" ref={scrollRef}>
          <div
            className="job-list"
            role="list"
            aria-label={t('list.label')}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {drawn.map((item) => {
              const id = ids[item.index];
              const job = id === undefined ? undefined : byId.get(id);
              if (!job) return null;
              return (
                <div
                  key={item.key}
                  role="listitem"
                  aria-posinset={item.index + 1}
                  aria-setsize={ids.length}
                  className={selected.has(job.id) ? 'job-item is-selected' : 'job-item'}
                  data-index={item.index}
                  data-job-id={job.id}
                  tabIndex={job.id === tabbable ? 0 : -1}
                  onFocus={() => setCurrent(job.id)}
                  onKeyDown={(event) => onRowKeyDown(event, job, item.index)}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${item.start - area.margin}px)` }}
                >
                  <JobRow
                    job={job}
                    detailsOpen={openDetails.has(job.id)}
                    selected={selected.has(job.id)}
                    current={job.id === tabbable}
                    day={today}
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
      {exportingMany ? (
        <ExportJobsDialog
          exportable={targets.export.length}
          leftOut={chosen.length - targets.export.length}
          initialFormats={exportFormats}
          choosingFolder={choosingFolder}
          onClose={() => setExportingMany(false)}
          onConfirm={(formats) => void exportChosen(formats)}
        />
      ) : null}
      {removingMany ? (
        <RemoveJobsDialog
          jobs={targets.remove}
          notFinished={chosen.length - targets.remove.length}
          onClose={() => setRemovingMany(false)}
          onConfirm={removeChosen}
        />
      ) : null}
    </section>
  );
}

/** A row itself (the list item), where the arrow keys put focus. */
function rowElement(jobId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.job-item[data-job-id="${CSS.escape(jobId)}"]`);
}

/** Whether Enter on a row opens a result: its own, or that of the job a copy was merged into. */
function canOpenResult(job: JobView, byId: ReadonlyMap<string, JobView>): boolean {
  if (job.state === 'succeeded') return true;
  return job.duplicateOf !== undefined && byId.get(job.duplicateOf)?.state === 'succeeded';
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
