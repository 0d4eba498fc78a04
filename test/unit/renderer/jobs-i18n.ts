/**
 * An i18next instance with the app's catalogues for rendering components in unit tests, made the
 * default for react-i18next (src/renderer/i18n.ts reads `navigator`, which Node 20 lacks).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ErrorWordsContext } from '../../../src/renderer/error-words';
import { PSEUDO_LOCALE } from '../../../src/shared/i18n/languages';
import { pseudoCatalogue } from '../../../src/shared/i18n/pseudo';
import { NAMESPACES, RESOURCES } from '../../../src/shared/i18n/resources';

export const testI18n = i18next.createInstance();

const pseudo = Object.fromEntries(NAMESPACES.map((ns) => [ns, pseudoCatalogue(RESOURCES.en[ns])]));

void testI18n.use(initReactI18next).init({
  resources: { ...RESOURCES, [PSEUDO_LOCALE]: pseudo },
  lng: 'en',
  fallbackLng: 'en',
  ns: [...NAMESPACES],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** The `jobs` words in one language. */
export const jobsT = (language: string) => testI18n.getFixedT(language, 'jobs');

/** What error-words needs to say an error in one language. */
export const errorsContext = (language: string): ErrorWordsContext => ({
  t: testI18n.getFixedT(language, 'errors') as unknown as ErrorWordsContext['t'],
  language,
});
