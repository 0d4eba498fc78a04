/** How the settings name the key that is set, without ever showing more of it than its end. */

import type { KeyStatus } from '../shared/ipc-contract';

/**
 * "Key ending in ‘alid’ saved on this computer." The last characters stand in quotes after
 * "ending in", so they cannot be read as a word of the sentence ("Key set (…alid)" read like a
 * typo for "invalid").
 */
export function describeKey(status: KeyStatus): string {
  const key = status.last4 ? `Key ending in ‘${status.last4}’` : 'Key';
  switch (status.state) {
    case 'missing':
      return 'No key set.';
    case 'session-only':
      return `${key} kept only until Diarist closes.`;
    case 'stored':
      return `${key} saved on this computer.`;
  }
}
