/** The batch options as a form holds them (numbers still as typed text) and their plain-words checks. */

import type { DiarizeOptions, Model, SpeakerCount } from '../../shared/diarize-options';

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

export type DraftCheck = { ok: true; options: DiarizeOptions } | { ok: false; message: string };

export function fromDraft(draft: OptionsDraft): DraftCheck {
  const speakers = readSpeakers(draft);
  if ('message' in speakers) return { ok: false, message: speakers.message };
  const transcription = draft.model === 'precision-2' && draft.transcription;
  const options: DiarizeOptions = {
    model: draft.model,
    speakers,
    exclusive: draft.exclusive,
    confidence: draft.rest.confidence,
    turnLevelConfidence: draft.turnLevelConfidence,
    transcription,
  };
  if (transcription && draft.rest.transcriptionModel) {
    options.transcriptionModel = draft.rest.transcriptionModel;
  }
  return { ok: true, options };
}

function readSpeakers(draft: OptionsDraft): SpeakerCount | { message: string } {
  if (draft.speakerKind === 'auto') return { kind: 'auto' };
  if (draft.speakerKind === 'exact') {
    const count = readCount(draft.exact);
    if (count === undefined || count === 'invalid') {
      return { message: 'Enter how many people speak: a whole number from 1 to 100.' };
    }
    return { kind: 'exact', count };
  }
  const min = readCount(draft.min);
  const max = readCount(draft.max);
  if (min === 'invalid' || max === 'invalid') {
    return { message: 'Speaker numbers must be whole numbers from 1 to 100.' };
  }
  if (min !== undefined && max !== undefined && min > max) {
    return {
      message: `The smallest number of speakers (${min}) is larger than the largest (${max}). Swap them or change one.`,
    };
  }
  return {
    kind: 'range',
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
  };
}

/** Empty text is "not set"; anything else must be a whole number the service accepts. */
function readCount(text: string): number | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed);
  return value >= 1 && value <= 100 ? value : 'invalid';
}
