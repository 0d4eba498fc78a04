/**
 * Main's own words that are not a menu or a dialog: the update notification and the box shown
 * when Diarist cannot start. Pure, so they are tested without Electron; `t` is appWords in the
 * person's language.
 */

import type { Words } from '../core/app/words';
import { isDiaristError, type DiaristError } from '../core/errors';
import { failedWriteCode } from '../core/storage/files';

/** The desktop notification when a newer Diarist is out. */
export function updateNotification(t: Words, version: string): { title: string; body: string } {
  return {
    title: t('notifications.update.title', { version }),
    body: t('notifications.update.body'),
  };
}

/** Why Diarist could not start, as the box says it (`startFailed.<cause>` in the app catalogue). */
export type StartFailureCause =
  'alreadyRunning' | 'diskFull' | 'readOnly' | 'notAllowed' | 'dataFolder' | 'unexpected';

/** The system's code of a failed file operation ("ENOSPC"), raw or inside the core's error. */
function systemCode(error: unknown): string | undefined {
  if (isDiaristError(error)) return failedWriteCode(error);
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** Other codes of a file or folder that cannot be used as it is. */
const FILE_CODES: ReadonlySet<string> = new Set([
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'EIO',
  'EBUSY',
  'ETXTBSY',
  'ENAMETOOLONG',
  'ELOOP',
  'EMFILE',
  'ENFILE',
]);

/**
 * What kept Diarist from starting: another Diarist holding the data folder, or the data folder
 * (its disk full, read-only, not ours to write, or unusable otherwise: the lock, the job list
 * and the settings all live there), or something else.
 */
export function startFailureCause(error: unknown): StartFailureCause {
  if (isDiaristError(error) && error.code === 'already-running') return 'alreadyRunning';
  const code = systemCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'diskFull';
  if (isDiaristError(error) && error.code === 'disk-full') return 'diskFull';
  if (code === 'EROFS') return 'readOnly';
  if (code === 'EACCES' || code === 'EPERM') return 'notAllowed';
  if (code !== undefined && FILE_CODES.has(code)) return 'dataFolder';
  if (isDiaristError(error) && error.key?.startsWith('save.data')) return 'dataFolder';
  return 'unexpected';
}

/** The causes that are about the data folder: the box says which folder that is. */
const ABOUT_THE_FOLDER: ReadonlySet<StartFailureCause> = new Set([
  'diskFull',
  'readOnly',
  'notAllowed',
  'dataFolder',
]);

/**
 * The error box when starting failed, in the person's language: another Diarist (the
 * command-line tool) holding the data folder, a data folder that cannot be used (with where it
 * is, `dataDir`), or something unexpected. Another error of the core is said from the `errors`
 * catalogue by its key; only one without a key keeps the core's English words.
 */
export function startFailure(
  t: Words,
  error: unknown,
  dataDir?: string,
): { title: string; message: string } {
  const title = t('startFailed.title');
  const cause = startFailureCause(error);
  if (cause !== 'unexpected') {
    const message = t(`startFailed.${cause}`);
    if (!dataDir || !ABOUT_THE_FOLDER.has(cause)) return { title, message };
    return { title, message: `${message}\n\n${t('startFailed.folder', { folder: dataDir })}` };
  }
  if (!isDiaristError(error)) return { title, message: t('startFailed.unexpected') };
  return { title, message: coreErrorWords(t, error) };
}

/** A core error by its key in the `errors` catalogue; its English message without one. */
function coreErrorWords(t: Words, error: DiaristError): string {
  const params = error.params ?? {};
  // Sizes and durations would need the page's formatting; none is reported while starting.
  if (!error.key || Object.values(params).some((value) => typeof value !== 'string'))
    return error.message;
  const said = t(`errors:${error.key}`, { ...params, defaultValue: error.message });
  return said.trim() === '' ? error.message : said;
}
