/** Streams a local file to pyannoteAI's temporary storage, retrying with a fresh pre-signed URL. */

import { open, type FileHandle } from 'node:fs/promises';
import type { ReadStream } from 'node:fs';
import axios, { type AxiosInstance } from 'axios';
import { DiaristError, isDiaristError } from '../errors';
import type { PyannoteClient } from '../pyannote/client';
import { errorFromTransport, proxySignInError } from '../pyannote/http-errors';
import { DIRECT_AGENTS, type AgentsFor } from '../network/agents';
import { assertUnchanged, sourceError, type ExpectedSource } from './source-file';
import {
  backoffDelayMs,
  canceled,
  DEFAULT_BACKOFF,
  sleep,
  type BackoffPolicy,
} from '../retry/backoff';

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  /** 1-based attempt number; progress starts again from 0 on a retry. */
  attempt: number;
}

export interface UploadRequest {
  path: string;
  mediaUrl: string;
  /** What the pre-flight check saw; a file that changed since then is not uploaded. */
  expected?: ExpectedSource;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Told before each retry, so the person sees why the upload restarts. */
  onRetry?: (error: DiaristError, nextAttempt: number, delayMs: number) => void;
  /** Waits between attempts (default: a plain sleep); the engine's ends early when the network is back. */
  waitBeforeRetry?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface UploaderOptions {
  client: Pick<PyannoteClient, 'createUploadUrl'>;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Abort an attempt when no byte moved (and no answer came) for this long. */
  stallTimeoutMs?: number;
  readChunkBytes?: number;
  /** Least time between two progress events (the last one is always sent). */
  progressIntervalMs?: number;
  random?: () => number;
  /** The agents (proxy, trusted CAs) for the storage host; without it, direct with Node's defaults. */
  agentsFor?: AgentsFor;
}

export interface Uploader {
  upload(request: UploadRequest): Promise<void>;
}

const STORAGE = 'pyannoteAI storage';
/** Starts the technical detail of every error about the PUT itself (not the API's upload link). */
export const PUT_ENDPOINT = 'PUT <pre-signed upload URL>';

/** True when `error` is about the storage service (the PUT), not about pyannoteAI's API. */
export function isStorageError(error: { detail?: string | undefined }): boolean {
  return error.detail?.startsWith(PUT_ENDPOINT) === true;
}

/**
 * S3 error codes that say "not now" rather than "not this file". RequestTimeout (400): the store
 * closed a connection that stalled; ExpiredToken / TokenRefreshRequired (400): the link's
 * temporary credentials ran out; IncompleteBody (400): the body ended early (a dropped connection).
 * RequestTimeTooSkewed and AccessDenied come as 403, SlowDown / InternalError /
 * ServiceUnavailable as 5xx, which are retried anyway. A fresh link fixes each of them.
 */
const TRANSIENT_S3_CODES = new Set([
  'RequestTimeout',
  'ExpiredToken',
  'TokenRefreshRequired',
  'IncompleteBody',
  'SlowDown',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeTooSkewed',
]);

export function createUploader(options: UploaderOptions): Uploader {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  const readChunkBytes = options.readChunkBytes ?? 1024 * 1024;
  const progressIntervalMs = options.progressIntervalMs ?? 100;
  // Separate from the API client on purpose: the bearer key must never go to the storage host.
  const storage: AxiosInstance = axios.create({
    // With redirects enabled axios (follow-redirects) buffers the whole body to be able to replay it.
    maxRedirects: 0,
    // Proxies come from `agentsFor` only; through one, the body still streams with its length.
    proxy: false,
    maxBodyLength: Infinity,
    maxContentLength: 1024 * 1024,
    timeout: 0,
    validateStatus: () => true,
    responseType: 'text',
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });

  async function attemptOnce(request: UploadRequest, attempt: number): Promise<void> {
    const url = await options.client.createUploadUrl(request.mediaUrl, request.signal);
    const agents = options.agentsFor ? await options.agentsFor(url) : DIRECT_AGENTS;
    const handle = await openSource(request);
    const { size } = await handle.stat();
    const stream = handle.createReadStream({ highWaterMark: readChunkBytes, autoClose: true });
    const stall = new AbortController();
    let stallTimer: NodeJS.Timeout | undefined;
    const armStallTimer = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => stall.abort(), stallTimeoutMs);
    };
    const progress = throttle(request.onProgress, progressIntervalMs);
    const report = progress.report;
    let sentBytes = 0;
    stream.on('data', (chunk) => {
      sentBytes += chunk.length;
      armStallTimer();
      report({ sentBytes, totalBytes: size, attempt });
    });
    report({ sentBytes: 0, totalBytes: size, attempt });
    armStallTimer();
    const signals = [stall.signal, ...(request.signal ? [request.signal] : [])];
    try {
      const response = await storage.put(url, stream, {
        ...agents,
        signal: AbortSignal.any(signals),
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
      });
      if (response.status >= 200 && response.status < 300 && sentBytes === size) {
        report({ sentBytes: size, totalBytes: size, attempt }, true);
        return;
      }
      throw storageRejection(response.status, String(response.data ?? ''), sentBytes, size);
    } catch (error) {
      if (request.signal?.aborted) throw canceled();
      if (stall.signal.aborted) {
        throw new DiaristError(
          'timeout',
          `${STORAGE} stopped responding during the upload. Diarist will try again.`,
          {
            detail: `${PUT_ENDPOINT} stalled for ${stallTimeoutMs} ms`,
            retryable: true,
            key: 'upload.stalled',
          },
        );
      }
      throw isDiaristError(error) ? error : errorFromTransport(PUT_ENDPOINT, error, STORAGE);
    } finally {
      clearTimeout(stallTimer);
      progress.cancel();
      await closeStream(stream);
    }
  }

  return {
    async upload(request) {
      let lastError: DiaristError | undefined;
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        if (request.signal?.aborted) throw canceled();
        try {
          await attemptOnce(request, attempt);
          return;
        } catch (error) {
          const failure = isDiaristError(error)
            ? error
            : errorFromTransport(PUT_ENDPOINT, error, STORAGE);
          if (failure.code === 'canceled' || !failure.retryable) throw failure;
          lastError = failure;
          if (attempt === maxAttempts) break;
          const delay = Math.max(
            backoffDelayMs(attempt, backoff, options.random),
            failure.retryAfterMs ?? 0,
          );
          request.onRetry?.(failure, attempt + 1, delay);
          await (request.waitBeforeRetry ?? sleep)(delay, request.signal);
        }
      }
      throw new DiaristError(
        lastError?.code ?? 'network',
        `The upload failed ${maxAttempts} times. ${lastError?.message ?? ''} You can retry the job later; nothing was lost.`.trim(),
        {
          detail: lastError?.detail ?? 'upload failed',
          retryable: true,
          key: 'upload.failedTimes',
          // The last attempt's own words come inside: its key and values travel with the count.
          params: {
            ...lastError?.params,
            attempts: maxAttempts,
            ...(lastError?.key ? { causeKey: lastError.key } : {}),
            ...(lastError ? { causeMessage: lastError.message } : {}),
          },
        },
      );
    },
  };
}

