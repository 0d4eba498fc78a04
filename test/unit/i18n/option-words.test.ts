/**
 * The options' problems in the page's language (issue 15): every message the shared options
 * schemas can write (diarize-options.ts, and the recognition option's in voices.ts) has a key in
 * all four catalogues; the page's English is the schema's, word for word, so the two cannot
 * drift apart, and French, German and Spanish say it in their own words with its values (the
 * options fields show them so: test/unit/renderer/options-fields-words.test.ts).
 */

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invokeWith } from '../../../src/core/app/invoke';
import { callErrorWords } from '../../../src/renderer/error-words';
import { optionProblemWords } from '../../../src/renderer/option-problem-words';
import {
  DEFAULT_DIARIZE_OPTIONS,
  diarizeOptionsProblems,
  diarizeOptionsSchema,
  MAX_SPEAKERS,
  OPTION_MESSAGES,
} from '../../../src/shared/diarize-options';
import { localeFormat } from '../../../src/shared/i18n/format';
import { LANGUAGES, PSEUDO_LOCALE } from '../../../src/shared/i18n/languages';
import {
  OPTION_PROBLEM_KEYS,
  optionProblem,
  UNKNOWN_OPTION_PROBLEM_KEY,
} from '../../../src/shared/option-message-keys';
import { MAX_VOICES_PER_RECOGNITION, recognitionOptionsSchema } from '../../../src/shared/voices';
import { errorsContext, testI18n } from '../renderer/jobs-i18n';

const batchT = (language: string) => testI18n.getFixedT(language, 'batch');
const say = (message: string, language: string) =>
  optionProblemWords(message, batchT(language), localeFormat(language), language);
const OTHERS = LANGUAGES.filter((language) => language !== 'en');

/** Each entry of OPTION_MESSAGES as the schema writes it, with the values it is written with. */
const FROM_OPTION_MESSAGES: Record<keyof typeof OPTION_MESSAGES, string[]> = {
  count: [OPTION_MESSAGES.count],
  rangeNumber: [OPTION_MESSAGES.rangeNumber],
  minAboveMax: [OPTION_MESSAGES.minAboveMax(5, 2), OPTION_MESSAGES.minAboveMax(12, 3)],
  exactAndRange: [OPTION_MESSAGES.exactAndRange],
  transcriptionModel: [OPTION_MESSAGES.transcriptionModel],
  unknownModel: [
    OPTION_MESSAGES.unknownModel('precision-3'),
    OPTION_MESSAGES.unknownModel(undefined),
    OPTION_MESSAGES.unknownModel(7),
  ],
  unknownTranscriptionModel: [OPTION_MESSAGES.unknownTranscriptionModel('whisper-9')],
  recogniseTranscription: [OPTION_MESSAGES.recogniseTranscription],
  recogniseModel: [OPTION_MESSAGES.recogniseModel],
};

const voice = (n: number) => `voice-${String(n).padStart(8, '0')}`;
const recognise = (voiceIds: unknown[], match: unknown = 'balanced') => ({ voiceIds, match });
const options = (patch: Record<string, unknown>) => ({ ...DEFAULT_DIARIZE_OPTIONS, ...patch });

/** Sets of options that break each rule of the schemas, as a broken page or a command could. */
const BAD_OPTIONS: unknown[] = [
  options({ speakers: { kind: 'exact', count: 0 } }),
  options({ speakers: { kind: 'exact', count: 2.5 } }),
  options({ speakers: { kind: 'exact', count: MAX_SPEAKERS + 1 } }),
  options({ speakers: { kind: 'range', min: 0 } }),
  options({ speakers: { kind: 'range', max: 1000 } }),
  options({ speakers: { kind: 'range', min: 6, max: 2 } }),
  options({ speakers: { kind: 'exact', count: 2, min: 1 } }),
  options({ model: 'community-1', transcription: true }),
  options({ model: 'precision-9' }),
  options({ model: undefined }),
  options({ transcription: true, transcriptionModel: 'whisper' }),
  options({ recognise: recognise([voice(1)]), transcription: true }),
  options({ recognise: recognise([voice(1)]), model: 'community-1' }),
  options({ recognise: recognise([]) }),
  options({
    recognise: recognise(
      Array.from({ length: MAX_VOICES_PER_RECOGNITION + 1 }, (_, n) => voice(n)),
    ),
  }),
  options({ recognise: recognise([voice(1), voice(1)]) }),
  options({ recognise: recognise(['Ada']) }),
  options({ recognise: recognise([42]) }),
  options({ recognise: recognise([voice(1)], 'certain') }),
];

const schemaMessages = (): string[] => [
  ...new Set(BAD_OPTIONS.flatMap((value) => diarizeOptionsProblems(value).map((p) => p.message))),
];

