/**
 * Where the file dialogs last ended, kept between runs in a small file of the data folder, so the
 * next dialog opens there (Electron 43 stopped restoring the last folder by itself). Private to
 * main: not a setting, never sent to the page.
 */

import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { readTextIfExists, writePrivateFileAtomic } from '../core/storage/files';

/** Recordings (picked as files or as a folder) live in one place, exports often in another. */
export type DialogPlace = 'recordings' | 'exports';

export interface DialogFolders {
  /** The folder to open in; undefined before the first pick or once the folder is gone. */
  get(place: DialogPlace): string | undefined;
  remember(place: DialogPlace, folder: string): Promise<void>;
}

const folder = z.string().min(1).max(4096).refine(isAbsolute);
const fileSchema = z.object({ recordings: folder.optional(), exports: folder.optional() });

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A damaged or missing file only means the dialogs open where the system chooses. */
export async function openDialogFolders(file: string): Promise<DialogFolders> {
  const text = await readTextIfExists(file).catch(() => undefined);
  let parsed: unknown;
  try {
    parsed = text === undefined ? {} : JSON.parse(text);
  } catch {
    parsed = {};
  }
  const read = fileSchema.safeParse(parsed);
  const places: Partial<Record<DialogPlace, string>> = read.success ? read.data : {};
  return {
    get(place) {
      const path = places[place];
      return path && isFolder(path) ? path : undefined;
    },
    async remember(place, path) {
      if (!folder.safeParse(path).success || places[place] === path) return;
      places[place] = path;
      await writePrivateFileAtomic(file, JSON.stringify(places));
    },
  };
}
