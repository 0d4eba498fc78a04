/** Errors about the person's own recording on disk: gone, unreadable, or changed since it was checked. */

import { DiaristError, isDiaristError } from '../errors';

export interface ExpectedSource {
  sizeBytes: number;
  mtimeMs: number;
}

export function sourceError(error: unknown): DiaristError {
  if (isDiaristError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DiaristError(
      'source-missing',
      'The recording is no longer where it was added (moved, renamed or deleted). Add it again from its new place.',
      { detail: String(code), key: 'source.missing' },
    );
  }
  return new DiaristError(
    'source-unreadable',
    'Diarist cannot read the recording. Check that the file is not open in another program and that you have access to it.',
    { detail: typeof code === 'string' ? code : 'open failed', key: 'source.unreadable' },
  );
}

/** Throws when the file on disk is not the one the pre-flight check saw. */
export function assertUnchanged(
  actual: { size: number; mtimeMs: number },
  expected: ExpectedSource,
): void {
  if (actual.size !== expected.sizeBytes || Math.abs(actual.mtimeMs - expected.mtimeMs) > 1) {
    throw new DiaristError(
      'source-changed',
      'The recording changed on disk after it was added. Add it again so Diarist checks the new version.',
      { detail: `size ${expected.sizeBytes} → ${actual.size}`, key: 'source.changed' },
    );
  }
}
