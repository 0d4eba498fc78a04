/** Writes and reads the app's own data files: atomically, readable only by the person. */

import { mkdir, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { DiaristError } from '../errors';

/** Data folders hold recordings' names and results: only the owner may list or read them. */
export async function ensurePrivateDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A full disk or a folder we may not write to: the same plain message as a failed write,
    // rather than the raw ENOSPC/EACCES error (which reached people as "something unexpected").
    throw writeError(path, error);
  }
}

/** Temporary file + fsync + rename, so a crash leaves either the old or the new file, never half. */
export async function writePrivateFileAtomic(path: string, data: string): Promise<void> {
  try {
    await writeFileAtomic(path, data, { mode: 0o600, fsync: true });
  } catch (error) {
    throw writeError(path, error);
  }
}

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function writeError(path: string, error: unknown): DiaristError {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DiaristError(
      'disk-full',
      'The disk is full, so Diarist cannot save its work. Free some space; Diarist keeps everything in memory and will save again.',
      {
        detail: `${String(code)} writing ${path}`,
        retryable: true,
      },
    );
  }
  return new DiaristError(
    'write-failed',
    'Diarist could not save its data. Check that the data folder exists and that you may write to it.',
    {
      detail: `${typeof code === 'string' ? code : 'error'} writing ${path}`,
      retryable: true,
    },
  );
}
