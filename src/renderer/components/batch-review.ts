/** Words for what Start found before sending: copies merged, recordings already done. */

import type { BatchCheck, PickedFile } from '../../shared/ipc-contract';
import { formatCount } from '../format';

/** "2 files were the same recording; each will be sent once." */
export function mergedMessage(check: BatchCheck): string | undefined {
  if (check.sameContent.length === 0) return undefined;
  const originals = new Set(check.sameContent.map((entry) => entry.sameAs)).size;
  const files = formatCount(check.sameContent.length + originals);
  return originals === 1
    ? `${files} files were the same recording; each will be sent once. Choose Start to send.`
    : `${files} files were copies of ${formatCount(originals)} recordings; each will be sent once. Choose Start to send.`;
}

/** "3 files were already in the list; each is listed once." */
export function alreadyListedMessage(repeats: number): string | undefined {
  if (repeats === 0) return undefined;
  return repeats === 1
    ? '1 file was already in the list; it is listed once.'
    : `${formatCount(repeats)} files were already in the list; each is listed once.`;
}

/** The question for recordings that already have a result with these options. */
export function doneQuestion(done: readonly PickedFile[]): string {
  const [only] = done;
  if (only && done.length === 1)
    return `“${only.name}” was already done with these options. Open the result, or run it again?`;
  const names = done.slice(0, 3).map((file) => `“${file.name}”`);
  const more = done.length > 3 ? ` and ${formatCount(done.length - 3)} more` : '';
  return `${formatCount(done.length)} recordings were already done with these options (${names.join(', ')}${more}). Open the result, or run them again?`;
}
