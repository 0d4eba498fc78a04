/** Every catalogue, by language and namespace. A namespace is one JSON file per language. */

import deCommon from './locales/de/common.json';
import enCommon from './locales/en/common.json';
import esCommon from './locales/es/common.json';
import frCommon from './locales/fr/common.json';
import type { Language } from './languages';
import type { Catalogue } from './pseudo';

export const NAMESPACES = ['common'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const RESOURCES: Record<Language, Record<Namespace, Catalogue>> = {
  en: { common: enCommon },
  fr: { common: frCommon },
  de: { common: deCommon },
  es: { common: esCommon },
};
