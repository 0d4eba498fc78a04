/** The serializable error every layer hands to people: a code to branch on and plain words. */

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

/** What crosses process boundaries and is stored in job records. Never holds a key or signed URL. */
export interface ErrorInfo {
  code: ErrorCode;
  /** Plain language for the person: what happened and what to do next. */
  message: string;
  /** Technical detail for support (status, request id, endpoint); already redacted. */
  detail?: string;
  /** Whether trying again later can succeed without the person changing anything. */
  retryable: boolean;
}
