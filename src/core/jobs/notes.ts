/**
 * A job's notes, in English (the command line's and the log's words) and by key with their
 * values (the page's words, src/renderer/job-status-words.ts). Every note the engine writes is
 * made here, and every place that clears a note clears all of it (NO_NOTE).
 */

import { AUTO_EXPORT_NO_FOLDER_NOTE, autoExportNote } from '../../shared/auto-export-notes';
import type { ErrorInfo, ErrorParams } from '../../shared/errors';
import type { JobRecord } from '../../shared/jobs';
import type { NoteKey, ReasonInfo } from '../../shared/note-keys';

const text = (value: string | number | undefined) => String(value ?? '');

/** The English of each note from its values; the `jobs` catalogue's English must say the same. */
export const NOTE_ENGLISH: Record<NoteKey, (params: ErrorParams) => string> = {
  'notes.canceledAtService': () =>
    'pyannoteAI cannot stop a job once it has it: it finishes there (and may be billed), but Diarist no longer follows it.',
  'notes.canceledByService': () => 'pyannoteAI canceled this job. Retry to run it again.',
  'notes.sameAsDone': (p) =>
    `Same recording as “${text(p.name)}”, which is already done with these options; its result is used.`,
  'notes.sameAsListed': (p) =>
    `Same recording as “${text(p.name)}” (already in the list); sent once.`,
  'notes.retryingConnection': (p) =>
    `Connection problem; retrying the upload (attempt ${text(p.attempt)})…`,
  'notes.retryingStorage': (p) =>
    `Problem with pyannoteAI’s storage service; retrying the upload (attempt ${text(p.attempt)})…`,
  'notes.uploadRetried': (p) => `Upload will be retried: ${text(p.message)}`,
  'notes.resultNotSaved': (p) =>
    `pyannoteAI finished this job, but Diarist could not save the result yet. ${text(p.message)}`,
  'notes.autoSaved': (p) => autoExportNote([text(p.files)], text(p.folder)),
  'notes.autoSaveNoFolder': () => AUTO_EXPORT_NO_FOLDER_NOTE,
  'notes.autoSaveFailed': (p) => `Not saved automatically: ${text(p.message)}`,
};

export type NoteFields = Pick<JobRecord, 'note' | 'noteKey' | 'noteParams' | 'noteReason'>;

/** Clears a note: its words, its key and its values together. */
export const NO_NOTE: NoteFields = {
  note: undefined,
  noteKey: undefined,
  noteParams: undefined,
  noteReason: undefined,
};

/**
 * A note's fields. With `reason` (an error), its English is the note's `message` value and its
 * key lets the page say it in its own words too.
 */
export function jobNote(
  key: NoteKey,
  params: ErrorParams = {},
  reason?: Pick<ErrorInfo, 'message' | 'key' | 'params'>,
): NoteFields {
  const values = reason ? { ...params, message: reason.message } : params;
  const said: ReasonInfo | undefined = reason
    ? {
        message: reason.message,
        ...(reason.key ? { key: reason.key } : {}),
        ...(reason.params ? { params: reason.params } : {}),
      }
    : undefined;
  return {
    note: NOTE_ENGLISH[key](values),
    noteKey: key,
    noteParams: Object.keys(values).length > 0 ? values : undefined,
    noteReason: said,
  };
}
