/**
 * Puts text on the system clipboard through Electron's clipboard module, given as an argument so
 * it is tested without Electron. Says whether the text really arrived, so the page never claims
 * "Copied" after a failed write.
 */

/** The part of Electron's clipboard used. */
export interface ClipboardLike {
  /** Answers nothing before Electron 44 and a Promise from 44 on. */
  writeText(text: string): unknown;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** @param onError told why a write failed (for the support log); the answer is then false. */
export async function copyWithClipboard(
  clipboard: ClipboardLike,
  text: string,
  onError: (error: unknown) => void = () => undefined,
): Promise<boolean> {
  try {
    // Feature detection, not a version check: the same code runs on Electron 33 and 45.
    const written = clipboard.writeText(text);
    if (isThenable(written)) await written;
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}
