/**
 * What every preparation shares: the free-space check before writing, the partial file that only
 * becomes the prepared file once complete and on disk, cancelation, errors in plain words, and
 * progress at a pace a window can show.
 */
import { open, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { DiaristError } from '../../errors';
import { formatBytes } from '../human-units';

/**
 * Room needed for a prepared file: its estimate (a guess) with a tenth more, and 64 MiB kept free
 * beyond it, since the disk is not Diarist's alone. The one rule for the engine and the command.
 */
export function spaceNeeded(estimatedBytes: number): number {
  return Math.ceil(Math.max(0, estimatedBytes) * 1.1) + 64 * 1024 ** 2;
}

/** Free bytes for this user on the volume holding `dir`. */
export async function statfsFree(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

export function partialPathOf(destPath: string): string {
  return `${destPath}.partial`;
}

export function abortError(): DOMException {
  return new DOMException('Preparing the recording was canceled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** The values of the messages below that have any, for the page's words (see shared/error-keys). */
export const prepareParams = {
  diskFull: (neededBytes: number, freeBytes: number) => ({
    neededBytes,
    freeBytes,
    toFreeBytes: Math.max(neededBytes - freeBytes, 1024 * 1024),
  }),
};

export const prepareMessages = {
  diskFull: (needed: number, free: number): string =>
    `The disk holding Diarist’s data is full: preparing this recording needs about ` +
    `${formatBytes(needed)} and only ${formatBytes(free)} is free. Free at least ` +
    `${formatBytes(prepareParams.diskFull(needed, free).toFreeBytes)} (for example by emptying the Trash or ` +
    'deleting files you no longer need) and try again.',
  diskFullWhileWriting: (): string =>
    'The disk holding Diarist’s data became full while the recording was being prepared. Free ' +
    'some space (for example by emptying the Trash) and try again.',
  cannotWrite: (): string =>
    'Diarist could not write the prepared recording into its data folder. Check that the data ' +
    'folder exists and that you may write to it, then try again.',
  unreadable: (): string =>
    'Diarist could not read the sound in this recording: the file looks damaged or incomplete. ' +
    'Check that it plays, or copy it again from where it was recorded, and add it again.',
  unsupportedSound: (): string =>
    'Diarist can’t take the sound out of this recording, because of the format its sound is ' +
    'stored in. Convert it to WAV or MP3 first (for example with Audacity or VLC) and add the ' +
    'converted copy.',
  noSound: (): string =>
    'This video has no sound track, so there is no speech to analyse. Check that the microphone ' +
    'was on when it was recorded, or add the file that has the meeting’s sound.',
  missing: (): string =>
    'The recording is no longer where it was added. Put it back (or add it again from its new ' +
    'place) and try again.',
};

/**
 * Refuses to start when the disk holding `dir` cannot take a prepared file of about
 * `estimatedBytes` (see spaceNeeded). `freeBytes` is statfs; tests give a full disk.
 */
export async function checkFreeSpace(
  dir: string,
  estimatedBytes: number,
  freeBytes: (dir: string) => Promise<number> = statfsFree,
): Promise<void> {
  let free: number;
  try {
    free = await freeBytes(dir);
  } catch {
    // No figure (an unusual file system): the write itself reports a full disk.
    return;
  }
  const needed = spaceNeeded(estimatedBytes);
  if (free < needed) {
    throw new DiaristError('disk-full', prepareMessages.diskFull(needed, free), {
      key: 'prepare.diskFull',
      params: prepareParams.diskFull(needed, free),
      detail: `prepare needs ${needed} bytes, ${free} free`,
      // Not by itself: the person frees space and chooses Retry (the message says so).
      retryable: false,
    });
  }
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A failure writing the prepared file, in plain words. */
export function writeFailure(path: string, error: unknown): DiaristError {
  const code = errnoOf(error) ?? 'error';
  const detail = `${code} writing ${basename(path)}`;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DiaristError('disk-full', prepareMessages.diskFullWhileWriting(), {
      key: 'prepare.diskFullWhileWriting',
      detail,
      retryable: true,
    });
  }
  return new DiaristError('write-failed', prepareMessages.cannotWrite(), {
    key: 'prepare.cannotWrite',
    detail,
    retryable: true,
  });
}

/** A source that cannot be read as media, or is gone. */
export function readFailure(error: unknown): DiaristError {
  if (error instanceof DiaristError) return error;
  const code = errnoOf(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DiaristError('source-missing', prepareMessages.missing(), {
      key: 'prepare.missing',
      detail: `${code} reading the recording`,
    });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DiaristError('source-unreadable', prepareMessages.unreadable(), {
    key: 'prepare.unreadable',
    detail: detail.slice(0, 300),
  });
}

/**
 * Writes every byte at `position`: a write may take only part of them (a disk nearly full), and
 * the next one then reports the full disk instead of a short file being kept.
 */
export async function writeAll(
  handle: FileHandle,
  bytes: Uint8Array,
  position: number,
): Promise<void> {
  for (let done = 0; done < bytes.byteLength;) {
    const { bytesWritten } = await handle.write(
      bytes,
      done,
      bytes.byteLength - done,
      position + done,
    );
    if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** Fsyncs and closes the partial file, then gives it its final name. */
export async function commitPartial(partial: string, destPath: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(partial, 'r+');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(partial, destPath);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw writeFailure(destPath, error);
  }
}

export async function removePartial(partial: string): Promise<void> {
  await rm(partial, { force: true }).catch(() => undefined);
}

/** At most one call per `intervalMs`, always the first and the last (1). Values never go back. */
export function throttleProgress(
  onProgress: ((fraction: number) => void) | undefined,
  intervalMs = 100,
): (fraction: number, final?: boolean) => void {
  let last = -Infinity;
  let shown = -1;
  return (fraction: number, final = false) => {
    if (!onProgress) return;
    const value = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    const now = Date.now();
    if (!final && now - last < intervalMs) return;
    if (value <= shown) return;
    last = now;
    shown = value;
    try {
      onProgress(value);
    } catch {
      // A failing listener must not fail the preparation.
    }
  };
}
