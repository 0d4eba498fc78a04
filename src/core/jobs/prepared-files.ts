/**
 * The cache of prepared recordings (only the sound, made to fit) under the data folder:
 * `prepared/<sha256>-<recipe>.<ext>`, the hash naming the source file as this computer sees it
 * (its path, size and modification time), so two jobs on one recording share one prepared file
 * without reading the whole original to name it. A file is written as `<name>.partial` and renamed
 * when complete, so a name without that suffix is always whole.
 */

import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isFinalState, type JobRecord } from '../../shared/jobs';

export const PREPARED_DIR = 'prepared';

/** What a prepared file is made from: the name is a pure function of it. */
export function preparedFileFor(
  source: Pick<JobRecord['source'], 'path' | 'sizeBytes' | 'mtimeMs'>,
  recipe: string,
): string {
  const key = createHash('sha256')
    .update(`${source.path}\u0000${source.sizeBytes}\u0000${source.mtimeMs}`)
    .digest('hex');
  const slug = recipe.replace(/[^A-Za-z0-9]+/g, '_');
  return join(PREPARED_DIR, `${key}-${slug}${extensionFor(recipe)}`);
}

/** A copied track keeps the container its recipe names ("…>m4a"); converted PCM is WAV. */
function extensionFor(recipe: string): string {
  const match = /[>](m4a|ogg|mp3|flac|wav)$/.exec(recipe);
  return `.${match?.[1] ?? 'wav'}`;
}

/** The prepared files jobs still need: those of jobs not yet final. */
export function preparedFilesInUse(jobs: readonly JobRecord[]): Set<string> {
  const files = new Set<string>();
  for (const job of jobs)
    if (job.prepared && !isFinalState(job.state)) files.add(job.prepared.file);
  return files;
}

/**
 * Removes, at start (with the folder's lock held), every prepared file no job still needs and
 * every `.partial` a crash left; returns the relative paths removed.
 */
export async function removeUnusedPreparedFiles(
  dataDir: string,
  inUse: ReadonlySet<string>,
): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(join(dataDir, PREPARED_DIR));
  } catch {
    return []; // nothing prepared yet
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const relative = join(PREPARED_DIR, entry);
    if (inUse.has(relative)) continue;
    await rm(join(dataDir, relative), { force: true, recursive: false }).then(
      () => removed.push(relative),
      () => undefined, // not ours to remove (a folder someone put there): leave it
    );
  }
  return removed;
}

/** Removes one prepared file once no job that is not final needs it. */
export async function removePreparedIfUnused(
  dataDir: string,
  file: string,
  jobs: readonly JobRecord[],
): Promise<boolean> {
  if (preparedFilesInUse(jobs).has(file)) return false;
  await rm(join(dataDir, file), { force: true }).catch(() => undefined);
  return true;
}
