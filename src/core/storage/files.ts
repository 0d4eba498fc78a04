/** Writes and reads the app's own data files: atomically, readable only by the person. */

import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
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
export async function writePrivateFileAtomic(path: string, data: string | Buffer): Promise<void> {
  try {
    await writeFileAtomic(path, data, { mode: 0o600, fsync: true });
  } catch (error) {
    throw writeError(path, error);
  }
}

/**
 * Writes a file the person asked for (an export) where they chose, atomically. Its mode is the
 * usual one for their files unless `mode` says (they may mean to share it). A failure is a DiaristError
 * in plain words that says what to do, never the raw error or the full path.
 */
export async function writeChosenFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  try {
    // write-file-atomic takes a Buffer, not any Uint8Array (DOCX bytes): the same memory, no copy.
    const bytes =
      typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await writeFileAtomic(path, bytes, { fsync: true, ...options });
  } catch (error) {
    throw chosenFileError(path, error);
  }
}

/** Creates a folder the person named (e.g. the command's --out), with the same plain words. */
export async function ensureChosenDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw chosenFileError(path, error);
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

function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'error';
}

/** Support detail for a failed write: the error code and the file's name, not where it lives. */
function writeDetail(code: string, path: string): string {
  return `${code} writing ${basename(path)}`;
}

/**
 * The system's code ("EROFS", "EACCES") of a failed write made by this module, from its detail;
 * undefined for any other error. Main's start-failure box says why the data folder is unusable.
 */
export function failedWriteCode(error: DiaristError): string | undefined {
  return /^(E[A-Z0-9]+) writing /.exec(error.detail ?? '')?.[1];
}

/** A failed write of the person's chosen file, in words that say what to do next. */
export function chosenFileError(path: string, error: unknown): DiaristError {
  const code = errnoOf(error);
  const name = basename(dirname(path));
  const folder = name || 'the folder you chose';
  // An empty name is "the folder you chose" in the page's words too.
  const params = { folder: name };
  const detail = writeDetail(code, path);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DiaristError(
      'disk-full',
      'The disk you chose is full, so the file was not saved. Free some space on it, or choose another place, and save again.',
      { detail, retryable: true, key: 'save.diskFull' },
    );
  }
  if (code === 'EROFS') {
    return new DiaristError(
      'write-failed',
      `Nothing can be saved in “${folder}”: that place is read-only. Choose another folder, such as Documents, and save again.`,
      { detail, retryable: true, key: 'save.readOnly', params },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new DiaristError(
      'write-failed',
      `You may not save files in “${folder}”. Choose another folder, such as Documents, and save again.`,
      { detail, retryable: true, key: 'save.notAllowed', params },
    );
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DiaristError(
      'write-failed',
      `The folder “${folder}” is not there any more. Choose another folder and save again.`,
      { detail, retryable: true, key: 'save.folderGone', params },
    );
  }
  return new DiaristError(
    'write-failed',
    'The file could not be saved there. Choose another folder, such as Documents, and save again.',
    { detail, retryable: true, key: 'save.failed' },
  );
}

export function writeError(path: string, error: unknown): DiaristError {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DiaristError(
      'disk-full',
      'The disk is full, so Diarist cannot save its work. Free some space; Diarist keeps everything in memory and will save again.',
      {
        detail: writeDetail(String(code), path),
        retryable: true,
        key: 'save.dataDiskFull',
      },
    );
  }
  return new DiaristError(
    'write-failed',
    'Diarist could not save its data. Check that the data folder exists and that you may write to it.',
    {
      detail: writeDetail(errnoOf(error), path),
      retryable: true,
      key: 'save.dataFailed',
    },
  );
}
