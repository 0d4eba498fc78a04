/**
 * The notes a job's row shows about its automatic exports, in English as the core writes them
 * (the command line and the log read them so). The core saves them by key beside the English
 * (`notes.autoSaved`, `notes.autoSaveNoFolder`, `notes.autoSaveFailed`: src/core/jobs/notes.ts),
 * so the page says them in its language; notes saved before that are recognised by these words
 * (src/renderer/job-status-words.ts).
 */

export const AUTO_EXPORT_NO_FOLDER_NOTE =
  'Not saved automatically: choose an export folder in Settings.';

/** "Saved as call.docx, call.txt in Minutes". */
export function autoExportNote(fileNames: readonly string[], folderName: string): string {
  return `Saved as ${fileNames.join(', ')} in ${folderName}`;
}
