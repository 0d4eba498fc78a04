/**
 * The main window: header, messages, the batch being prepared, and jobs or a result. It works
 * without a key too: saved results open as usual, and Start or Retry asks for the key first.
 */

import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_DIARIZE_OPTIONS } from '../../shared/diarize-options';
import type { JobView, KeyStatus, PickedFile, Reply } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import { byId, FOCUS_TARGETS, moveFocus } from '../focus';
import { useAppEvents, usePushesReady } from '../hooks/use-app-events';
import { keyReasonWords } from '../key-words';
import { KeyGateContext, type WithKey } from '../hooks/use-key-gate';
import { useFileDrop } from '../hooks/use-file-drop';
import { useJobsStore } from '../hooks/use-jobs';
import { useSettings } from '../hooks/use-settings';
import type ResultViewType from '../result/ResultView';
import type { JobFilter } from '../store/job-filters';
import { AppHeader } from './AppHeader';
import { Banner } from './Banner';
import { Banners } from './Banners';
import { BatchPanel } from './BatchPanel';
import { alreadyListedMessage } from './batch-review';
import { ErrorBoundary } from './ErrorBoundary';
import { JobList } from './JobList';
import { KeyNeededDialog } from './KeyNeededDialog';
import { openResultId } from './JobRow';
import { SettingsDialog } from './SettingsDialog';
import { useErrorWords } from '../error-words';
import { useVoicesStore } from '../voices/use-voices';
import { VoicesDialog } from '../voices/VoicesDialog';

/**
 * The result view (canvas timeline, player, turn list) is split off the start screen's bundle, so
 * the job list appears sooner. It is fetched once the start screen is idle (or at the latest on
 * the first "Open result"), and once loaded it is rendered directly rather than through
 * React.lazy: a lazy component suspends on its first render even when its module is already
 * there, and React then keeps the "Opening the result…" fallback up for at least 300 ms (its
 * fallback throttle), more than the whole budget for opening a result.
 */
type ResultViewComponent = typeof ResultViewType;
let loadedResultView: ResultViewComponent | undefined;
let loadingResultView: Promise<{ default: ResultViewComponent }> | undefined;
function loadResultView(): Promise<{ default: ResultViewComponent }> {
  loadingResultView ??= import('../result/ResultView').then(
    (module) => {
      loadedResultView = module.default;
      return module;
    },
    (error: unknown) => {
      // Try again on the next attempt (the error boundary shows this one).
      loadingResultView = undefined;
      throw error;
    },
  );
  return loadingResultView;
}
const LazyResultView = lazy(loadResultView);

interface MainScreenProps {
  keyStatus: KeyStatus;
  onKeyStatus(status: KeyStatus): void;
}

