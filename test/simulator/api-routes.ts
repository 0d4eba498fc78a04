/** Handlers of the authenticated /v1 and /v2 endpoints, each turning a parsed request into a response. */

import { apiError, json, validationError } from './http-io';
import type { FieldError, SimResponse } from './http-io';
import type { SimState } from './state';
import { JOB_STATUSES } from './types';
import type { JobKind, JobStatus } from './types';
import { validateJobRequest, validateMediaRequest } from './validation';

export interface ApiRequest {
  state: SimState;
  team: number;
  method: string;
  body: unknown;
  query: URLSearchParams;
  params: Record<string, string>;
  now: number;
}

export type ApiHandler = (request: ApiRequest) => SimResponse;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const testKey: ApiHandler = () =>
  json(200, { status: 'OK', message: 'Test connection successful' });

export const mediaInput: ApiHandler = ({ state, team, body, now }) => {
  const checked = validateMediaRequest(body, state.options);
  if (!checked.ok) return validationError(checked.errors);
  const token = state.media.grant(
    'upload',
    team,
    checked.value.url,
    now,
    state.options.uploadUrlTtlMs,
  );
  return json(201, { url: `${state.baseUrl}/_upload/${token}` });
};

export const mediaOutput: ApiHandler = ({ state, team, body, now }) => {
  const checked = validateMediaRequest(body, state.options);
  if (!checked.ok) return validationError(checked.errors);
  if (!state.media.live(team, checked.value.url, now)) return apiError(404, 'Media not found');
  const token = state.media.grant(
    'download',
    team,
    checked.value.url,
    now,
    state.options.downloadUrlTtlMs,
  );
  return json(201, { url: `${state.baseUrl}/_download/${token}` });
};

export function submitJob(kind: JobKind): ApiHandler {
  return ({ state, team, body, now }) => {
    const checked = validateJobRequest(kind, body, state.options);
    if (!checked.ok) return validationError(checked.errors);
    const job = state.jobs.create(team, kind, body as Record<string, unknown>, checked.value, now);
    const answer: Record<string, unknown> = { jobId: job.id, status: 'created' };
    const wanted = checked.value['numSpeakers'];
    // The OAS allows a submit-time warning; its wording here is the simulator's own.
    if (typeof wanted === 'number' && wanted > state.options.plausibleMaxSpeakers)
      answer['warning'] = `numSpeakers=${wanted} is unusually high; fewer speakers may be found.`;
    return json(200, answer);
  };
}

export const getJob: ApiHandler = ({ state, team, params, now }) => {
  const job = state.jobs.get(params['jobId'] ?? '');
  if (!job || job.team !== team) return apiError(404, 'Job not found');
  return json(200, state.jobs.view(job, now));
};

export const listJobs: ApiHandler = ({ state, team, query, now }) => {
  const errors: FieldError[] = [];
  const limitText = query.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  // The OAS types limit as a number 1..100; a fractional page size makes no sense, so it is refused.
  if (limitText !== null && (!/^\d+$/.test(limitText) || limit < 1 || limit > 100))
    errors.push({ field: 'limit', message: 'limit must be an integer between 1 and 100' });
  const cursor = query.get('cursor') ?? undefined;
  if (cursor !== undefined && !UUID.test(cursor))
    errors.push({ field: 'cursor', message: 'cursor must be a UUID' });
  const status = query.get('status') ?? undefined;
  if (status !== undefined && !JOB_STATUSES.includes(status as JobStatus))
    errors.push({ field: 'status', message: `status must be one of: ${JOB_STATUSES.join(', ')}` });
  if (errors.length > 0) return validationError(errors);
  return json(200, state.jobs.page(team, now, limit, cursor, status as JobStatus | undefined));
};

export const notFound: ApiHandler = () => apiError(404, 'Not found');
