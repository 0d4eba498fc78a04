/** The one error class core services throw: safe to log, show and serialize. */

import type { ErrorCode, ErrorInfo, ErrorKey, ErrorParams, FieldError } from '../shared/errors';
import { redact } from '../shared/redact';

interface DiaristErrorInit {
  detail?: string;
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  fieldErrors?: FieldError[];
  requestId?: string;
  /** The message's key in the `errors` catalogue, and its values, for the page's words. */
  key?: ErrorKey;
  params?: ErrorParams;
}

/**
 * Holds only what a person or support needs. It never keeps the underlying library error
 * (axios errors carry request headers, including the bearer key, and pre-signed URLs).
 */
export class DiaristError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly fieldErrors: FieldError[] | undefined;
  readonly requestId: string | undefined;
  readonly key: ErrorKey | undefined;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, message: string, init: DiaristErrorInit = {}) {
    super(message);
    this.name = 'DiaristError';
    this.code = code;
    this.detail = init.detail;
    this.retryable = init.retryable ?? false;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.fieldErrors = init.fieldErrors;
    this.requestId = init.requestId;
    this.key = init.key;
    this.params = init.params;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.detail) info.detail = this.detail;
    if (this.key) info.key = this.key;
    if (this.params) info.params = this.params;
    return info;
  }

  toJSON(): ErrorInfo {
    return this.toInfo();
  }
}

export function isDiaristError(value: unknown): value is DiaristError {
  return value instanceof DiaristError;
}

/** Turns anything thrown into an ErrorInfo without leaking library internals. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isDiaristError(error)) return error.toInfo();
  return {
    code: 'bad-response',
    message:
      'Something unexpected went wrong. Try again; if it keeps happening, copy the details for support.',
    key: 'other.unexpected',
    detail: error instanceof Error ? redact(`${error.name}: ${error.message}`) : typeof error,
    retryable: true,
  };
}

/**
 * What an error means for the work, decided in one place:
 * - blocking: only the person can fix it (key, subscription); work stops until they do;
 * - offline: the network (or a timeout): work waits and resumes by itself when it returns;
 * - retryable: the service or storage failed for a while: try again after a backoff;
 * - final: trying again cannot help; the job fails with the message.
 */
export type ErrorClass = 'blocking' | 'offline' | 'retryable' | 'final';

const BLOCKING: ReadonlySet<ErrorCode> = new Set([
  'missing-key',
  'unauthorized',
  'payment-required',
]);
const OFFLINE: ReadonlySet<ErrorCode> = new Set(['network', 'timeout']);

export function classifyError(error: Pick<ErrorInfo, 'code' | 'retryable'>): ErrorClass {
  if (BLOCKING.has(error.code)) return 'blocking';
  if (OFFLINE.has(error.code)) return 'offline';
  return error.retryable ? 'retryable' : 'final';
}
