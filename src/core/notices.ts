/**
 * The notices the core and main tell the window, in English (the log's words) and by key with
 * their values (the page's words, src/renderer/hooks/use-app-events.ts). A test builds both from
 * the same values, so the two cannot drift apart.
 */

import type { ErrorParams } from '../shared/errors';
import type { NoticeInfo, NoticeKey, ReasonInfo } from '../shared/note-keys';

const text = (value: string | number | undefined) => String(value ?? '');

/** The English of each notice from its values; the `jobs` catalogue's English must say the same. */
export const NOTICE_ENGLISH: Record<NoticeKey, (params: ErrorParams) => string> = {
  'notices.jobListSetAside': (p) =>
    `Diarist’s job list was damaged and could not be read. It was kept as ${text(p.movedTo)} and a new list was started. Saved results are not affected.`,
  'notices.saveFailed': (p) => text(p.message),
  'notices.settingsSetAside': (p) =>
    `Diarist’s settings were damaged and could not be read, so the defaults are used again. The old file was kept as ${text(p.movedTo)}.`,
  'notices.updateAvailable': (p) =>
    `Diarist ${text(p.version)} is available: download it from ${text(p.url)} and install it over this version. Your recordings, results and key are kept.`,
  'notices.voicesSetAside': (p) =>
    `Diarist’s saved voices could not be read (the file is damaged, or was locked by another computer or key). It was kept as ${text(p.movedTo)} and a new, empty voice library was started.`,
};

/** A notice's English, key and values; with `reason` (an error), its words are the `message` value. */
export function noticeInfo(
  key: NoticeKey,
  params: ErrorParams = {},
  reason?: ReasonInfo,
): NoticeInfo {
  const values = reason ? { ...params, message: reason.message } : params;
  return {
    message: NOTICE_ENGLISH[key](values),
    key,
    ...(Object.keys(values).length > 0 ? { params: values } : {}),
    ...(reason ? { reason } : {}),
  };
}
