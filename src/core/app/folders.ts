/** Finds the recordings in a folder (and its subfolders) by name; the pre-flight check decides the rest. */

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isLikelyMediaName } from '../media/preflight';

/** Upper bound so a folder with millions of files cannot stall the app. */
const MAX_FILES = 10_000;

export async function expandFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isLikelyMediaName(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .slice(0, MAX_FILES);
}
