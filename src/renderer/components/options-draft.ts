/** The batch options as a form holds them (numbers still as typed text) and their plain-words checks. */

import type { TFunction } from 'i18next';
import {
  diarizeOptionsSchema,
  MAX_SPEAKERS,
  OPTION_MESSAGES,
  speakerCountFrom,
  type DiarizeOptions,
  type Model,
  type SpeakerCount,
} from '../../shared/diarize-options';
import type { FieldError } from '../../shared/errors';
import type { LocaleFormat } from '../../shared/i18n/format';
import {
  MAX_VOICES_PER_RECOGNITION,
  recognitionOptionsSchema,
  type MatchLevel,
  type RecognitionOptions,
} from '../../shared/voices';

export interface OptionsDraft {
  model: Model;
  speakerKind: SpeakerCount['kind'];
  exact: string;
  min: string;
  max: string;
  exclusive: boolean;
  transcription: boolean;
  turnLevelConfidence: boolean;
  /** "Recognise known voices". */
  recognise: boolean;
  /** The voices to look for; undefined: every voice there is (up to 50). */
  voiceIds: readonly string[] | undefined;
  match: MatchLevel;
  /** Options the form does not show; kept as they were so saving does not drop them. */
  rest: Pick<DiarizeOptions, 'confidence' | 'transcriptionModel'>;
}

export function toDraft(options: DiarizeOptions): OptionsDraft {
  const { speakers } = options;
  return {
    model: options.model,
    speakerKind: speakers.kind,
    exact: speakers.kind === 'exact' ? String(speakers.count) : '2',
    min: speakers.kind === 'range' && speakers.min !== undefined ? String(speakers.min) : '',
    max: speakers.kind === 'range' && speakers.max !== undefined ? String(speakers.max) : '',
    exclusive: options.exclusive,
    transcription: options.transcription && options.model === 'precision-2',
    turnLevelConfidence: options.turnLevelConfidence,
    recognise: options.recognise !== undefined,
    voiceIds: options.recognise?.voiceIds,
    match: options.recognise?.match ?? 'balanced',
    rest: {
      confidence: options.confidence,
      ...(options.transcriptionModel ? { transcriptionModel: options.transcriptionModel } : {}),
    },
  };
}

/**
 * Where a problem is shown: next to the speaker numbers, the transcription choice, the model or
 * "Recognise known voices".
 */
export type OptionsField = 'speakers' | 'transcription' | 'model' | 'recognise';
export type FieldProblems = Partial<Record<OptionsField, string>>;

export type DraftCheck =
  { ok: true; options: DiarizeOptions } | { ok: false; problems: FieldProblems };

/**
 * The voices "Recognise known voices" looks for, among the voices there are: the ones chosen
 * that still exist (a voice deleted since it was chosen is dropped without a word), or every
 * voice (up to 50) when none was chosen, or when none of the chosen ones is left. An empty
 * choice the person made stays empty (the schema then asks for one).
 */
export function chosenVoiceIds(
  chosen: readonly string[] | undefined,
  voices: readonly { id: string }[],
): string[] {
  const all = voices.slice(0, MAX_VOICES_PER_RECOGNITION).map((voice) => voice.id);
  if (chosen === undefined) return all;
  const known = new Set(voices.map((voice) => voice.id));
  const kept = chosen.filter((id) => known.has(id));
  return chosen.length > 0 && kept.length === 0 ? all : kept;
}

/**
 * The recognition the draft asks for: nothing when it is off or no voice is saved; with the
 * voices not yet read (`voices` undefined), the ones chosen as they are.
 */
export function recognitionFrom(
  draft: Pick<OptionsDraft, 'recognise' | 'voiceIds' | 'match'>,
  voices: readonly { id: string }[] | undefined,
): RecognitionOptions | undefined {
  if (!draft.recognise) return undefined;
  if (voices === undefined)
    return draft.voiceIds ? { voiceIds: [...draft.voiceIds], match: draft.match } : undefined;
  if (voices.length === 0) return undefined;
  return { voiceIds: chosenVoiceIds(draft.voiceIds, voices), match: draft.match };
}

/**
 * Reads the form and checks it with the shared options schema, the one main and the CLI use.
 * `voices` are the voices saved on this computer, for "Recognise known voices".
 */
