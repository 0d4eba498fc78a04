/** One process at a time per data folder: two would submit the same jobs twice. */

import lockfile from 'proper-lockfile';
import { join } from 'node:path';
import { DiaristError } from '../errors';
import { ensurePrivateDir } from './files';

export type ReleaseLock = () => Promise<void>;

/**
 * Takes the folder's lock or fails with a plain message. The lock is refreshed while held and
 * counts as abandoned when a crashed process stopped refreshing it.
 */
export async function lockDataDir(
  dataDir: string,
  onLost?: (error: Error) => void,
): Promise<ReleaseLock> {
  await ensurePrivateDir(dataDir);
  try {
    const release = await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'diarist.lock'),
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      onCompromised: (error) => onLost?.(error),
    });
    return async () => {
      await release().catch(() => undefined);
    };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ELOCKED') {
      throw new DiaristError(
        'already-running',
        'Diarist is already working with this data folder (another window or command). Close it first, or use a different data folder.',
        {
          detail: `lock held on ${dataDir}`,
        },
      );
    }
    throw error;
  }
}
