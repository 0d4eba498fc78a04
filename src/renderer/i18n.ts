/**
 * The page's words: i18next with react-i18next, catalogues from src/shared/i18n. The language is
 * the Settings choice, or the computer's (`navigator.languages`, which Electron fills from the
 * operating system); switching applies at once, without a restart.
 */

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { PSEUDO_LOCALE, resolveLanguage } from '../shared/i18n/languages';
import { pseudoCatalogue } from '../shared/i18n/pseudo';
import { NAMESPACES, RESOURCES } from '../shared/i18n/resources';

const pseudo = Object.fromEntries(NAMESPACES.map((ns) => [ns, pseudoCatalogue(RESOURCES.en[ns])]));

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { ...RESOURCES, [PSEUDO_LOCALE]: pseudo },
  lng: pageLanguage('system'),
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'common',
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** The language to show for a Settings choice ("system" or a language code). */
export function pageLanguage(choice: string): string {
  // The browser tests pass ?lang=en-XA to render every screen in the pseudo-locale.
  const forced = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  if (forced === PSEUDO_LOCALE) return PSEUDO_LOCALE;
  return resolveLanguage(forced ?? choice, navigator.languages);
}

export function applyLanguageChoice(choice: string): void {
  const language = pageLanguage(choice);
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Sizes, durations, numbers and dates in the page's language (see ./use-format). */
export { useFormat } from './use-format';
