/** One process at a time per data folder: two would submit the same jobs twice. */

import lockfile from 'proper-lockfile';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { DiaristError } from '../errors';
import { ensurePrivateDir, readTextIfExists, writeError, writePrivateFileAtomic } from './files';

export type ReleaseLock = () => Promise<void>;

const LOCK_NAME = 'diarist.lock';
const OWNER_FILE = 'diarist.lock.owner.json';

interface LockOwner {
  pid: number;
  host: string;
}

/**
 * Takes the folder's lock or fails with a plain message. The lock is refreshed while held; one
 * left by a crashed process on this computer is taken over at once (its process is gone), and
 * one from elsewhere counts as abandoned when it has not been refreshed for a while.
 */
export async function lockDataDir(
  dataDir: string,
  onLost?: (error: Error) => void,
): Promise<ReleaseLock> {
  await ensurePrivateDir(dataDir);
  const lockfilePath = join(dataDir, LOCK_NAME);
  const take = () =>
    lockfile.lock(dataDir, {
      lockfilePath,
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised: (error) => onLost?.(error),
    });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    // Anything but "held by someone" is the folder refusing writes (permissions, full disk).
    if ((error as { code?: unknown }).code !== 'ELOCKED') throw writeError(lockfilePath, error);
    if (!(await ownerIsGone(dataDir))) throw alreadyRunning(dataDir);
    await rm(lockfilePath, { recursive: true, force: true });
    try {
      release = await take();
    } catch {
      throw alreadyRunning(dataDir);
    }
  }
  const owner: LockOwner = { pid: process.pid, host: hostname() };
  await writePrivateFileAtomic(join(dataDir, OWNER_FILE), JSON.stringify(owner));
  return async () => {
    await rm(join(dataDir, OWNER_FILE), { force: true }).catch(() => undefined);
    await release().catch(() => undefined);
  };
}

/** True when the lock's owner ran on this computer and that process no longer exists. */
async function ownerIsGone(dataDir: string): Promise<boolean> {
  try {
    const owner = JSON.parse(
      (await readTextIfExists(join(dataDir, OWNER_FILE))) ?? 'null',
    ) as LockOwner | null;
    if (!owner || owner.host !== hostname() || !Number.isInteger(owner.pid)) return false;
    if (owner.pid === process.pid) return false;
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: unknown }).code === 'ESRCH';
  }
}

function alreadyRunning(dataDir: string): DiaristError {
  return new DiaristError(
    'already-running',
    'Diarist is already working with this data folder (another window or command). Close it first, or use a different data folder.',
    { detail: `lock held on ${dataDir}`, key: 'save.alreadyRunning' },
  );
}
