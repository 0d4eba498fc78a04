/** Messages above the list: a key kept only for this session, the engine's state, and notices. */

import { useTranslation } from 'react-i18next';
import type { EngineStatusView, KeyStatus } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import type { Notice } from '../hooks/use-app-events';
import { useErrorWords } from '../error-words';
import { keyReasonWords } from '../key-words';
import { Banner } from './Banner';

interface BannersProps {
  keyStatus: KeyStatus;
  status: EngineStatusView;
  notices: readonly Notice[];
  onDismiss(id: number): void;
  onChangeKey(): void;
}

export function Banners({ keyStatus, status, notices, onDismiss, onChangeKey }: BannersProps) {
  const { t } = useTranslation('jobs');
  const errorWords = useErrorWords();
  const { t: settingsT } = useTranslation('settings');
  const keyReason = keyReasonWords(keyStatus, settingsT);
  const blocked = status.blocked;
  const keyProblem = blocked?.code === 'unauthorized' || blocked?.code === 'missing-key';
  const openBilling = () => {
    void unwrap(() => api()['links:open']({ target: 'billing' })).catch(() => undefined);
  };

  return (
    <div className="banners">
      {blocked ? (
        <Banner
          tone="error"
          role="alert"
          title={t('banners.paused')}
          actions={
            <>
              {keyProblem ? (
                <button type="button" className="btn btn-small" onClick={onChangeKey}>
                  {t('banners.changeKey')}
                </button>
              ) : null}
              {blocked.code === 'payment-required' ? (
                <button type="button" className="btn btn-small" onClick={openBilling}>
                  {t('banners.openBilling')}
                </button>
              ) : null}
            </>
          }
        >
          {errorWords.error(blocked)}
        </Banner>
      ) : null}
      {(status.offline || (status.waits?.length ?? 0) > 0) && !blocked ? (
        <Banner tone="warning" role="status">
          {status.offline ? <p>{t('banners.offline')}</p> : null}
          {status.waits?.map((wait) => (
            <p key={wait.kind}>{errorWords.wait(wait)}</p>
          ))}
        </Banner>
      ) : null}
      {keyStatus.state === 'session-only' ? (
        <Banner tone="info" role="note">
          {keyReason
            ? t('banners.sessionKeyReason', { reason: keyReason })
            : t('banners.sessionKey')}
        </Banner>
      ) : null}
      <div role="status" className="notices">
        {notices.map((notice) => (
          <Banner
            key={notice.id}
            tone={notice.tone === 'error' ? 'error' : 'info'}
            onDismiss={() => onDismiss(notice.id)}
          >
            {notice.words ? notice.words(t, errorWords) : notice.message}
          </Banner>
        ))}
      </div>
    </div>
  );
}
