/** The main window once a key is set: header, messages, the batch being prepared, and jobs or a result. */

import { lazy, Suspense, useCallback, useState } from 'react';
import { DEFAULT_DIARIZE_OPTIONS } from '../../shared/diarize-options';
import type { JobView, KeyStatus, PickedFile, Reply } from '../../shared/ipc-contract';
import { api, messageOf, unwrap } from '../api';
import { useAppEvents } from '../hooks/use-app-events';
import { useFileDrop } from '../hooks/use-file-drop';
import { useJobsStore } from '../hooks/use-jobs';
import { useSettings } from '../hooks/use-settings';
import type { JobFilter } from '../store/job-filters';
import { AppHeader } from './AppHeader';
import { Banners } from './Banners';
import { BatchPanel } from './BatchPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { JobList } from './JobList';
import { SettingsDialog } from './SettingsDialog';

// The result view (canvas timeline, player, turn list) loads only when a result is opened.
const ResultView = lazy(() => import('../result/ResultView'));

interface MainScreenProps {
  keyStatus: KeyStatus;
  onKeyStatus(status: KeyStatus): void;
}

export function MainScreen({ keyStatus, onKeyStatus }: MainScreenProps) {
  const store = useJobsStore();
  const events = useAppEvents(store);
  const { addNotice } = events;
  const settingsState = useSettings();
  const [batch, setBatch] = useState<readonly PickedFile[]>([]);
  const [picking, setPicking] = useState(false);
  const [filter, setFilter] = useState<JobFilter>('all');
  const [openJob, setOpenJob] = useState<JobView>();
  const [settingsOpen, setSettingsOpen] = useState<false | 'view' | 'key'>(false);

  const addToBatch = useCallback(
    async (pick: () => Promise<Reply<PickedFile[]>>) => {
      setPicking(true);
      try {
        const picked = await unwrap(pick);
        if (picked.length === 0) return;
        setBatch((current) => {
          const known = new Set(current.map((file) => file.id));
          return [...current, ...picked.filter((file) => !known.has(file.id))];
        });
        setOpenJob(undefined);
      } catch (failure) {
        addNotice(messageOf(failure), 'error');
      } finally {
        setPicking(false);
      }
    },
    [addNotice],
  );

  const dragging = useFileDrop((files) => void addToBatch(() => api().dropFiles(files)));
  const showError = useCallback((message: string) => addNotice(message, 'error'), [addNotice]);

  return (
    <div className="app">
      <AppHeader
        busy={picking}
        onAddFiles={() => void addToBatch(() => api()['files:pick']())}
        onAddFolder={() => void addToBatch(() => api()['files:pick-folder']())}
        onOpenSettings={() => setSettingsOpen('view')}
      />
      <main className="app-main">
        <Banners
          keyStatus={keyStatus}
          status={events.status}
          notices={events.notices}
          onDismiss={events.dismissNotice}
          onChangeKey={() => setSettingsOpen('key')}
        />
        {openJob ? (
          <ErrorBoundary onReset={() => setOpenJob(undefined)}>
            <Suspense fallback={<p className="loading">Opening the result…</p>}>
              <ResultView
                key={openJob.id}
                job={openJob}
                onBack={() => setOpenJob(undefined)}
                onError={showError}
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
                onClear={() => setBatch([])}
                onStarted={(jobs) => {
                  for (const job of jobs) store.update(job);
                  setBatch([]);
                  setFilter('all');
                }}
              />
            ) : null}
            <JobList
              filter={filter}
              onFilterChange={setFilter}
              onOpenResult={setOpenJob}
              onError={showError}
              preparing={batch.length > 0}
            />
          </>
        )}
      </main>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <p className="drop-title">Drop recordings to add them</p>
            <p className="muted">You can choose the options before anything is uploaded.</p>
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
    </div>
  );
}
