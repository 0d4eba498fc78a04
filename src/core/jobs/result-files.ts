/** Saved results on disk: one file per job under results/, written atomically. */

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SavedResult } from '../../shared/result';
import { ensurePrivateDir, readTextIfExists, writePrivateFileAtomic } from '../storage/files';

export const RESULTS_DIR = 'results';

export function resultFileFor(jobId: string): string {
  return join(RESULTS_DIR, `${jobId}.json`);
}

export async function writeResult(dataDir: string, result: SavedResult): Promise<string> {
  const relative = resultFileFor(result.jobId);
  await ensurePrivateDir(join(dataDir, RESULTS_DIR));
  await writePrivateFileAtomic(join(dataDir, relative), JSON.stringify(result));
  return relative;
}

/** The saved result, or undefined when there is none (or it is unreadable, so it is fetched again). */
export async function readResult(dataDir: string, jobId: string): Promise<SavedResult | undefined> {
  const text = await readTextIfExists(join(dataDir, resultFileFor(jobId)));
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as SavedResult;
    return parsed.formatVersion === 1 && parsed.jobId === jobId && Array.isArray(parsed.segments)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

export async function deleteResult(dataDir: string, jobId: string): Promise<void> {
  await rm(join(dataDir, resultFileFor(jobId)), { force: true });
}
