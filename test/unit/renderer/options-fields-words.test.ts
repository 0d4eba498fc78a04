/** The options fields show the schemas' problems in the page's language (see test/unit/i18n/option-words.test.ts). */

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { OptionsFields } from '../../../src/renderer/components/OptionsFields';
import { toDraft } from '../../../src/renderer/components/options-draft';
import { optionProblemWords } from '../../../src/renderer/option-problem-words';
import { DEFAULT_DIARIZE_OPTIONS, OPTION_MESSAGES } from '../../../src/shared/diarize-options';
import { localeFormat } from '../../../src/shared/i18n/format';
import { testI18n } from './jobs-i18n';

// The page's i18n module (which OptionsFields imports) reads the browser's languages; Node 20 has none.
vi.hoisted(() => {
  if (!('navigator' in globalThis))
    Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en'] } });
});

const say = (message: string, language: string) =>
  optionProblemWords(
    message,
    testI18n.getFixedT(language, 'batch'),
    localeFormat(language),
    language,
  );

describe('the options fields', () => {
  const render = (language: string, problems: Record<string, string>) => {
    const i18n = testI18n.cloneInstance({ lng: language });
    return renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n },
        createElement(OptionsFields, {
          draft: { ...toDraft(DEFAULT_DIARIZE_OPTIONS), speakerKind: 'range', min: '5', max: '2' },
          onChange: () => undefined,
          problems,
        }),
      ),
    ).replace(/&quot;/g, '"');
  };

  it('show each problem in the page’s language', () => {
    const problems = {
      model: OPTION_MESSAGES.unknownModel('precision-3'),
      speakers: OPTION_MESSAGES.minAboveMax(5, 2),
      transcription: OPTION_MESSAGES.transcriptionModel,
    };
    const french = render('fr', problems);
    expect(french).toContain(
      'Modèle inconnu "precision-3" ; choisissez precision-2 ou community-1.',
    );
    expect(french).toContain(say(OPTION_MESSAGES.minAboveMax(5, 2), 'fr'));
    expect(french).toContain(say(OPTION_MESSAGES.transcriptionModel, 'fr'));
    for (const message of Object.values(problems)) expect(french).not.toContain(message);
    const english = render('en', problems);
    for (const message of Object.values(problems)) expect(english).toContain(message);
  });
});
