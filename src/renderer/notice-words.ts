/** The window's notices in the page's language: by the key and values the core and main send. */

import type { TFunction } from 'i18next';
import type { NoticeInfo } from '../shared/note-keys';
import type { ErrorWords } from './error-words';

/** A notice's words in the page's language, made when shown, so they follow a change of language. */
export type NoticeWords = (t: TFunction<'jobs'>, errors: ErrorWords) => string;

/**
 * A notice from the core or main in the page's language, by its key and values (an error inside
 * it in the page's words too); without a key (an older main), undefined: its English is shown.
 */
export function noticeWords(notice: NoticeInfo): NoticeWords | undefined {
  const { key, params, reason } = notice;
  if (!key) return undefined;
  return (t, errors) => t(key, { ...params, ...(reason ? { message: errors.error(reason) } : {}) });
}
