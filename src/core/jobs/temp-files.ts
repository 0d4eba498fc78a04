/**
 * Removes the temporary files a crash leaves behind. Every data file is written to
 * "<name>.<number>" first and then renamed (write-file-atomic); a process killed in between leaves
 * that half-written temporary file for ever. At start, with the folder's lock held (so no other
 * process is writing), such files are removed: only names that match our own temporary names,
 * only regular files inside our data folder and its results folder, only ones older than the lock.
 */

import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RESULTS_DIR } from './result-files';
import { STORE_FILE } from './store';

/** write-file-atomic's suffix: a dot and a 32-bit number. */
const SUFFIX = String.raw`\.\d{1,10}`;
const escape = (name: string) => name.replace(/[.]/g, '\\.');

const PATTERNS: { dir: string; name: RegExp }[] = [
  {
    dir: '',
    name: new RegExp(`^(?:${escape(STORE_FILE)}|diarist\\.lock\\.owner\\.json)${SUFFIX}$`),
  },
  {
    dir: RESULTS_DIR,
    name: new RegExp(
      `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.json${SUFFIX}$`,
    ),
  },
];

/** Removes stray temporary files last changed before `olderThanMs`; returns their relative paths. */
export async function removeStrayTempFiles(
  dataDir: string,
  olderThanMs: number,
): Promise<string[]> {
  const removed: string[] = [];
  for (const { dir, name } of PATTERNS) {
    const folder = join(dataDir, dir);
    let entries: string[];
    try {
      entries = await readdir(folder);
    } catch {
      continue; // no results folder yet, or unreadable: nothing of ours to clean
    }
    for (const entry of entries) {
      if (!name.test(entry)) continue;
      const path = join(folder, entry);
      try {
        const info = await lstat(path);
        if (!info.isFile() || info.mtimeMs >= olderThanMs) continue;
        await rm(path, { force: true });
        removed.push(dir ? `${dir}/${entry}` : entry);
      } catch {
        // Gone already, or not ours to remove: leave it.
      }
    }
  }
  return removed;
}
