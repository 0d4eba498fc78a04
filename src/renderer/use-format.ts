/**
 * Sizes, durations, numbers and dates in the page's language, for components: re-renders with
 * the language. Clock times ("1:02:03") are the same everywhere and stay in ./format. Apart from
 * ./i18n (which starts i18next on import) so components can be rendered in unit tests.
 */

import { useTranslation } from 'react-i18next';
import { localeFormat, type LocaleFormat } from '../shared/i18n/format';
import { PSEUDO_LOCALE } from '../shared/i18n/languages';

export function useFormat(): LocaleFormat {
  const { i18n: instance } = useTranslation();
  return localeFormat(instance.language === PSEUDO_LOCALE ? 'en' : instance.language);
}
