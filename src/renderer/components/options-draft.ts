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

export interface OptionsDraft {
  model: Model;
  speakerKind: SpeakerCount['kind'];
  exact: string;
  min: string;
  max: string;
  exclusive: boolean;
  transcription: boolean;
  turnLevelConfidence: boolean;
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
    rest: {
      confidence: options.confidence,
      ...(options.transcriptionModel ? { transcriptionModel: options.transcriptionModel } : {}),
    },
  };
}

/** Where a problem is shown: next to the speaker numbers, the transcription choice or the model. */
export type OptionsField = 'speakers' | 'transcription' | 'model';
export type FieldProblems = Partial<Record<OptionsField, string>>;

export type DraftCheck =
  { ok: true; options: DiarizeOptions } | { ok: false; problems: FieldProblems };

/** Reads the form and checks it with the shared options schema, the one main and the CLI use. */
export function fromDraft(draft: OptionsDraft): DraftCheck {
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
  const min = readCount(draft.min);
  const max = readCount(draft.max);
  if (min !== undefined && max !== undefined && message === OPTION_MESSAGES.minAboveMax(min, max)) {
    return t('problems.minAboveMax', { min: format.count(min), max: format.count(max) });
  }
  return message;
}

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