export function fromDraft(draft: OptionsDraft, voices?: readonly { id: string }[]): DraftCheck {
  const recognise = recognitionFrom(draft, voices);
  const candidate = {
    model: draft.model,
    speakers: speakerCountFrom(readSpeakers(draft)),
    exclusive: draft.exclusive,
    confidence: draft.rest.confidence,
    turnLevelConfidence: draft.turnLevelConfidence,
    transcription: draft.transcription,
    ...(draft.transcription && draft.rest.transcriptionModel
      ? { transcriptionModel: draft.rest.transcriptionModel }
      : {}),
    ...(recognise ? { recognise } : {}),
  };
  const parsed = diarizeOptionsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, options: parsed.data };
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { ok: false, problems: problemsFromFields(fields) ?? {} };
}

/** Puts each problem next to the field it is about; undefined when none is about the options. */
export function problemsFromFields(
  fields: readonly FieldError[],
  prefix = '',
): FieldProblems | undefined {
  const problems: FieldProblems = {};
  let any = false;
  for (const { field: path, message } of fields) {
    if (!path.startsWith(prefix)) continue;
    const top = path.slice(prefix.length).split('.')[0];
    const field: OptionsField =
      top === 'transcription' || top === 'transcriptionModel'
        ? 'transcription'
        : top === 'model'
          ? 'model'
          : top === 'recognise'
            ? 'recognise'
            : 'speakers';
    problems[field] ??= message;
    any = true;
  }
  return any ? problems : undefined;
}

/**
 * A problem in the page's language. The problems are the shared schema's English words (the ones
 * main and the `diarize` command use too, and that main sends back when it refuses options), so
 * each known one is recognised and said again from the `batch` catalogue; the smallest-above-
 * largest one is recognised with the numbers of the draft it was found for. Anything else (a
 * model name the form cannot choose) is shown as it came.
 */
export function problemWords(
  message: string,
  draft: OptionsDraft,
  t: TFunction<'batch'>,
  format: Pick<LocaleFormat, 'count'>,
): string {
  const most = format.count(MAX_SPEAKERS);
  if (message === OPTION_MESSAGES.count) return t('problems.count', { most });
  if (message === OPTION_MESSAGES.rangeNumber) return t('problems.rangeNumber', { most });
  if (message === OPTION_MESSAGES.exactAndRange) return t('problems.exactAndRange');
  if (message === OPTION_MESSAGES.transcriptionModel) return t('problems.transcriptionModel');
  if (message === OPTION_MESSAGES.recogniseTranscription)
    return t('problems.recogniseTranscription');
  if (message === OPTION_MESSAGES.recogniseModel) return t('problems.recogniseModel');
  const voices = RECOGNITION_MESSAGES.get(message);
  if (voices === 'fewest') return t('problems.recogniseNone');
  if (voices === 'most')
    return t('problems.recogniseTooMany', { most: format.count(MAX_VOICES_PER_RECOGNITION) });
  if (voices === 'twice') return t('problems.recogniseTwice');
  const min = readCount(draft.min);
  const max = readCount(draft.max);
  if (min !== undefined && max !== undefined && message === OPTION_MESSAGES.minAboveMax(min, max)) {
    return t('problems.minAboveMax', { min: format.count(min), max: format.count(max) });
  }
  return message;
}

/** The recognition schema's own words (too few voices, too many, one twice), found by trying it. */
const RECOGNITION_MESSAGES: ReadonlyMap<string, 'fewest' | 'most' | 'twice'> = (() => {
  const said = (voiceIds: string[]) =>
    recognitionOptionsSchema.safeParse({ voiceIds, match: 'balanced' }).error?.issues[0]?.message;
  const id = (n: number) => `voice-${String(n).padStart(8, '0')}`;
  const found = new Map<string, 'fewest' | 'most' | 'twice'>();
  const fewest = said([]);
  const most = said(Array.from({ length: MAX_VOICES_PER_RECOGNITION + 1 }, (_, n) => id(n)));
  const twice = said([id(1), id(1)]);
  if (fewest) found.set(fewest, 'fewest');
  if (most) found.set(most, 'most');
  if (twice) found.set(twice, 'twice');
  return found;
})();

/** The numbers of the chosen kind, as typed: empty is "not set", anything not digits is NaN. */
function readSpeakers(draft: OptionsDraft): { count?: number; min?: number; max?: number } {
  if (draft.speakerKind === 'auto') return {};
  if (draft.speakerKind === 'exact') return { count: readCount(draft.exact) ?? Number.NaN };
  const min = readCount(draft.min);
  const max = readCount(draft.max);
  return {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

function readCount(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
