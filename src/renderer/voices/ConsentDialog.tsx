/**
 * Asked once, before the first voice is remembered: what a voiceprint is and where it is kept, in
 * one sentence, and a box the person ticks to say the people whose voices they save agreed.
 */

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../components/CheckboxField';
import { Modal } from '../components/Modal';

interface ConsentDialogProps {
  /** The agreement could not be kept, in the page's words. */
  error?: string | undefined;
  busy?: boolean;
  onAgree(): void;
  onClose(): void;
}

export function ConsentDialog({ error, busy = false, onAgree, onClose }: ConsentDialogProps) {
  const { t } = useTranslation('voices');
  const [agreed, setAgreed] = useState(false);
  // Opens on Cancel, as the Remove dialog does: nothing is agreed to by pressing Enter.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Modal
      title={t('consent.title')}
      onClose={onClose}
      className="consent-dialog"
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} ref={cancelRef}>
            {t('consent.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={onAgree}
            disabled={!agreed || busy}
          >
            {t('consent.confirm')}
          </button>
        </>
      }
    >
      <p>{t('consent.what')}</p>
      <CheckboxField
        id="voices-consent-agree"
        label={t('consent.agree')}
        hint={t('consent.agreeHint')}
        checked={agreed}
        onChange={setAgreed}
      />
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
