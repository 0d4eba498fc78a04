/**
 * The words the app shows outside the page (native menus, file dialogs, notifications, the
 * start-failure box), from the `app` catalogues in src/shared/i18n. One i18next instance, asked
 * for a language at each use, so a change of the language setting applies to what is shown next.
 * The command line and the support log do not use this: they stay in English.
 */

import i18next from 'i18next';
import { localeFormat } from '../../shared/i18n/format';
import type { Language } from '../../shared/i18n/languages';
import { RESOURCES } from '../../shared/i18n/resources';

/** A key of the `app` catalogue (or `errors:<key>`) and its values → the text in one language. */
export type Words = (key: string, values?: Record<string, unknown>) => string;

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(
    Object.entries(RESOURCES).map(([language, namespaces]) => [
      language,
      // `errors` for the start-failure box, which may say a core error by its key.
      { app: namespaces.app, errors: namespaces.errors },
    ]),
  ),
  lng: 'en',
  fallbackLng: 'en',
  ns: ['app', 'errors'],
  defaultNS: 'app',
  // Native menus and notifications show text as it is: nothing to escape for HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function appWords(language: Language): Words {
  const t = instance.getFixedT(language, 'app');
  return (key, values) => t(key, values ?? {});
}

export interface BatchCounts {
  succeeded: number;
  failed: number;
  canceled: number;
}

/** The desktop notification when a batch is done: "2 of 3 done, 1 failed", in `language`. */
export function batchFinishedNotification(
  counts: BatchCounts,
  language: Language,
): { title: string; body: string } {
  const t = appWords(language);
  const count = localeFormat(language).count;
  const total = counts.succeeded + counts.failed + counts.canceled;
  const parts = [
    t('notifications.batchFinished.done', {
      count: counts.succeeded,
      done: count(counts.succeeded),
      total: count(total),
    }),
    counts.failed
      ? t('notifications.batchFinished.failed', {
          count: counts.failed,
          failed: count(counts.failed),
        })
      : '',
  ].filter(Boolean);
  return { title: t('notifications.batchFinished.title'), body: parts.join(', ') };
}
