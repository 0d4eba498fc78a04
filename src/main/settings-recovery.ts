/**
 * Opens the settings store, and when its file is damaged sets the file aside (renamed with a
 * timestamp, never deleted) and starts again from the defaults, with a notice for the person.
 */

import { NOTICE_ENGLISH } from '../core/notices';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { DEFAULT_SETTINGS, settingsSchema } from '../shared/settings';

/** electron-store keeps its own bookkeeping under this key; it is not a setting. */
const STORE_INTERNAL_KEY = '__internal__';

/**
 * Whether the file's text holds settings we can use: JSON, an object, and valid once missing
 * top-level keys take their defaults (as the store fills them in).
 */
export function isUsableSettingsText(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const { [STORE_INTERNAL_KEY]: _internal, ...values } = parsed as Record<string, unknown>;
  return settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...values }).success;
}

export function setAsideName(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const extension = extname(file);
  return join(dirname(file), `${basename(file, extension)}.damaged-${stamp}${extension}`);
}

export function settingsSetAsideNotice(movedTo: string): string {
  return NOTICE_ENGLISH['notices.settingsSetAside']({ movedTo });
}

export interface RecoveryOptions<T> {
  file: string;
  /** Opens the store; throws when the file cannot be read or fails the schema. */
  open: () => T;
  now?: () => Date;
}

export interface Recovered<T> {
  value: T;
  /** Set when the file was set aside: tell the person. */
  notice?: string;
  /** Where the damaged file was kept, for the notice's words in the page's language. */
  movedTo?: string;
}

/**
 * Only a file that is really damaged is moved: an error while the file reads fine (a locked
 * file on Windows, a full disk) is thrown, so a good settings file is never lost to a hiccup.
 */
export function openWithRecovery<T>(options: RecoveryOptions<T>): Recovered<T> {
  try {
    return { value: options.open() };
  } catch (error) {
    if (!existsSync(options.file)) throw error;
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch {
      throw error;
    }
    if (isUsableSettingsText(text)) throw error;
    const movedTo = setAsideName(options.file, options.now?.() ?? new Date());
    renameSync(options.file, movedTo);
    return { value: options.open(), notice: settingsSetAsideNotice(movedTo), movedTo };
  }
}
