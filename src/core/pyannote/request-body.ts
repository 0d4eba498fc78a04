/** Builds the JSON body of POST /v1/diarize (and /v1/identify) from the options a person chose. */

import type { DiarizeOptions } from '../../shared/diarize-options';
import { MATCH_THRESHOLDS, type RecognitionOptions } from '../../shared/voices';

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

/** One voice to look for: `label` is the voice's id (`voice-…`), never the person's name. */
export interface IdentifyVoiceprint {
  label: string;
  voiceprint: string;
}

/** Options of an identification job: the diarize options with the voices to recognise. */
export type IdentifyOptions = DiarizeOptions & { recognise: RecognitionOptions };

export type IdentifyRequestBody = Omit<
  DiarizeRequestBody,
  'transcription' | 'transcriptionConfig'
> & {
  voiceprints: IdentifyVoiceprint[];
  matching: { exclusive: true; threshold: number };
};

/**
 * POST /v1/identify: every diarize field except transcription (the API has no such job), the
 * voiceprints under their ids, and matching that names each voice at most once, only above the
 * threshold of the level the person chose.
 */
export function toIdentifyRequestBody(
  mediaUrl: string,
  options: IdentifyOptions,
  voiceprints: readonly IdentifyVoiceprint[],
): IdentifyRequestBody {
  const {
    transcription: _transcription,
    transcriptionConfig: _config,
    ...diarize
  } = toDiarizeRequestBody(mediaUrl, options);
  return {
    ...diarize,
    voiceprints: voiceprints.map(({ label, voiceprint }) => ({ label, voiceprint })),
    matching: { exclusive: true, threshold: MATCH_THRESHOLDS[options.recognise.match] },
  };
}
