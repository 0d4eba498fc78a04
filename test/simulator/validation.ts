/** Request body validation: the official schemas plus the rules the docs state only in prose. */

import type { FieldError } from './http-io';
import { MEDIA_URL_PATTERN, validateSchema, withoutNulls } from './schemas';
import type { JobKind, SimulatorOptions } from './types';

/** Normalised job parameters: the body with nulls removed, once it passed validation. */
export type JobParams = Record<string, unknown> & { url: string };

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

type Rules = Pick<SimulatorOptions, 'strictKeys' | 'models'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const notAnObject: FieldError = { field: 'body', message: 'must be a JSON object' };

function strictKeyErrors(url: string, options: Rules): FieldError[] {
  // The SDK docs allow only letters, digits and -./ and a client reported `_` failing, although
  // the schema allows it; strict mode lets tests prove the client avoids `_`.
  return options.strictKeys && url.includes('_')
    ? [{ field: 'url', message: "object key may only contain letters, digits, '-', '.' and '/'" }]
    : [];
}

/** Body of POST /v1/media/input and /v1/media/output. */
export function validateMediaRequest(body: unknown, options: Rules): Validated<{ url: string }> {
  if (!isRecord(body)) return { ok: false, errors: [notAnObject] };
  const value = withoutNulls(body);
  const errors = validateSchema('GetMediaUploadUrl', value);
  if (errors.length === 0 && isRecord(value) && typeof value['url'] === 'string') {
    errors.push(...strictKeyErrors(value['url'], options));
    if (errors.length === 0) return { ok: true, value: { url: value['url'] } };
  }
  return { ok: false, errors };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A job's `url` must be a media key or a directly downloadable http(s) URL ("Invalid URL" in the docs' example). */
function urlErrors(params: Record<string, unknown>, options: Rules): FieldError[] {
  const url = params['url'];
  if (url === undefined) return [{ field: 'url', message: 'is required' }];
  if (typeof url !== 'string') return []; // the schema already reported the type
  if (url.startsWith('media://')) {
    if (!MEDIA_URL_PATTERN.test(url) || url.length > 255)
      return [{ field: 'url', message: 'Invalid URL' }];
    return strictKeyErrors(url, options);
  }
  return isHttpUrl(url) ? [] : [{ field: 'url', message: 'Invalid URL' }];
}

function webhookErrors(params: Record<string, unknown>): FieldError[] {
  const webhook = params['webhook'];
  return typeof webhook === 'string' && !isHttpUrl(webhook)
    ? [{ field: 'webhook', message: 'Invalid URL' }]
    : [];
}

function modelErrors(kind: JobKind, params: Record<string, unknown>, options: Rules): FieldError[] {
  const model = params['model'];
  if (typeof model !== 'string') return [];
  const allowed = options.models[kind];
  return allowed.includes(model)
    ? []
    : [{ field: 'model', message: `must be one of: ${allowed.join(', ')}` }];
}

/** The speaker-count rules from the speaker-configuration docs. */
function speakerErrors(params: Record<string, unknown>): FieldError[] {
  const { numSpeakers, minSpeakers, maxSpeakers } = params;
  const errors: FieldError[] = [];
  if (numSpeakers !== undefined && (minSpeakers !== undefined || maxSpeakers !== undefined)) {
    errors.push({
      field: 'numSpeakers',
      message: 'numSpeakers cannot be combined with minSpeakers or maxSpeakers',
    });
  }
  if (
    typeof minSpeakers === 'number' &&
    typeof maxSpeakers === 'number' &&
    minSpeakers > maxSpeakers
  )
    errors.push({ field: 'minSpeakers', message: 'minSpeakers must be <= maxSpeakers' });
  return errors;
}

function transcriptionErrors(params: Record<string, unknown>): FieldError[] {
  const model = params['model'] ?? 'precision-2';
  return params['transcription'] === true && model !== 'precision-2'
    ? [{ field: 'transcription', message: 'transcription is only available with precision-2' }]
    : [];
}

/** The schema pattern `^(?!speaker_).*` is case-sensitive, but the docs forbid labels starting with "SPEAKER_". */
function labelErrors(params: Record<string, unknown>): FieldError[] {
  const voiceprints = params['voiceprints'];
  if (!Array.isArray(voiceprints)) return [];
  const errors: FieldError[] = [];
  voiceprints.forEach((item: unknown, index) => {
    if (isRecord(item) && typeof item['label'] === 'string' && /^speaker_/i.test(item['label']))
      errors.push({
        field: `voiceprints.${index}.label`,
        message: 'label cannot start with "SPEAKER_"',
      });
  });
  return errors;
}

const SCHEMA_OF = {
  diarize: 'DiarizeRequest',
  identify: 'IdentifyRequest',
  voiceprint: 'VoiceprintRequest',
} as const;

/** Body of POST /v1/diarize, /v1/identify and /v1/voiceprint. */
export function validateJobRequest(
  kind: JobKind,
  body: unknown,
  options: Rules,
): Validated<JobParams> {
  if (!isRecord(body)) return { ok: false, errors: [notAnObject] };
  const value = withoutNulls(body) as Record<string, unknown>;
  const schemaErrors = validateSchema(SCHEMA_OF[kind], value);
  const errors = [...schemaErrors];
  // The schema for identify forgets `url`, which the job obviously needs.
  const fromUrl = urlErrors(value, options);
  for (const error of fromUrl) {
    if (!errors.some((e) => e.field === error.field && e.message === error.message))
      errors.push(error);
  }
  errors.push(...webhookErrors(value), ...modelErrors(kind, value, options));
  if (kind !== 'voiceprint') errors.push(...speakerErrors(value));
  if (kind === 'diarize') errors.push(...transcriptionErrors(value));
  if (kind === 'identify') errors.push(...labelErrors(value));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: value as JobParams };
}
