/** The serializable error every layer hands to people: a code to branch on and plain words. */

import type { ErrorKey } from './error-keys';

export type { ErrorKey } from './error-keys';

export const ERROR_CODES = [
  'missing-key',
  'unauthorized',
  'payment-required',
  'invalid-request',
  'not-found',
  'rate-limited',
  'server-error',
  'network',
  'timeout',
  'bad-response',
  'canceled',
  'upload-rejected',
  'source-missing',
  'source-changed',
  'source-unreadable',
  'unsupported-file',
  'result-expired',
  'submit-unconfirmed',
  'disk-full',
  'write-failed',
  'already-running',
  /** Something failed inside Diarist that it has no plain words for; the details are in the log. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The values a message is made of (a size, a limit, a duration, an HTTP status), raw: the page
 * writes them in the person's language. Names say the unit: `…Bytes` is a size in bytes,
 * `…Seconds` a duration in seconds; anything else is shown as it is.
 */
export type ErrorParams = Record<string, string | number>;

/** What crosses process boundaries and is stored in job records. Never holds a key or signed URL. */
export interface ErrorInfo {
  code: ErrorCode;
  /** Plain language for the person: what happened and what to do next (in English: the command line's and the log's words). */
  message: string;
  /**
   * Which message this is, as a key of the `errors` catalogue (one code has several messages),
   * so the page can say it in the person's language; with `params`, its values. Absent: the page
   * shows `message`.
   */
  key?: ErrorKey;
  params?: ErrorParams;
  /** Technical detail for support (status, request id, endpoint); already redacted. */
  detail?: string;
  /** Whether trying again later can succeed without the person changing anything. */
  retryable: boolean;
}