async function openSource(request: UploadRequest): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(request.path, 'r');
  } catch (error) {
    throw sourceError(error);
  }
  if (request.expected) {
    try {
      assertUnchanged(await handle.stat(), request.expected);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/** Storage answers S3-style: an XML body with a <Code>; 403 means the signed URL expired or was refused. */
export function storageRejection(
  status: number,
  body: string,
  sentBytes: number,
  size: number,
): DiaristError {
  const code = /<Code>([^<]{1,64})<\/Code>/.exec(body)?.[1];
  const detail = `${PUT_ENDPOINT} answered HTTP ${status}${code ? ` (${code})` : ''} after ${sentBytes} of ${size} bytes`;
  if (status === 407) return proxySignInError(detail);
  if (status >= 200 && status < 300) {
    return new DiaristError(
      'network',
      `${STORAGE} confirmed an incomplete upload. Diarist will try again.`,
      { detail, retryable: true, key: 'upload.incomplete' },
    );
  }
  if (code === 'RequestTimeout') {
    return new DiaristError(
      'upload-rejected',
      `${STORAGE} stopped waiting because the upload stalled. Diarist will try again with a fresh upload link.`,
      { detail, retryable: true, status, key: 'upload.storageTimedOut' },
    );
  }
  if (
    status === 403 ||
    status === 408 ||
    status === 429 ||
    status >= 500 ||
    (code !== undefined && TRANSIENT_S3_CODES.has(code))
  ) {
    return new DiaristError(
      'upload-rejected',
      `${STORAGE} refused the upload for now (HTTP ${status}). Diarist will try again with a fresh upload link.`,
      {
        detail,
        retryable: true,
        status,
        key: 'upload.refusedForNow',
        params: { status },
      },
    );
  }
  return new DiaristError(
    'upload-rejected',
    `${STORAGE} refused the file (HTTP ${status}${code ? `, ${code}` : ''}). Retry; if it is refused again, copy the diagnostics (Settings) and send them to pyannoteAI support.`,
    {
      detail,
      status,
      ...(code
        ? { key: 'upload.refusedFileCode', params: { status, storageCode: code } }
        : { key: 'upload.refusedFile', params: { status } }),
    },
  );
}

function closeStream(stream: ReadStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed) {
      resolve();
      return;
    }
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

/**
 * At most one progress event per interval, and the latest one is always delivered (after the
 * interval) so a bar never freezes at an old value when the transfer pauses.
 */
function throttle(
  onProgress: ((progress: UploadProgress) => void) | undefined,
  intervalMs: number,
): { report: (progress: UploadProgress, force?: boolean) => void; cancel: () => void } {
  let last = 0;
  let pending: UploadProgress | undefined;
  let timer: NodeJS.Timeout | undefined;
  const deliver = (progress: UploadProgress) => {
    clearTimeout(timer);
    timer = undefined;
    pending = undefined;
    last = Date.now();
    onProgress?.(progress);
  };
  return {
    report(progress, force = false) {
      if (!onProgress) return;
      const wait = intervalMs - (Date.now() - last);
      if (force || wait <= 0) {
        deliver(progress);
        return;
      }
      pending = progress;
      timer ??= setTimeout(() => pending && deliver(pending), wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
