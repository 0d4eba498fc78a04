/** Loads the official OpenAPI component schemas, repairs their quirks, and validates bodies with ajv. */

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldError } from './http-io';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REF_PREFIX = '#/components/schemas/';
/** Request schemas whose `model` enum is replaced by the configurable `models` option. */
const MODEL_SCHEMAS = {
  DiarizeRequest: 'diarize',
  IdentifyRequest: 'identify',
  VoiceprintRequest: 'voiceprint',
} as const;

export type SchemaName =
  | keyof typeof MODEL_SCHEMAS
  | 'GetMediaUploadUrl'
  | 'DiarizationJob'
  | 'IdentifyJob'
  | 'VoiceprintJob'
  | 'GetJobsResponseV2'
  | 'JobCreated'
  | 'MediaResponse'
  | 'TestResponse'
  | 'ApiError'
  | 'ValidationErrorResponse';

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The official file writes the media key pattern as a JS regex literal, `"/^media:…$/"`. JSON
 * Schema patterns are bare expressions, so taken literally it would demand slashes around the
 * whole URL and match no real key; stripping the delimiters restores the intended rule.
 */
export function normalisePattern(pattern: string): string {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')
    ? pattern.slice(1, -1)
    : pattern;
}

function normalise(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalise);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') out[key] = normalisePattern(value);
    // Each schema is registered under its bare name, so `#/components/schemas/X` becomes `X`.
    else if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX))
      out[key] = value.slice(REF_PREFIX.length);
    else out[key] = normalise(value);
  }
  return out;
}

function loadSchemas(): Record<string, JsonObject> {
  const file = JSON.parse(
    readFileSync(new URL('./openapi-schemas.json', import.meta.url), 'utf8'),
  ) as JsonObject;
  const schemas = file['schemas'];
  if (!isObject(schemas)) throw new Error('openapi-schemas.json has no schemas');
  const out: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const normalised = normalise(schema);
    if (isObject(normalised)) out[name] = normalised;
  }
  return out;
}

const schemas = loadSchemas();

function modelProperty(schemaName: string): JsonObject {
  const properties = schemas[schemaName]?.['properties'];
  const model = isObject(properties) ? properties['model'] : undefined;
  if (!isObject(model)) throw new Error(`${schemaName} has no model property`);
  return model;
}

/** The model enums as the official file lists them; the default for the `models` option. */
export const OFFICIAL_MODELS: Record<'diarize' | 'identify' | 'voiceprint', string[]> = {
  diarize: [],
  identify: [],
  voiceprint: [],
};
for (const [schemaName, kind] of Object.entries(MODEL_SCHEMAS)) {
  const model = modelProperty(schemaName);
  const values = model['enum'];
  OFFICIAL_MODELS[kind] = Array.isArray(values)
    ? values.filter((v): v is string => typeof v === 'string')
    : [];
  // The service's model list changes over time (precision-1, precision-3 were seen), so the enum
  // is checked against the live `models` option instead of being frozen into the schema.
  delete model['enum'];
}

const ajv = new Ajv({ allErrors: true, strict: true });
// OpenAPI annotations and formats that carry no validation meaning for request bodies.
ajv.addVocabulary(['example']);
ajv.addFormat('float', true);
ajv.addFormat('string', true);
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name);

function validator(name: SchemaName): ValidateFunction {
  const validate = ajv.getSchema(name);
  if (!validate) throw new Error(`unknown schema ${name}`);
  return validate;
}

/** The media key pattern after normalisation, reused for job URLs. */
export const MEDIA_URL_PATTERN = (() => {
  const url = schemas['GetMediaUploadUrl']?.['properties'];
  const pattern = isObject(url) && isObject(url['url']) ? url['url']['pattern'] : undefined;
  if (typeof pattern !== 'string') throw new Error('GetMediaUploadUrl has no url pattern');
  return new RegExp(pattern, 'u');
})();

/**
 * Drops object keys whose value is null. The official SDK sends every optional option, with JSON
 * null when unset (numSpeakers, minSpeakers, …), and the service accepts that, although the schema
 * marks only a few of those fields nullable; so null means "absent" here.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null) out[key] = withoutNulls(inner);
  }
  return out;
}

function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath.split('/').filter((p) => p !== '');
  if (error.keyword === 'required') parts.push(String(error.params['missingProperty']));
  return parts.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || 'body';
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum') {
    const allowed = (error.params['allowedValues'] as unknown[]).map(String).join(', ');
    return `must be one of: ${allowed}`;
  }
  return error.message ?? 'is invalid';
}

/** Validates a (null-stripped) value against a named schema; returns field errors, empty when valid. */
export function validateSchema(name: SchemaName, value: unknown): FieldError[] {
  const validate = validator(name);
  if (validate(value)) return [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const error of validate.errors ?? []) {
    const field = fieldOf(error);
    const message = messageOf(error);
    const id = `${field}\0${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    errors.push({ field, message });
  }
  return errors;
}
