/** Expands the command's arguments into recordings: files as given, folders searched for media files. */

import { stat } from 'node:fs/promises';
import { expandFolder } from '../core/app/folders';

/**
 * A file is kept even when its name does not look like media: the pre-flight check then tells
 * the person why it cannot be sent. A missing path is kept too, for the same reason.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await expandFolder(input)));
    else files.push(input);
  }
  return [...new Set(files)];
}
