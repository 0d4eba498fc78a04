/** The first-run screen: explains what the API key is and where to get one, then takes it. */

import { Trans, useTranslation } from 'react-i18next';
import type { KeyStatus } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import { FOCUS_TARGETS } from '../focus';
import { useSettings } from '../hooks/use-settings';
import { keyReasonWords } from '../key-words';
import { Banner } from './Banner';
import { KeyForm } from './KeyForm';

interface KeySetupScreenProps {
  /** Why no key is set or why it cannot be saved (a locked or missing keychain), if known. */
  /** Why a key must be entered again or cannot be saved, when there is a reason. */
  reason?: Pick<KeyStatus, 'reason' | 'reasonKey'>;
  onSaved(status: KeyStatus): void;
}

export function KeySetupScreen({ reason, onSaved }: KeySetupScreenProps) {
  const { t } = useTranslation();
  const { t: settingsT } = useTranslation('settings');
  const reasonText = reason ? keyReasonWords(reason, settingsT) : undefined;
  // Loading the settings applies their language: a chosen one holds here too (a removed key).
  useSettings();
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
        <h1 id={FOCUS_TARGETS.keyScreenHeading}>{t('setup.heading')}</h1>
        <p>
          <Trans t={t} i18nKey="setup.intro" components={{ 1: <strong />, 3: <strong /> }} />
        </p>
        <ol className="setup-steps">
          <li>{t('setup.step1')}</li>
          <li>{t('setup.step2')}</li>
          <li>{t('setup.step3')}</li>
        </ol>
        <p>
          <button type="button" className="btn" onClick={openDashboard}>
            {t('setup.openDashboard')}
          </button>
        </p>
        <hr className="divider" />
        {reasonText ? (
          <Banner tone="info" role="note">
            {reasonText}
          </Banner>
        ) : null}
        <KeyForm onSaved={onSaved} />
      </div>
    </main>
  );
}
