/** Messages above the list: a key kept only for this session, the engine's state, and notices. */

import type { EngineStatusView, KeyStatus } from '../../shared/ipc-contract';
import { api, unwrap } from '../api';
import type { Notice } from '../hooks/use-app-events';
import { AlertIcon, InfoIcon } from './icons';

interface BannersProps {
  keyStatus: KeyStatus;
  status: EngineStatusView;
  notices: readonly Notice[];
  onDismiss(id: number): void;
  onChangeKey(): void;
}

export function Banners({ keyStatus, status, notices, onDismiss, onChangeKey }: BannersProps) {
  const blocked = status.blocked;
  const keyProblem = blocked?.code === 'unauthorized' || blocked?.code === 'missing-key';
  const openBilling = () => {
    void unwrap(() => api()['links:open']({ target: 'billing' })).catch(() => undefined);
  };

  return (
    <div className="banners">
      {blocked ? (
        <div className="banner banner-error" role="alert">
          <AlertIcon />
          <div className="banner-text">
            <p className="banner-title">Uploads and processing are paused</p>
            <p>{blocked.message}</p>
          </div>
          {keyProblem ? (
            <button type="button" className="btn btn-small" onClick={onChangeKey}>
              Change key
            </button>
          ) : null}
          {blocked.code === 'payment-required' ? (
            <button type="button" className="btn btn-small" onClick={openBilling}>
              Open billing
            </button>
          ) : null}
        </div>
      ) : null}
      {(status.offline || (status.waits?.length ?? 0) > 0) && !blocked ? (
        <div className="banner banner-warning" role="status">
          <AlertIcon />
          <div className="banner-text">
            {status.offline ? (
              <p>
                Cannot reach pyannoteAI; Diarist keeps trying. Check the internet connection if this
                lasts.
              </p>
            ) : null}
            {status.waits?.map((wait) => (
              <p key={wait.kind}>{wait.message}</p>
            ))}
          </div>
        </div>
      ) : null}
      {keyStatus.state === 'session-only' ? (
        <div className="banner banner-info" role="note">
          <InfoIcon />
          <div className="banner-text">
            <p>
              Your key is kept only until Diarist closes
              {keyStatus.reason ? `: ${keyStatus.reason}` : '.'}
            </p>
          </div>
        </div>
      ) : null}
      <div role="status" className="notices">
        {notices.map((notice) => (
          <div
            key={notice.id}
            className={`banner banner-${notice.tone === 'error' ? 'error' : 'info'}`}
          >
            {notice.tone === 'error' ? <AlertIcon /> : <InfoIcon />}
            <div className="banner-text">
              <p>{notice.message}</p>
            </div>
            <button
              type="button"
              className="icon-btn"
              aria-label="Dismiss message"
              title="Dismiss"
              onClick={() => onDismiss(notice.id)}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