describe('every problem the options schemas can write', () => {
  const all = [...new Set([...Object.values(FROM_OPTION_MESSAGES).flat(), ...schemaMessages()])];

  it('covers every entry of OPTION_MESSAGES and every rule tried above', () => {
    expect(Object.keys(FROM_OPTION_MESSAGES).sort()).toEqual(Object.keys(OPTION_MESSAGES).sort());
    // Each bad set of options was refused, and with the schema's own words.
    for (const value of BAD_OPTIONS) expect(diarizeOptionsProblems(value)).not.toEqual([]);
    const keys = new Set(all.map((message) => optionProblem(message)?.key));
    expect([...keys].sort()).toEqual([...OPTION_PROBLEM_KEYS].sort());
  });

  it('is recognised, by a key every catalogue has', () => {
    for (const message of all) {
      const problem = optionProblem(message);
      expect(problem, message).toBeDefined();
    }
    for (const key of [...OPTION_PROBLEM_KEYS, UNKNOWN_OPTION_PROBLEM_KEY]) {
      for (const language of LANGUAGES) {
        const text = batchT(language)(key);
        expect(
          typeof text === 'string' && text !== key && text.trim() !== '',
          `${language}:${key}`,
        ).toBe(true);
      }
    }
  });

  it('says in English exactly what the schema writes', () => {
    for (const message of all) expect(say(message, 'en')).toBe(message);
  });

  it('says it in French, German and Spanish, with its values in place', () => {
    for (const language of OTHERS) {
      for (const message of all) {
        const words = say(message, language);
        expect(words, `${language}: ${message}`).not.toBe(message);
        expect(words, `${language}: ${message}`).not.toMatch(/\{\{|\}\}/);
        expect(words, `${language}: ${message}`).not.toBe(
          batchT(language)(UNKNOWN_OPTION_PROBLEM_KEY),
        );
      }
      expect(say(OPTION_MESSAGES.minAboveMax(12, 3), language)).toMatch(/12.*3/);
      expect(say(OPTION_MESSAGES.count, language)).toContain('100');
      expect(say(OPTION_MESSAGES.unknownModel('precision-3'), language)).toContain('"precision-3"');
      expect(say(OPTION_MESSAGES.unknownModel('precision-3'), language)).toContain('community-1');
    }
    expect(say(OPTION_MESSAGES.unknownModel('precision-3'), 'fr')).toBe(
      'Modèle inconnu "precision-3" ; choisissez precision-2 ou community-1.',
    );
    expect(say(OPTION_MESSAGES.unknownTranscriptionModel('x'), 'de')).toBe(
      'Unbekanntes Transkriptionsmodell "x"; wählen Sie parakeet-tdt-0.6b-v3 oder faster-whisper-large-v3-turbo.',
    );
    const tooMany = recognitionOptionsSchema.safeParse(
      recognise(Array.from({ length: MAX_VOICES_PER_RECOGNITION + 1 }, (_, n) => voice(n))),
    ).error?.issues[0]?.message;
    expect(say(tooMany ?? '', 'es')).toBe('Elija como máximo 50 voces para reconocer en un lote.');
  });

  it('is not recognised with values the schema would not write so', () => {
    expect(
      optionProblem('The smallest number of speakers (5) is larger than the largest (2).'),
    ).toBe(undefined);
    expect(optionProblem('Unknown model precision-3; choose precision-2 or community-1.')).toBe(
      undefined,
    );
  });
});

describe('a problem nobody recognises', () => {
  const zods = 'Invalid input: expected boolean, received string';

  it('comes from the schema only for a value of the wrong type', () => {
    expect(diarizeOptionsProblems(options({ exclusive: 'yes' })).map((p) => p.message)).toEqual([
      zods,
    ]);
    expect(optionProblem(zods)).toBeUndefined();
  });

  it('is shown as it came in English, and as a plain sentence in the other languages', () => {
    expect(say(zods, 'en')).toBe(zods);
    expect(say(zods, 'fr')).toBe(
      'Ces options ne peuvent pas être utilisées telles quelles. Vérifiez-les et réessayez.',
    );
    for (const language of [...OTHERS, PSEUDO_LOCALE]) expect(say(zods, language)).not.toBe(zods);
  });
});

describe('options main refuses', () => {
  /** What the page catches when main refuses a set of options, as unwrap makes it (an ApiError). */
  async function refused(value: unknown): Promise<Error> {
    const reply = await invokeWith(
      z.strictObject({ options: diarizeOptionsSchema }),
      () => Promise.resolve(undefined),
      { options: value },
      true,
    );
    if (reply.ok) throw new Error('the options were accepted');
    const { message, ...extra } = reply.error;
    return Object.assign(new Error(message), extra);
  }

  it('are said in the page’s language where the page shows the call’s failure', async () => {
    const error = await refused(options({ recognise: recognise([voice(1)]), transcription: true }));
    expect(error.message).toBe(OPTION_MESSAGES.recogniseTranscription);
    expect(callErrorWords(errorsContext('en'), error)).toBe(error.message);
    expect(callErrorWords(errorsContext('fr'), error)).toBe(
      say(OPTION_MESSAGES.recogniseTranscription, 'fr'),
    );
    // The rule between fields is the reply's message (zod's checks of each number say more).
    const range = await refused(options({ speakers: { kind: 'range', min: 1200, max: 3 } }));
    expect(range.message).toBe(OPTION_MESSAGES.minAboveMax(1200, 3));
    expect(callErrorWords(errorsContext('de'), range)).toBe(
      say(OPTION_MESSAGES.minAboveMax(1200, 3), 'de'),
    );
    expect(callErrorWords(errorsContext('de'), range)).toContain('1.200');
    // Other failures keep their own words.
    const other = Object.assign(new Error('Something odd.'), { code: 'internal' });
    expect(callErrorWords(errorsContext('fr'), other)).toBe('Something odd.');
  });
});
