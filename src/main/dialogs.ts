/** The real file dialogs, attached to the main window so they open as sheets on macOS. */

import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { Dialogs } from '../core/app/ports';
import {
  exportDialogOptions,
  folderDialogOptions,
  recordingsDialogOptions,
} from './dialog-options';

export function createElectronDialogs(
  getWindow: () => BrowserWindow | undefined,
  documentsDir: string,
): Dialogs {
  const showOpen = (options: OpenDialogOptions) => {
    const window = getWindow();
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
  };
  return {
    async pickRecordings() {
      const result = await showOpen(recordingsDialogOptions(process.platform));
      return result.canceled ? [] : result.filePaths;
    },
    async pickFolder() {
      const result = await showOpen(folderDialogOptions());
      return result.canceled ? undefined : result.filePaths[0];
    },
    async pickExportPath(defaultName, defaultFolder) {
      const options = exportDialogOptions(defaultName, defaultFolder, documentsDir);
      const window = getWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
  };
}
