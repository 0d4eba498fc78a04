/** Builds the JSON body of POST /v1/diarize from the options a person chose. */

import type { DiarizeOptions } from '../../shared/diarize-options';

export interface DiarizeRequestBody {
  url: string;
  model: string;
  numSpeakers?: number;
  minSpeakers?: number;
  maxSpeakers?: number;
  exclusive?: boolean;
  confidence?: boolean;
  turnLevelConfidence?: boolean;
  transcription?: boolean;
  transcriptionConfig?: { model: string };
}

/**
 * Unset options are left out, never sent as `null` (the schema does not allow null for most
 * fields, although the official SDK sends it). The model is always explicit because the
 * service's default has changed over time.
 */
export function toDiarizeRequestBody(
  mediaUrl: string,
  options: DiarizeOptions,
): DiarizeRequestBody {
  const body: DiarizeRequestBody = { url: mediaUrl, model: options.model };
  const { speakers } = options;
  if (speakers.kind === 'exact') {
    body.numSpeakers = speakers.count;
  } else if (speakers.kind === 'range') {
    if (speakers.min !== undefined) body.minSpeakers = speakers.min;
    if (speakers.max !== undefined) body.maxSpeakers = speakers.max;
  }
  if (options.exclusive) body.exclusive = true;
  if (options.confidence) body.confidence = true;
  if (options.turnLevelConfidence) body.turnLevelConfidence = true;
  if (options.transcription) {
    body.transcription = true;
    if (options.transcriptionModel)
      body.transcriptionConfig = { model: options.transcriptionModel };
  }
  return body;
}

/** Problems with a set of options, in plain words, before anything is sent. */
export function validateDiarizeOptions(options: DiarizeOptions): string[] {
  const problems: string[] = [];
  const isCount = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n >= 1);
  const { speakers } = options;
  if (speakers.kind === 'exact' && !isCount(speakers.count)) {
    problems.push('The number of speakers must be a whole number of at least 1.');
  }
  if (speakers.kind === 'range') {
    if (!isCount(speakers.min) || !isCount(speakers.max)) {
      problems.push('Speaker counts must be whole numbers of at least 1.');
    } else if (
      speakers.min !== undefined &&
      speakers.max !== undefined &&
      speakers.min > speakers.max
    ) {
      problems.push('The minimum number of speakers cannot be larger than the maximum.');
    }
  }
  if (options.transcription && options.model !== 'precision-2') {
    problems.push('Transcription is only available with the precision-2 model.');
  }
  return problems;
}
