/**
 * An i18next instance with the app's catalogues for rendering components in unit tests, made the
 * default for react-i18next (src/renderer/i18n.ts reads `navigator`, which Node 20 lacks).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { NAMESPACES, RESOURCES } from '../../../src/shared/i18n/resources';

export const testI18n = i18next.createInstance();

void testI18n.use(initReactI18next).init({
  resources: RESOURCES,
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
