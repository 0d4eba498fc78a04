/**
 * A problem with the options in the page's language. The problems are the shared schemas'
 * English words (the ones main and the `diarize` command use too, and that main sends back when
 * it refuses options): each is recognised by src/shared/option-message-keys.ts and said again
 * from the `batch` catalogue, with its numbers and lists as the language writes them. In English
 * the words are the schema's own; a problem nobody recognises is shown as it came in English and
 * as a plain "cannot be used" in the other languages, never as English among French.
 */

import type { TFunction } from 'i18next';
import type { LocaleFormat } from '../shared/i18n/format';
import { PSEUDO_LOCALE } from '../shared/i18n/languages';
import { optionProblem, UNKNOWN_OPTION_PROBLEM_KEY } from '../shared/option-message-keys';

/** True for English itself (the schema's words), not for the accented pseudo-locale. */
function isEnglish(language: string): boolean {
  return language !== PSEUDO_LOCALE && language.toLowerCase().split(/[-_]/)[0] === 'en';
}

/** "precision-2 or community-1", as the language writes a choice between a few. */
function choiceList(language: string, choices: readonly string[]): string {
  // The schema's own join, so the English is its words exactly.
  if (isEnglish(language)) return choices.join(' or ');
  return new Intl.ListFormat(language, { type: 'disjunction', style: 'long' }).format(choices);
}

export function optionProblemWords(
  message: string,
  t: TFunction<'batch'>,
  format: Pick<LocaleFormat, 'count'>,
  language: string,
): string {
  const problem = optionProblem(message);
  if (!problem) return isEnglish(language) ? message : t(UNKNOWN_OPTION_PROBLEM_KEY);
  const { most, min, max, model, choices } = problem.values;
  const values: Record<string, string> = {};
  if (most !== undefined) values.most = format.count(most);
  if (min !== undefined) values.min = format.count(min);
  if (max !== undefined) values.max = format.count(max);
  if (model !== undefined) values.model = model;
  if (choices !== undefined) values.choices = choiceList(language, choices);
  const said = t(problem.key, { ...values, interpolation: { escapeValue: false } });
  return typeof said === 'string' && said !== problem.key && said.trim() !== '' ? said : message;
}
