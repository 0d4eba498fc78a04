/** One message strip (error, warning, success or information), with its icon, words and buttons. */

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

export type BannerTone = 'info' | 'success' | 'warning' | 'error';

interface BannerProps {
  tone: BannerTone;
  /** How a screen reader treats it: "alert" interrupts, "status" waits, "note" is read in place. */
  role?: 'alert' | 'status' | 'note';
  /** A short bold first line ("Uploads and processing are paused"). */
  title?: string;
  /** The message: plain text becomes a paragraph; several paragraphs can be passed as elements. */
  children: ReactNode;
  /** Buttons shown on the right ("Change key", "Open billing"). */
  actions?: ReactNode;
  /** Shows a ✕ that removes the message. */
  onDismiss?: () => void;
}

export function Banner({ tone, role, title, children, actions, onDismiss }: BannerProps) {
  const { t } = useTranslation('jobs');
  return (
    <div className={`banner banner-${tone}`} role={role}>
      {tone === 'success' ? <CheckIcon /> : tone === 'info' ? <InfoIcon /> : <AlertIcon />}
      <div className="banner-text">
        {title ? <p className="banner-title">{title}</p> : null}
        {typeof children === 'string' ? <p>{children}</p> : children}
      </div>
      {actions}
      {onDismiss ? (
        <button
          type="button"
          className="icon-btn"
          aria-label={t('banners.dismissLabel')}
          title={t('banners.dismiss')}
          onClick={onDismiss}
        >
          <span aria-hidden="true">✕</span>
        </button>
      ) : null}
    </div>
  );
}
