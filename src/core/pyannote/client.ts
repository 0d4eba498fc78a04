/** Typed operations on the pyannoteAI API over one axios instance, with errors people can act on. */

import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { z } from 'zod';
import { DEFAULT_API_URL } from '../../shared/limits';
import type { DiarizeOptions } from '../../shared/diarize-options';
import { isValidMediaUrl } from '../../shared/media-url';
import { MAX_VOICES_PER_RECOGNITION, VOICE_ID_PATTERN } from '../../shared/voices';
import { DiaristError } from '../errors';
import { DIRECT_AGENTS, type AgentsFor } from '../network/agents';
import { errorFromStatus, errorFromTransport } from './http-errors';
import { readRateLimit, type RateLimitInfo } from './rate-limit';
import {
  toDiarizeRequestBody,
  toIdentifyRequestBody,
  type IdentifyOptions,
  type IdentifyVoiceprint,
} from './request-body';
import {
  jobCreatedSchema,
  jobListSchema,
  jobSchema,
  mediaResponseSchema,
  testResponseSchema,
} from './schemas';

/** Supplies the API key at the moment of each request, so it is never stored in the client. */
export type ApiKeyProvider = () => string | undefined | Promise<string | undefined>;

export interface PyannoteClientOptions {
  getApiKey: ApiKeyProvider;
  baseUrl?: string;
  /** Per-request timeout; the API answers small JSON bodies, so this can stay short. */
  timeoutMs?: number;
  userAgent?: string;
  /** Called with the rate-limit headers of every answer, so a scheduler can pace itself. */
  onRateLimit?: (info: RateLimitInfo, endpoint: string) => void;
  /** Called once per HTTP request made, for accounting in tests and benchmarks. */
  onRequest?: (endpoint: string, status: number | undefined) => void;
  /** The agents (proxy, trusted CAs) for each request; without it, direct with Node's defaults. */
  agentsFor?: AgentsFor;
}

export interface JobCreated {
  jobId: string;
  status: string;
  warning?: string;
}

export interface ServiceJob {
  jobId: string;
  status: string;
  createdAt?: string;
  updatedAt?: string;
  /** Present while the service still keeps it (24 h after completion); validated by the caller. */
  output?: unknown;
}

export interface JobListItem {
  id: string;
  status: string;
  createdAt: string;
}

export interface JobPage {
  items: JobListItem[];
  nextCursor: string | null;
}

export interface ListJobsQuery {
  limit?: number;
  cursor?: string;
  status?: string;
}

/** The service's clock as seen through its `Date` headers (one-second resolution). */
export interface ServerClock {
  nowMs: number;
  /** How far off `nowMs` may be; large until the first answer arrives. */
  uncertaintyMs: number;
}

export interface PyannoteClient {
  readonly baseUrl: string;
  /** Server time, used to match a job whose submit answer was lost by its creation time. */
  serverClock(): ServerClock;
  /**
   * Jobs this client created and heard back about (any kind: diarize, identify, a voiceprint),
   * the latest few thousand: a lost submit's lookup knows these are not the job it lost.
   */
  createdJobIds?(): ReadonlySet<string>;
  /** Hears every answer's rate-limit headers (the team's budget); returns the unsubscribe. */
  watchRateLimit?(listener: (info: RateLimitInfo, endpoint: string) => void): () => void;
  /** Checks a key (the stored one, or `candidateKey` before it is saved). Resolves when valid. */
  testKey(candidateKey?: string, signal?: AbortSignal): Promise<void>;
  /** Declares a `media://` key and returns a pre-signed PUT URL. The URL is a secret. */
  createUploadUrl(mediaUrl: string, signal?: AbortSignal): Promise<string>;
  diarize(mediaUrl: string, options: DiarizeOptions, signal?: AbortSignal): Promise<JobCreated>;
  /** Starts a voiceprint job (`POST /v1/voiceprint`) on an uploaded clip of one speaker (≤ 30 s). */
  createVoiceprint(mediaUrl: string, signal?: AbortSignal): Promise<JobCreated>;
  /**
   * An identification job (`POST /v1/identify`): a diarization that also recognises these voices.
   * Each label must be a voice id: a person's name is never sent.
   */
  identify(
    mediaUrl: string,
    options: IdentifyOptions,
    voiceprints: readonly IdentifyVoiceprint[],
    signal?: AbortSignal,
  ): Promise<JobCreated>;
  getJob(jobId: string, signal?: AbortSignal): Promise<ServiceJob>;
  listJobs(query?: ListJobsQuery, signal?: AbortSignal): Promise<JobPage>;
}

/**
 * The endpoint from the environment (`PYANNOTE_API_URL`), else the public service. The app
 * passes only what its build may honour (build-kind.ts); the CLI and preview pass their env.
 */
