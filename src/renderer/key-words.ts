/** How the settings name the key that is set, without ever showing more of it than its end. */

import type { TFunction } from 'i18next';
import type { KeyStatus } from '../shared/ipc-contract';

/**
 * "Key ending in ‘alid’ saved on this computer." The last characters stand in quotes after
 * "ending in", so they cannot be read as a word of the sentence ("Key set (…alid)" read like a
 * typo for "invalid"). `t` is the settings namespace's, in the page's language.
 */
export function describeKey(status: KeyStatus, t: TFunction<'settings'>): string {
  const last4 = status.last4;
  switch (status.state) {
    case 'missing':
      return t('keyStatus.missing');
    case 'session-only':
      return last4 ? t('keyStatus.sessionOnly', { last4 }) : t('keyStatus.sessionOnlyNoEnd');
    case 'stored':
      return last4 ? t('keyStatus.stored', { last4 }) : t('keyStatus.storedNoEnd');
  }
}

/** Why the key cannot be saved, in the page's language (the English reason where unnamed). */
export function keyReasonWords(
  status: Pick<KeyStatus, 'reason' | 'reasonKey'>,
  t: TFunction<'settings'>,
): string | undefined {
  return status.reasonKey ? t(`keyReasons.${status.reasonKey}`) : status.reason;
}
