/** The app's top level: asks whether a key is set, then shows the first-run screen or the main window. */

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

type Startup =
  { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'ready'; key: KeyStatus };

export function App() {
  const words = useErrorWords();
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [store] = useState(() => new JobsStore());
  const { t } = useTranslation();
  useWindowTitle(store);

  useEffect(() => {
    let live = true;
    unwrap(() => api()['key:status']())
      .then((key) => live && setStartup({ kind: 'ready', key }))
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

  const setKey = (key: KeyStatus) => setStartup({ kind: 'ready', key });
  if (startup.key.state === 'missing')
    return <KeySetupScreen reason={startup.key} onSaved={setKey} />;
  return (
    <JobsStoreContext.Provider value={store}>
      <MainScreen keyStatus={startup.key} onKeyStatus={setKey} />
    </JobsStoreContext.Provider>
  );
}
