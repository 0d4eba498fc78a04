/** Words for what Start found before sending: copies merged, recordings already done. */

import type { TFunction } from 'i18next';
import { localeFormat, type LocaleFormat } from '../../shared/i18n/format';
import { PSEUDO_LOCALE } from '../../shared/i18n/languages';
import type { BatchCheck, PickedFile } from '../../shared/ipc-contract';
import { i18n } from '../i18n';

type Words = TFunction<'batch'>;
type Numbers = Pick<LocaleFormat, 'count'>;

/** "2 files were the same recording; each will be sent once." */
export function mergedMessage(check: BatchCheck, t: Words, format: Numbers): string | undefined {
  if (check.sameContent.length === 0) return undefined;
  const originals = new Set(check.sameContent.map((entry) => entry.sameAs)).size;
  const n = format.count(check.sameContent.length + originals);
  return originals === 1
    ? t('notes.sameRecording', { n })
    : t('notes.copies', { n, originals: format.count(originals) });
}

/**
 * "3 files were already in the list; each is listed once." In the page's language as it is when
 * called, unless the caller passes its own `t` and `format` (from useTranslation and useFormat,
 * so that the words follow a change of language at once).
 */
export function alreadyListedMessage(
  repeats: number,
  t: Words = i18n.getFixedT(null, 'batch'),
  format: Numbers = localeFormat(i18n.language === PSEUDO_LOCALE ? 'en' : i18n.language),
): string | undefined {
  if (repeats === 0) return undefined;
  return t('notes.alreadyListed', { count: repeats, n: format.count(repeats) });
}

/** The question for recordings that already have a result with these options. */
export function doneQuestion(done: readonly PickedFile[], t: Words, format: Numbers): string {
  const [only] = done;
  if (only && done.length === 1) return t('done.questionOne', { name: only.name });
  const quoted = done
    .slice(0, 3)
    .map((file) => t('done.name', { name: file.name }))
    .join(', ');
  const more = done.length - 3;
  const names =
    more > 0
      ? t('done.namesAndMore', { names: quoted, count: more, n: format.count(more) })
      : quoted;
  return t('done.questionMany', { n: format.count(done.length), names });
}
