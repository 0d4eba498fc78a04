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
