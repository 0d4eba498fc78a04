/** The options' problems in the page's language: the schema's English, recognised and said again. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  problemWords,
  toDraft,
  type OptionsDraft,
} from '../../../src/renderer/components/options-draft';
import { DEFAULT_DIARIZE_OPTIONS, OPTION_MESSAGES } from '../../../src/shared/diarize-options';
import { localeFormat } from '../../../src/shared/i18n/format';
import { RESOURCES } from '../../../src/shared/i18n/resources';

const i18n = i18next.createInstance();
void i18n.init({ resources: RESOURCES, lng: 'en', initAsync: false, returnNull: false });
const words = (language: string) => i18n.getFixedT(language, 'batch');

const draft: OptionsDraft = { ...toDraft(DEFAULT_DIARIZE_OPTIONS), speakerKind: 'range' };
const range = { ...draft, min: '5', max: '2' };
const known = [
  OPTION_MESSAGES.count,
  OPTION_MESSAGES.rangeNumber,
  OPTION_MESSAGES.exactAndRange,
  OPTION_MESSAGES.transcriptionModel,
  OPTION_MESSAGES.minAboveMax(5, 2),
];

describe('problemWords', () => {
  it('says each problem in English exactly as the schema does', () => {
    for (const message of known)
      expect(problemWords(message, range, words('en'), localeFormat('en'))).toBe(message);
  });

  it('says each problem in French, German and Spanish, with the numbers', () => {
    for (const language of ['fr', 'de', 'es']) {
      for (const message of known) {
        const said = problemWords(message, range, words(language), localeFormat(language));
        expect(said).not.toBe(message);
        expect(said).not.toContain('{{');
      }
      expect(
        problemWords(
          OPTION_MESSAGES.minAboveMax(5, 2),
          range,
          words(language),
          localeFormat(language),
        ),
      ).toMatch(/5.*2/);
    }
  });

  it('shows a problem it does not know as it came', () => {
    const other = OPTION_MESSAGES.unknownModel('x');
    expect(problemWords(other, draft, words('fr'), localeFormat('fr'))).toBe(other);
    // The numbers of another draft are not these.
    const stale = OPTION_MESSAGES.minAboveMax(9, 3);
    expect(problemWords(stale, range, words('fr'), localeFormat('fr'))).toBe(stale);
  });
});