export function resolveApiUrl(
  env: { PYANNOTE_API_URL?: string | undefined } = process.env,
): string {
  const fromEnv = env.PYANNOTE_API_URL?.trim();
  return (fromEnv || DEFAULT_API_URL).replace(/\/+$/, '');
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Outputs with frame-level confidence for 24 h of audio are tens of MB; anything far past is hostile. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
/** Job ids a client keeps of the jobs it created: far more than fit in one submit window. */
const MAX_REMEMBERED_JOBS = 5_000;

export function createPyannoteClient(options: PyannoteClientOptions): PyannoteClient {
  const baseUrl = options.baseUrl ?? resolveApiUrl();
  const http: AxiosInstance = axios.create({
    baseURL: baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { 'Content-Type': 'application/json', 'User-Agent': options.userAgent ?? 'Diarist' },
    // Every status is handled below; a redirect would be unexpected from this API.
    validateStatus: () => true,
    maxRedirects: 0,
    // Proxies come from `agentsFor` only: axios must not also apply HTTP(S)_PROXY on its own.
    proxy: false,
    maxContentLength: MAX_RESPONSE_BYTES,
    responseType: 'json',
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
  });

  // Unknown until the first answer: assume the local clock, but trust it only loosely.
  let clockOffsetMs = 0;
  let clockUncertaintyMs = 10 * 60 * 1000;
  const UNSYNCED_UNCERTAINTY_MS = clockUncertaintyMs;
  const rateLimitListeners = new Set<(info: RateLimitInfo, endpoint: string) => void>();

  const createdJobs = new Set<string>();
  /** A POST answered with a job id (whatever asked for it): a job this client knows it created. */
  function noteCreatedJob(data: unknown): void {
    const jobId = (data as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId !== 'string' || jobId === '') return;
    createdJobs.add(jobId);
    if (createdJobs.size > MAX_REMEMBERED_JOBS)
      createdJobs.delete(createdJobs.values().next().value as string);
  }

  function observeServerDate(headers: Record<string, unknown>, sentAtMs: number): void {
    const date = Date.parse(String(headers.date ?? ''));
    if (Number.isNaN(date)) return;
    const receivedAtMs = Date.now();
    // The header is truncated to the second: the true server time lies within [date, date + 1 s).
    clockOffsetMs = date + 500 - (sentAtMs + receivedAtMs) / 2;
    clockUncertaintyMs = Math.min(
      UNSYNCED_UNCERTAINTY_MS,
      500 + (receivedAtMs - sentAtMs) / 2 + 250,
    );
  }

  async function call<S extends z.ZodType>(
    method: Method,
    path: string,
    endpoint: string,
    schema: S,
    init: {
      body?: unknown;
      params?: Record<string, unknown>;
      key?: string;
      signal?: AbortSignal;
    } = {},
  ): Promise<z.infer<S>> {
    const key = init.key ?? (await options.getApiKey());
    if (!key) {
      throw new DiaristError(
        'missing-key',
        'No pyannoteAI API key is set. Add your key in Settings to continue.',
        { detail: `${endpoint} not sent`, key: 'api.missingKey' },
      );
    }
    let response: AxiosResponse;
    const sentAtMs = Date.now();
    try {
      const agents = options.agentsFor
        ? await options.agentsFor(`${baseUrl}${path}`)
        : DIRECT_AGENTS;
      response = await http.request({
        ...agents,
        method,
        url: path,
        data: init.body,
        params: init.params,
        signal: init.signal,
        headers: { Authorization: `Bearer ${key}` },
      });
    } catch (error) {
      options.onRequest?.(endpoint, undefined);
      throw errorFromTransport(endpoint, error);
    }
    options.onRequest?.(endpoint, response.status);
    const headers = response.headers as Record<string, unknown>;
    observeServerDate(headers, sentAtMs);
    // An epoch X-RateLimit-Reset is read on the service's clock.
    const serverNowMs = Date.now() + clockOffsetMs;
    const rateLimit = readRateLimit(headers, serverNowMs);
    options.onRateLimit?.(rateLimit, endpoint);
    for (const listener of rateLimitListeners) listener(rateLimit, endpoint);
    // Any 2xx carries a usable body: media/input documents 201, community clients also saw 200.
    if (response.status < 200 || response.status >= 300) {
      throw errorFromStatus(endpoint, response.status, response.data, headers, serverNowMs);
    }
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new DiaristError(
        'bad-response',
        'pyannoteAI sent an answer Diarist could not read. Diarist will try again.',
        {
          detail: `${endpoint} answered HTTP ${response.status} with an unexpected body (${describeBody(response.data)})`,
          retryable: true,
          key: 'api.unreadableAnswer',
          status: response.status,
        },
      );
    }
    // Only an answer read in full counts: a job behind an unreadable one may be the one to find.
    if (method === 'POST') noteCreatedJob(parsed.data);
    return parsed.data;
  }

  /** POST of a job (diarize, identify, voiceprint): the same answer, errors and rate limits for each kind. */
  async function submitJob(
    path: '/v1/diarize' | '/v1/identify' | '/v1/voiceprint',
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<JobCreated> {
    const data = await call('POST', path, `POST ${path}`, jobCreatedSchema, {
      body,
      ...(signal ? { signal } : {}),
    });
    return {
      jobId: data.jobId,
      status: data.status,
      ...(data.warning ? { warning: data.warning } : {}),
    };
  }

  return {
    baseUrl,
    serverClock: () => ({ nowMs: Date.now() + clockOffsetMs, uncertaintyMs: clockUncertaintyMs }),
    createdJobIds: () => createdJobs,
    watchRateLimit(listener) {
      rateLimitListeners.add(listener);
      return () => rateLimitListeners.delete(listener);
    },
    async testKey(candidateKey, signal) {
      await call('GET', '/v1/test', 'GET /v1/test', testResponseSchema, {
        ...(candidateKey !== undefined ? { key: candidateKey } : {}),
        ...(signal ? { signal } : {}),
      });
    },
    async createUploadUrl(mediaUrl, signal) {
      if (!isValidMediaUrl(mediaUrl)) {
        throw new DiaristError(
          'invalid-request',
          'Internal error: a media key did not follow the service’s rules.',
          {
            detail: 'invalid media:// key rejected before sending',
            key: 'api.badMediaKey',
          },
        );
      }
      const data = await call(
        'POST',
        '/v1/media/input',
        'POST /v1/media/input',
        mediaResponseSchema,
        {
          body: { url: mediaUrl },
          ...(signal ? { signal } : {}),
        },
      );
      return data.url;
    },
    diarize(mediaUrl, diarizeOptions, signal) {
      return submitJob('/v1/diarize', toDiarizeRequestBody(mediaUrl, diarizeOptions), signal);
    },
    async identify(mediaUrl, identifyOptions, voiceprints, signal) {
      const valid =
        voiceprints.length >= 1 &&
        voiceprints.length <= MAX_VOICES_PER_RECOGNITION &&
        voiceprints.every(
          (v) =>
            VOICE_ID_PATTERN.test(v.label) &&
            typeof v.voiceprint === 'string' &&
            v.voiceprint.length > 0,
        );
      if (!valid) {
        throw new DiaristError(
          'invalid-request',
          'Internal error: the known voices to look for were not valid (1 to 50, each under its id), so nothing was sent.',
          {
            detail: `identify with ${voiceprints.length} voiceprints rejected before sending`,
            key: 'voices.recogniseInvalid',
          },
        );
      }
      return submitJob(
        '/v1/identify',
        toIdentifyRequestBody(mediaUrl, identifyOptions, voiceprints),
        signal,
      );
    },
    createVoiceprint(mediaUrl, signal) {
      return submitJob('/v1/voiceprint', { url: mediaUrl, model: 'precision-2' }, signal);
    },
    async getJob(jobId, signal) {
      const data = await call(
        'GET',
        `/v1/jobs/${encodeURIComponent(jobId)}`,
        'GET /v1/jobs/{id}',
        jobSchema,
        signal ? { signal } : {},
      );
      const job: ServiceJob = { jobId: data.jobId, status: data.status };
      if (data.createdAt) job.createdAt = data.createdAt;
      if (data.updatedAt) job.updatedAt = data.updatedAt;
      if (data.output !== undefined && data.output !== null) job.output = data.output;
      return job;
    },
    async listJobs(query = {}, signal) {
      const params: Record<string, unknown> = { limit: query.limit ?? 100 };
      if (query.cursor) params.cursor = query.cursor;
      if (query.status) params.status = query.status;
      const data = await call('GET', '/v2/jobs', 'GET /v2/jobs', jobListSchema, {
        params,
        ...(signal ? { signal } : {}),
      });
      return {
        items: data.items.map((item) => ({
          id: item.id,
          status: item.status,
          createdAt: item.createdAt,
        })),
        nextCursor: data.nextCursor ?? null,
      };
    },
  };
}

function describeBody(data: unknown): string {
  if (typeof data === 'string')
    return /<html|<!doctype/i.test(data) ? 'an HTML page' : `text of ${data.length} characters`;
  if (data === null || data === undefined) return 'no body';
  return Array.isArray(data) ? 'a JSON array' : 'JSON with missing or wrong fields';
}
