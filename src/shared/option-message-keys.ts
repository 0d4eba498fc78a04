/**
 * The options' problems by key (issue 15), as errors are (error-keys.ts). The shared schemas
 * (diarize-options.ts, and the recognition option's in voices.ts) write English words: the
 * `diarize` command prints them, and main sends them back when it refuses a set of options. The
 * page recognises each one here and says it from the `batch` catalogue, with its values in the
 * person's language (src/renderer/option-problem-words.ts). A test builds every message the
 * schemas can produce and requires the page's English to be the schema's, word for word.
 */

import { MAX_SPEAKERS, MODELS, OPTION_MESSAGES, TRANSCRIPTION_MODELS } from './diarize-options';
import { MAX_VOICES_PER_RECOGNITION, recognitionOptionsSchema } from './voices';

/** Each problem's key in the `batch` catalogue. */
export const OPTION_PROBLEM_KEYS = [
  'problems.count',
  'problems.rangeNumber',
  'problems.minAboveMax',
  'problems.exactAndRange',
  'problems.transcriptionModel',
  'problems.recogniseTranscription',
  'problems.recogniseModel',
  'problems.recogniseNone',
  'problems.recogniseTooMany',
  'problems.recogniseTwice',
  'optionProblems.unknownModel',
  'optionProblems.unknownTranscriptionModel',
  'optionProblems.recogniseUnknownVoice',
  'optionProblems.recogniseMatch',
] as const;
export type OptionProblemKey = (typeof OPTION_PROBLEM_KEYS)[number];

/**
 * What the page says instead of a problem it cannot recognise (outside English, where the
 * schema's words are shown as they came): only a broken or older page can cause one.
 */
export const UNKNOWN_OPTION_PROBLEM_KEY = 'optionProblems.other';

/** A problem by key, with its values raw (the page writes numbers and lists in its language). */
export interface OptionProblem {
  key: OptionProblemKey;
  values: {
    /** The most speakers, or voices, that may be asked for. */
    most?: number;
    min?: number;
    max?: number;
    /** The unknown model's name as the message shows it (quoted, as JSON writes it). */
    model?: string;
    /** What may be chosen instead, in order ("precision-2 or community-1" in English). */
    choices?: readonly string[];
  };
}

/** The recognition schema's words for each of its rules, found by trying the schema itself. */
const RECOGNITION_PROBLEMS: ReadonlyMap<string, OptionProblem> = (() => {
  const id = (n: number) => `voice-${String(n).padStart(8, '0')}`;
  const said = (voiceIds: string[], match: string = 'balanced') =>
    recognitionOptionsSchema.safeParse({ voiceIds, match }).error?.issues[0]?.message;
  const found = new Map<string, OptionProblem>();
  const add = (message: string | undefined, problem: OptionProblem) => {
    if (message !== undefined) found.set(message, problem);
  };
  add(said([]), { key: 'problems.recogniseNone', values: {} });
  add(said(Array.from({ length: MAX_VOICES_PER_RECOGNITION + 1 }, (_, n) => id(n))), {
    key: 'problems.recogniseTooMany',
    values: { most: MAX_VOICES_PER_RECOGNITION },
  });
  add(said([id(1), id(1)]), { key: 'problems.recogniseTwice', values: {} });
  add(said(['not-a-voice']), { key: 'optionProblems.recogniseUnknownVoice', values: {} });
  add(said([id(1)], 'not-a-level'), { key: 'optionProblems.recogniseMatch', values: {} });
  return found;
})();

/** The options schema's words that never change. */
const FIXED: ReadonlyMap<string, OptionProblem> = new Map<string, OptionProblem>([
  [OPTION_MESSAGES.count, { key: 'problems.count', values: { most: MAX_SPEAKERS } }],
  [OPTION_MESSAGES.rangeNumber, { key: 'problems.rangeNumber', values: { most: MAX_SPEAKERS } }],
  [OPTION_MESSAGES.exactAndRange, { key: 'problems.exactAndRange', values: {} }],
  [OPTION_MESSAGES.transcriptionModel, { key: 'problems.transcriptionModel', values: {} }],
  [OPTION_MESSAGES.recogniseTranscription, { key: 'problems.recogniseTranscription', values: {} }],
  [OPTION_MESSAGES.recogniseModel, { key: 'problems.recogniseModel', values: {} }],
]);

/**
 * The problem a message of the options schemas is, with its values; undefined for any other
 * words (zod's own, for a value of the wrong type). A message with values is recognised only
 * when the schema, given those values, writes exactly it.
 */
export function optionProblem(message: string): OptionProblem | undefined {
  const known = FIXED.get(message) ?? RECOGNITION_PROBLEMS.get(message);
  if (known) return known;
  const range =
    /^The smallest number of speakers \((\d+)\) is larger than the largest \((\d+)\)\./.exec(
      message,
    );
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (OPTION_MESSAGES.minAboveMax(min, max) === message)
      return { key: 'problems.minAboveMax', values: { min, max } };
  }
  const model = /^Unknown (model|transcription model) (.*); choose /s.exec(message);
  if (model?.[2] !== undefined) {
    const shown = model[2];
    const transcription = model[1] === 'transcription model';
    const choices = transcription ? TRANSCRIPTION_MODELS : MODELS;
    // The message again from the shown name: the schema writes it with JSON.stringify.
    const again = (
      transcription ? OPTION_MESSAGES.unknownTranscriptionModel : OPTION_MESSAGES.unknownModel
    )(fromShown(shown));
    if (again === message)
      return {
        key: transcription
          ? 'optionProblems.unknownTranscriptionModel'
          : 'optionProblems.unknownModel',
        values: { model: shown, choices },
      };
  }
  return undefined;
}

/** The value JSON.stringify wrote as `shown` ("undefined" for nothing at all). */
function fromShown(shown: string): unknown {
  try {
    return JSON.parse(shown) as unknown;
  } catch {
    return undefined;
  }
}