export function MainScreen({ keyStatus, onKeyStatus }: MainScreenProps) {
  const words = useErrorWords();
  const { t } = useTranslation('jobs');
  const store = useJobsStore();
  const events = useAppEvents(store);
  const { addNotice } = events;
  const settingsState = useSettings();
  /**
   * The batch being prepared, and how many picked files were already in it (the same file picked
   * again, by another route): they are listed once, and the panel says so.
   */
  const [prepared, setPrepared] = useState<{ files: readonly PickedFile[]; repeats: number }>({
    files: [],
    repeats: 0,
  });
  const batch = prepared.files;
  const setBatch = useCallback(
    (next: (current: readonly PickedFile[]) => readonly PickedFile[]) =>
      setPrepared((state) => ({ ...state, files: next(state.files) })),
    [],
  );
  const [picking, setPicking] = useState(false);
  const [filter, setFilter] = useState<JobFilter>('all');
  const [openJob, setOpenJob] = useState<JobView>();
  const [settingsOpen, setSettingsOpen] = useState<false | 'view' | 'key'>(false);
  // Known voices: one copy of the library (App's) for the Voices page, results and options.
  const voices = useVoicesStore();
  const [voicesOpen, setVoicesOpen] = useState(false);
  /** What waits for the key the person is asked for (Start, Retry), while the dialog is open. */
  const [awaitingKey, setAwaitingKey] = useState<{ action: () => void }>();
  const hasKey = keyStatus.state !== 'missing';
  const { t: settingsT } = useTranslation('settings');
  const keyReason = keyReasonWords(keyStatus, settingsT);
  const withKey = useCallback<WithKey>(
    (action) => (hasKey ? action() : setAwaitingKey({ action })),
    [hasKey],
  );

  const addToBatch = useCallback(
    async (pick: () => Promise<Reply<PickedFile[]>>) => {
      setPicking(true);
      try {
        const picked = await unwrap(pick);
        if (picked.length === 0) return;
        moveFocus(byId(FOCUS_TARGETS.batchHeading));
        setPrepared(({ files: current, repeats }) => {
          // The same file keeps its id however it was picked (a file, then its folder).
          const known = new Set(current.map((file) => file.id));
          const added = picked.filter((file) => !known.has(file.id) && known.add(file.id));
          const again = picked.length - added.length;
          return {
            files: [...current, ...added],
            repeats: (current.length === 0 ? 0 : repeats) + again,
          };
        });
        setOpenJob(undefined);
      } catch (failure) {
        addNotice(words.call(failure), 'error');
      } finally {
        setPicking(false);
      }
    },
    [addNotice, words],
  );

  // Fetch the result view in the first idle moment after the start screen shows.
  useEffect(() => {
    const idle = requestIdleCallback(() => void loadResultView().catch(() => undefined), {
      timeout: 2_000,
    });
    return () => cancelIdleCallback(idle);
  }, []);
  const ResultView = loadedResultView ?? LazyResultView;

  const dragging = useFileDrop((files) => void addToBatch(() => api().dropFiles(files)));

  // The native menu's commands and recordings opened with Diarist from the file manager arrive
  // as pushes; they do what the matching buttons and a drop do.
  useEffect(
    () =>
      api().onPush((event) => {
        if (event.type === 'files-opened') {
          void addToBatch(async () => ({ ok: true, value: event.files }));
        } else if (event.type === 'menu') {
          if (event.command === 'add-recordings') void addToBatch(() => api()['files:pick']());
          else if (event.command === 'add-folder')
            void addToBatch(() => api()['files:pick-folder']());
          else setSettingsOpen('view');
        }
      }),
    [addToBatch],
  );
  useEffect(() => {
    if (!voices) return;
    void voices.load();
    return api().onPush((event) => {
      if (event.type === 'voice-progress')
        voices.progress(event.jobId, event.speaker, event.phase, event.fraction);
    });
  }, [voices]);
  // After the subscriptions above (useAppEvents', the menu's, the voices'): main may send now.
  usePushesReady();
  const showError = useCallback((message: string) => addNotice(message, 'error'), [addNotice]);

  // The key screen's "Save key" (or a fresh start) leaves focus nowhere: start at the first action.
  useEffect(() => moveFocus(byId(FOCUS_TARGETS.addRecordings)), []);

  const openResult = useCallback((job: JobView) => {
    setOpenJob(job);
    moveFocus(byId(FOCUS_TARGETS.resultHeading));
  }, []);
  const backToJobs = useCallback((job: JobView) => {
    setOpenJob(undefined);
    // Back on the row the result was opened from, when it is on screen; else the list's heading.
    moveFocus(
      () =>
        document.getElementById(openResultId(job.id)) ??
        document.getElementById(FOCUS_TARGETS.jobsHeading),
    );
  }, []);

  return (
    <KeyGateContext.Provider value={withKey}>
      <div className="app">
        <AppHeader
          busy={picking}
          onAddFiles={() => void addToBatch(() => api()['files:pick']())}
          onAddFolder={() => void addToBatch(() => api()['files:pick-folder']())}
          onOpenSettings={() => setSettingsOpen('view')}
          onOpenVoices={() => setVoicesOpen(true)}
        />
        <main className="app-main">
          <Banners
            keyStatus={keyStatus}
            status={events.status}
            notices={events.notices}
            onDismiss={events.dismissNotice}
            onChangeKey={() => setSettingsOpen('key')}
          />
          {hasKey ? null : (
            <Banner
              tone="info"
              role="note"
              actions={
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setSettingsOpen('key')}
                >
                  {t('noKey.enter')}
                </button>
              }
            >
              <p>{t('noKey.banner')}</p>
              {/* Why the key is missing when Diarist knows (a locked keychain, say). */}
              {keyReason ? <p>{keyReason}</p> : null}
            </Banner>
          )}
          {openJob ? null : (
            // The result view has its own level-one heading (the recording's name).
            <h1 className="visually-hidden">{t('main.heading')}</h1>
          )}
          {openJob ? (
            <ErrorBoundary onReset={() => setOpenJob(undefined)}>
              <Suspense fallback={<p className="loading">{t('main.openingResult')}</p>}>
                <ResultView
                  key={openJob.id}
                  job={openJob}
                  onBack={() => backToJobs(openJob)}
                  onError={showError}
                  onOpenJob={openResult}
                />
              </Suspense>
            </ErrorBoundary>
          ) : (
            <>
              {batch.length > 0 ? (
                <BatchPanel
                  // Settings normally arrive first; if not, the panel restarts from them once they do.
                  key={settingsState.settings ? 'saved-defaults' : 'built-in-defaults'}
                  files={batch}
                  defaults={settingsState.settings?.defaultOptions ?? DEFAULT_DIARIZE_OPTIONS}
                  onLeaveOut={(id) => setBatch((current) => current.filter((f) => f.id !== id))}
                  onClear={() => {
                    setBatch(() => []);
                    moveFocus(byId(FOCUS_TARGETS.addRecordings));
                  }}
                  onStarted={(jobs) => {
                    for (const job of jobs) store.update(job);
                    setBatch(() => []);
                    setFilter('all');
                    moveFocus(byId(FOCUS_TARGETS.jobsHeading));
                  }}
                  notice={alreadyListedMessage(prepared.repeats)}
                  onMerged={(ids) =>
                    setBatch((current) => current.filter((f) => !ids.includes(f.id)))
                  }
                  onOpenResult={(jobId) => {
                    const job = store.getSnapshot().byId.get(jobId);
                    if (job) openResult(job);
                    else addNotice(t('main.resultGone'), 'error');
                  }}
                />
              ) : null}
              <JobList
                filter={filter}
                onFilterChange={setFilter}
                onOpenResult={openResult}
                onError={showError}
                preparing={batch.length > 0}
              />
            </>
          )}
        </main>
        {dragging ? (
          <div className="drop-overlay" aria-hidden="true">
            <div className="drop-card">
              <p className="drop-title">{t('main.dropTitle')}</p>
              <p className="muted">{t('main.dropHint')}</p>
            </div>
          </div>
        ) : null}
        {settingsOpen ? (
          <SettingsDialog
            keyStatus={keyStatus}
            settings={settingsState.settings}
            startWithKeyForm={settingsOpen === 'key'}
            onKeyStatus={onKeyStatus}
            onUpdate={settingsState.update}
            onClose={() => setSettingsOpen(false)}
          />
        ) : null}
        {voicesOpen ? <VoicesDialog onClose={() => setVoicesOpen(false)} /> : null}
        {awaitingKey ? (
          <KeyNeededDialog
            onSaved={(status) => {
              onKeyStatus(status);
              setAwaitingKey(undefined);
              // What asked for the key goes on with it (the batch is sent, the job retried).
              awaitingKey.action();
            }}
            onClose={() => setAwaitingKey(undefined)}
          />
        ) : null}
      </div>
    </KeyGateContext.Provider>
  );
}
