/**
 * The app's top level: asks whether a key is set, then shows the first-run screen (no key and no
 * job: a computer Diarist never worked on) or the main window. Without a key the main window still
 * opens every saved result; what needs pyannoteAI asks for the key where it is needed.
 */

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyStatus } from '../shared/ipc-contract';
import { api, unwrap } from './api';
import { KeySetupScreen } from './components/KeySetupScreen';
import { MainScreen } from './components/MainScreen';
import { JobsStoreContext } from './hooks/use-jobs';
import { useWindowTitle } from './hooks/use-window-title';
import { JobsStore } from './store/jobs-store';
import { useErrorWords } from './error-words';
import { bridgeVoices, VoicesStoreContext } from './voices/use-voices';
import { VoicesStore } from './voices/voices-store';

type Startup =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; key: KeyStatus; firstRun: boolean };

export function App() {
  const words = useErrorWords();
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [store] = useState(() => new JobsStore());
  const [voices] = useState(() => new VoicesStore(bridgeVoices));
  const { t } = useTranslation();
  useWindowTitle(store);

  useEffect(() => {
    let live = true;
    const start = async (): Promise<Startup> => {
      const key = await unwrap(() => api()['key:status']());
      if (key.state !== 'missing') return { kind: 'ready', key, firstRun: false };
      // A removed key with jobs in the list: the list and its results stay reachable.
      const jobs = await unwrap(() => api()['jobs:list']());
      return { kind: 'ready', key, firstRun: jobs.length === 0 };
    };
    start()
      .then((ready) => live && setStartup(ready))
      .catch((error: unknown) => live && setStartup({ kind: 'failed', error }));
    return () => {
      live = false;
    };
  }, []);

  if (startup.kind === 'loading') {
    return (
      <main className="splash" aria-busy="true">
        <p className="muted">{t('startup.loading')}</p>
      </main>
    );
  }
  if (startup.kind === 'failed') {
    return (
      <main className="splash">
        <div className="setup-card" role="alert">
          <h1>{t('startup.failedHeading')}</h1>
          <p>{words.call(startup.error)}</p>
          <p className="muted">{t('startup.failedHint')}</p>
        </div>
      </main>
    );
  }

  // Once past the first run, the main window stays, with or without a key.
  const setKey = (key: KeyStatus) => setStartup({ kind: 'ready', key, firstRun: false });
  if (startup.firstRun) return <KeySetupScreen reason={startup.key} onSaved={setKey} />;
  return (
    <JobsStoreContext.Provider value={store}>
      <VoicesStoreContext.Provider value={voices}>
        <MainScreen keyStatus={startup.key} onKeyStatus={setKey} />
      </VoicesStoreContext.Provider>
    </JobsStoreContext.Provider>
  );
}
