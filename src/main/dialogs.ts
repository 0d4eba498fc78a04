/**
 * The real file dialogs, attached to the main window so they open as sheets on macOS, opening
 * where the person last ended (recordings and exports each remember their own folder).
 */

import { dirname } from 'node:path';

import type {
  BrowserWindow,
  Dialog,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import type { Dialogs } from '../core/app/ports';
import type { Words } from '../core/app/words';
import type { DialogFolders, DialogPlace } from './dialog-folders';
import {
  exportDialogOptions,
  exportFolderDialogOptions,
  folderDialogOptions,
  recordingsDialogOptions,
} from './dialog-options';

/** The native dialogs, already attached to a window (or not, when there is none). */
export interface NativeDialogs {
  showOpen(
    options: OpenDialogOptions,
  ): Promise<Pick<OpenDialogReturnValue, 'canceled' | 'filePaths'>>;
  showSave(
    options: SaveDialogOptions,
  ): Promise<Pick<SaveDialogReturnValue, 'canceled' | 'filePath'>>;
}

/** Electron's dialog module, attached to the window `getWindow` answers at each call. */
export function attachedDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  getWindow: () => BrowserWindow | undefined,
): NativeDialogs {
  return {
    showOpen(options) {
      const window = getWindow();
      return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
    },
    showSave(options) {
      const window = getWindow();
      return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
    },
  };
}

export interface DialogsOptions {
  native: NativeDialogs;
  /** Used when the person has not chosen an export folder yet. */
  documentsDir: string;
  /** Where the dialogs last ended, kept between runs. */
  folders: DialogFolders;
  platform: NodeJS.Platform;
  /** The words in the person's language, asked for at each dialog (it may have changed). */
  words: () => Words;
}

export function createElectronDialogs(options: DialogsOptions): Dialogs {
  const { native, documentsDir, folders, platform, words } = options;
  // A failed write only means the next dialog opens where the system chooses; the pick stands.
  const remember = (place: DialogPlace, folder: string | undefined) =>
    folder ? folders.remember(place, folder).catch(() => undefined) : undefined;
  return {
    async pickRecordings() {
      const result = await native.showOpen(
        recordingsDialogOptions(words(), platform, folders.get('recordings')),
      );
      if (result.canceled) return [];
      const first = result.filePaths[0];
      await remember('recordings', first && dirname(first));
      return result.filePaths;
    },
    async pickFolder() {
      const result = await native.showOpen(folderDialogOptions(words(), folders.get('recordings')));
      const picked = result.canceled ? undefined : result.filePaths[0];
      // Its parent: the next dialog shows the picked folder among its siblings.
      await remember('recordings', picked && dirname(picked));
      return picked;
    },
    async pickExportPath(defaultName, defaultFolder) {
      const result = await native.showSave(
        exportDialogOptions(
          words(),
          defaultName,
          defaultFolder,
          documentsDir,
          folders.get('exports'),
        ),
      );
      if (result.canceled || !result.filePath) return undefined;
      await remember('exports', dirname(result.filePath));
      return result.filePath;
    },
    async pickExportFolder(current) {
      const result = await native.showOpen(
        exportFolderDialogOptions(words(), current || folders.get('exports') || documentsDir),
      );
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
