/** What the native file dialogs show: recordings by extension, a folder, or where to save an export. */

import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import { AUDIO_EXTENSIONS, VIDEO_EXTENSIONS } from '../core/media/media-names';

/** GTK matches filter patterns case-sensitively, so "CALL.WAV" would be hidden on Linux. */
function withUpperCase(extensions: readonly string[], platform: NodeJS.Platform): string[] {
  return platform === 'linux'
    ? extensions.flatMap((ext) => [ext, ext.toUpperCase()])
    : [...extensions];
}

/** @param defaultPath the folder to open in (where the last pick ended); the system's choice when absent. */
export function recordingsDialogOptions(
  platform: NodeJS.Platform,
  defaultPath?: string,
): OpenDialogOptions {
  return {
    ...(defaultPath ? { defaultPath } : {}),
    title: 'Add recordings',
    buttonLabel: 'Add',
    properties: ['openFile', 'multiSelections'],
    filters: [
      {
        name: 'Audio and video',
        extensions: withUpperCase([...AUDIO_EXTENSIONS, ...VIDEO_EXTENSIONS], platform),
      },
      { name: 'Audio', extensions: withUpperCase(AUDIO_EXTENSIONS, platform) },
      { name: 'Video', extensions: withUpperCase(VIDEO_EXTENSIONS, platform) },
      // A recording with an unusual name can still be picked; the pre-flight check decides.
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

export function folderDialogOptions(defaultPath?: string): OpenDialogOptions {
  return {
    ...(defaultPath ? { defaultPath } : {}),
    title: 'Add a folder of recordings',
    buttonLabel: 'Add folder',
    properties: ['openDirectory'],
  };
}

/**
 * @param exportFolder the folder chosen in settings; it wins when set.
 * @param lastFolder where the last export was saved, else `documentsDir`.
 */
export function exportDialogOptions(
  defaultName: string,
  exportFolder: string,
  documentsDir: string,
  lastFolder?: string,
): SaveDialogOptions {
  const extension = extname(defaultName).slice(1);
  return {
    title: 'Export result',
    defaultPath: join(exportFolder || lastFolder || documentsDir, defaultName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
    filters: extension
      ? [
          { name: `${extension.toUpperCase()} file`, extensions: [extension] },
          { name: 'All files', extensions: ['*'] },
        ]
      : [],
  };
}
