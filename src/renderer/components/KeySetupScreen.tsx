/* eslint-disable i18next/no-literal-string -- not translated yet (issue 15) */
/** The first-run screen: explains what the API key is and where to get one, then takes it. */

import type { KeyStatus } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import { FOCUS_TARGETS } from '../focus';
import { Banner } from './Banner';
import { KeyForm } from './KeyForm';

interface KeySetupScreenProps {
  /** Why no key is set or why it cannot be saved (a locked or missing keychain), if known. */
  reason?: string;
  onSaved(status: KeyStatus): void;
}

export function KeySetupScreen({ reason, onSaved }: KeySetupScreenProps) {
  const openDashboard = () => {
    void unwrap(() => api()['links:open']({ target: 'dashboard' })).catch(() => undefined);
  };

  return (
    <main className="setup">
      <div className="setup-card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" />
          Diarist
        </p>
        <h1 id={FOCUS_TARGETS.keyScreenHeading}>Connect Diarist to pyannoteAI</h1>
        <p>
          Diarist finds out <strong>who spoke when</strong> in your recordings. The listening is
          done by pyannoteAI, an online service, so Diarist needs your team’s pyannoteAI{' '}
          <strong>API key</strong>: a long code that works like a password for the service.
        </p>
        <ol className="setup-steps">
          <li>
            Open the pyannoteAI dashboard and sign in (ask your team’s admin if you have no
            account).
          </li>
          <li>Under “API Keys”, create a key or copy an existing one.</li>
          <li>Paste it below and choose “Save key”.</li>
        </ol>
        <p>
          <button type="button" className="btn" onClick={openDashboard}>
            Open the pyannoteAI dashboard
          </button>
        </p>
        <hr className="divider" />
        {reason ? (
          <Banner tone="info" role="note">
            {reason}
          </Banner>
        ) : null}
        <KeyForm onSaved={onSaved} />
      </div>
    </main>
  );
}
