/** The renderer's only door to the app: the typed `window.diarist` bridge and a helper that unwraps its replies. */

import type { ErrorKey, ErrorParams, FieldError } from '../shared/errors';
import type { DiaristApi, Reply } from '../shared/ipc-contract';

declare global {
  interface Window {
    diarist: DiaristApi;
  }
}

/** A failed operation, carrying the plain-language message main wrote for the person. */
export class ApiError extends Error {
  readonly code: string;
  /** The arguments main refused, and why (e.g. "options.speakers.min"). */
  readonly fields: readonly FieldError[];
  /** For support; never shown as the message. */
  readonly detail: string | undefined;
  /** The message's key in the `errors` catalogue and its values: see error-words.ts. */
  readonly key: ErrorKey | undefined;
  readonly params: ErrorParams | undefined;
  constructor(
    code: string,
    message: string,
    extra: {
      fields?: readonly FieldError[] | undefined;
      detail?: string | undefined;
      key?: ErrorKey | undefined;
      params?: ErrorParams | undefined;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = extra.fields ?? [];
    this.detail = extra.detail;
    this.key = extra.key;
    this.params = extra.params;
  }
}

/**
 * Turns a Reply into its value or an ApiError, so components can use try/catch. A missing or
 * broken bridge becomes an ApiError too: the person then sees a message, not a blank window.
 */
export async function unwrap<T>(pending: () => Promise<Reply<T>>): Promise<T> {
  let reply: Reply<T>;
  try {
    reply = await pending();
  } catch (cause) {
    // The raw cause is support detail; the person gets words that say what to do.
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(
      'bridge',
      'Diarist could not reach its own background service. Close Diarist and open it again.',
      { detail, key: 'calls.bridge' },
    );
  }
  if (reply.ok) return reply.value;
  throw new ApiError(reply.error.code, reply.error.message, {
    fields: reply.error.fields,
    detail: reply.error.detail,
    key: reply.error.key,
    params: reply.error.params,
  });
}

/** The bridge itself; a function so tests and previews can install it after this module loads. */
export function api(): DiaristApi {
  return window.diarist;
}

/** The message to show for anything caught from an operation. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
