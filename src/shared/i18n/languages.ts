/** The languages Diarist speaks, and how the one a person sees is chosen. */

export const LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The Settings choice: follow the operating system, or one language. */
export const LANGUAGE_CHOICES = ['system', ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/**
 * A test-only locale: every English word accented and made 40 % longer, so text that would be cut
 * off or overlap in a longer language shows up in screenshots. Never offered in Settings.
 */
export const PSEUDO_LOCALE = 'en-XA';

/**
 * The first of the person's preferred languages (the operating system's, most wanted first, as
 * `app.getPreferredSystemLanguages()` or `navigator.languages` give them) that Diarist speaks;
 * English when none matches. "fr-CA" is served by French, "de-AT" by German.
 */
export function resolveLanguage(choice: string, preferred: readonly string[]): Language {
  if (isLanguage(choice)) return choice;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
