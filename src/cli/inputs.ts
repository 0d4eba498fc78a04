/** Expands the command's arguments into recordings: files as given, folders searched for media files. */

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isLikelyMediaName } from '../main/media/preflight';

/**
 * A file is kept even when its name does not look like media: the pre-flight check then tells
 * the person why it cannot be sent. A missing path is kept too, for the same reason.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await mediaFilesIn(input)));
    else files.push(input);
  }
  return [...new Set(files)];
}

async function mediaFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isLikelyMediaName(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
