/**
 * What the native file dialogs show: recordings by extension, a folder, or where to save an
 * export. Titles, buttons and filter names are in the language of `t` (appWords), asked for at
 * each dialog, so a change of language applies to the next one.
 */

import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { extname, join } from 'node:path';
import { AUDIO_EXTENSIONS, VIDEO_EXTENSIONS } from '../core/media/media-names';
import type { Words } from '../core/app/words';

/** GTK matches filter patterns case-sensitively, so "CALL.WAV" would be hidden on Linux. */
function withUpperCase(extensions: readonly string[], platform: NodeJS.Platform): string[] {
  return platform === 'linux'
    ? extensions.flatMap((ext) => [ext, ext.toUpperCase()])
    : [...extensions];
}

/** @param defaultPath the folder to open in (where the last pick ended); the system's choice when absent. */
export function recordingsDialogOptions(
  t: Words,
  platform: NodeJS.Platform,
  defaultPath?: string,
): OpenDialogOptions {
  return {
    ...(defaultPath ? { defaultPath } : {}),
    title: t('dialogs.recordings.title'),
    buttonLabel: t('dialogs.recordings.button'),
    properties: ['openFile', 'multiSelections'],
    filters: [
      {
        name: t('dialogs.recordings.audioAndVideo'),
        extensions: withUpperCase([...AUDIO_EXTENSIONS, ...VIDEO_EXTENSIONS], platform),
      },
      {
        name: t('dialogs.recordings.audio'),
        extensions: withUpperCase(AUDIO_EXTENSIONS, platform),
      },
      {
        name: t('dialogs.recordings.video'),
        extensions: withUpperCase(VIDEO_EXTENSIONS, platform),
      },
      // A recording with an unusual name can still be picked; the pre-flight check decides.
      { name: t('dialogs.recordings.allFiles'), extensions: ['*'] },
    ],
  };
}

export function folderDialogOptions(t: Words, defaultPath?: string): OpenDialogOptions {
  return {
    ...(defaultPath ? { defaultPath } : {}),
    title: t('dialogs.folder.title'),
    buttonLabel: t('dialogs.folder.button'),
    properties: ['openDirectory'],
  };
}

/** The export folder of Settings: any folder, a new one if the person wants. */
export function exportFolderDialogOptions(t: Words, defaultPath: string): OpenDialogOptions {
  return {
    ...(defaultPath ? { defaultPath } : {}),
    title: t('dialogs.exportFolder.title'),
    buttonLabel: t('dialogs.exportFolder.button'),
    properties: ['openDirectory', 'createDirectory'],
  };
}

/**
 * @param exportFolder the folder chosen in settings; it wins when set.
 * @param lastFolder where the last export was saved, else `documentsDir`.
 */
export function exportDialogOptions(
  t: Words,
  defaultName: string,
  exportFolder: string,
  documentsDir: string,
  lastFolder?: string,
): SaveDialogOptions {
  const extension = extname(defaultName).slice(1);
  return {
    title: t('dialogs.export.title'),
    defaultPath: join(exportFolder || lastFolder || documentsDir, defaultName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
    filters: extension
      ? [
          {
            name: t('dialogs.export.fileType', { format: extension.toUpperCase() }),
            extensions: [extension],
          },
          { name: t('dialogs.export.allFiles'), extensions: ['*'] },
        ]
      : [],
  };
}
