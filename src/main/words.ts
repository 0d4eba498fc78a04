/**
 * Main's own words that are not a menu or a dialog: the update notification and the box shown
 * when Diarist cannot start. Pure, so they are tested without Electron; `t` is appWords in the
 * person's language.
 */

import type { Words } from '../core/app/words';
import { isDiaristError } from '../core/errors';

/** The desktop notification when a newer Diarist is out. */
export function updateNotification(t: Words, version: string): { title: string; body: string } {
  return {
    title: t('notifications.update.title', { version }),
    body: t('notifications.update.body'),
  };
}

/**
 * The error box when starting failed. Most often another Diarist (the command-line tool) holds
 * the data folder; other errors of the core keep the core's words, which are English (the
 * errors catalogue translates them by code for the page).
 */
export function startFailure(t: Words, error: unknown): { title: string; message: string } {
  const title = t('startFailed.title');
  if (!isDiaristError(error)) return { title, message: t('startFailed.unexpected') };
  if (error.code === 'already-running') return { title, message: t('startFailed.alreadyRunning') };
  return { title, message: error.message };
}
