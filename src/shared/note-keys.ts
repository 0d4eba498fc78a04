/**
 * A job's note and a notice in the window, by key (issue 15), as errors are (error-keys.ts): the
 * core writes the English words (the command line's and the log's) and, beside them, the key in
 * the `jobs` catalogue and its parameters, so the page says them in the person's language. A test
 * builds both from the same parameters, so the English of the two cannot drift apart.
 */

import type { ErrorKey, ErrorParams } from './errors';

/** Why tracking or sending is as it is, told on the job's row (src/core/jobs/notes.ts). */
export const NOTE_KEYS = [
  'notes.canceledAtService',
  'notes.canceledByService',
  'notes.sameAsDone',
  'notes.sameAsListed',
  'notes.retryingConnection',
  'notes.retryingStorage',
  'notes.uploadRetried',
  'notes.resultNotSaved',
  // The automatic exports (src/core/app/services.ts autoExport).
  'notes.autoSaved',
  'notes.autoSaveNoFolder',
  'notes.autoSaveFailed',
] as const;
export type NoteKey = (typeof NOTE_KEYS)[number];

/** What the core and main tell the window as a notice (src/core/app/notices.ts). */
export const NOTICE_KEYS = [
  'notices.jobListSetAside',
  'notices.saveFailed',
  'notices.settingsSetAside',
  'notices.updateAvailable',
  'notices.voicesSetAside',
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

/** An error's words inside a note or a notice ("Upload will be retried: <why>"), by its own key. */
export interface ReasonInfo {
  message: string;
  key?: ErrorKey;
  params?: ErrorParams;
}

/** A notice as it crosses to the page: the English words, and the key and values for the page's. */
export interface NoticeInfo {
  message: string;
  key?: NoticeKey;
  params?: ErrorParams;
  reason?: ReasonInfo;
}
