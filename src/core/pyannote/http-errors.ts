/** Maps HTTP outcomes and transport failures to the few errors a person can act on. */

import { isAxiosError } from 'axios';
import { DiaristError, isDiaristError } from '../errors';
import { redact } from '../../shared/redact';
import type { FieldError } from '../../shared/errors';
import { readRateLimit } from './rate-limit';
import { apiErrorSchema, validationErrorSchema } from './schemas';

const MAX_DETAIL_CHARS = 300;

/** Short, redacted excerpt of what the server said, for the technical details. */
function serverSaid(data: unknown): string | undefined {
  const parsed = apiErrorSchema.safeParse(data);
  const text =
    parsed.success && parsed.data.message
      ? parsed.data.message
      : typeof data === 'string'
        ? data
        : undefined;
  if (!text) return undefined;
  const oneLine = redact(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS)}…` : oneLine;
}

function requestIdOf(data: unknown): string | undefined {
  const parsed = apiErrorSchema.safeParse(data);
  return parsed.success ? parsed.data.requestId : undefined;
}

function describe(endpoint: string, status: number, data: unknown): string {
  const requestId = requestIdOf(data);
  const said = serverSaid(data);
  return [
    `${endpoint} answered HTTP ${status}`,
    requestId && `request ${requestId}`,
    said && `"${said}"`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Error for a non-2xx answer from the pyannoteAI API. `endpoint` is e.g. "POST /v1/diarize". */
export function errorFromStatus(
  endpoint: string,
  status: number,
  data: unknown,
  headers: Record<string, unknown>,
  nowMs = Date.now(),
): DiaristError {
  const detail = describe(endpoint, status, data);
  const requestId = requestIdOf(data);
  const base = { detail, status, ...(requestId ? { requestId } : {}) };
  if (status === 400 || status === 422) {
    const parsed = validationErrorSchema.safeParse(data);
    const fieldErrors: FieldError[] = parsed.success
      ? (parsed.data.errors ?? []).map((e) => ({ field: e.field, message: redact(e.message) }))
      : [];
    const list = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new DiaristError(
      'invalid-request',
      `pyannoteAI did not accept the request${list ? ` (${list})` : ''}. Check the options for this recording and try again.`,
      {
        ...base,
        fieldErrors,
        ...(list
          ? { key: 'api.invalidRequestFields', params: { fields: list } }
          : { key: 'api.invalidRequest' }),
      },
    );
  }
  if (status === 401) {
    return new DiaristError(
      'unauthorized',
      'pyannoteAI did not accept the API key. Copy the key again from the pyannoteAI dashboard and enter it in Settings.',
      { ...base, key: 'api.unauthorized' },
    );
  }
  if (status === 402) {
    return new DiaristError(
      'payment-required',
      'Your pyannoteAI team has no active subscription or has reached its monthly budget. Check billing in the pyannoteAI dashboard, then retry.',
      { ...base, key: 'api.paymentRequired' },
    );
  }
  if (status === 403) {
    return new DiaristError(
      'unauthorized',
      'This API key is not allowed to do that. Check the key’s permissions in the pyannoteAI dashboard.',
      { ...base, key: 'api.forbidden' },
    );
  }
  if (status === 407) return proxySignInError(detail);
  if (status === 404) {
    return new DiaristError(
      'not-found',
      'pyannoteAI no longer knows this item; it may have expired.',
      { ...base, key: 'api.notFound' },
    );
  }
  if (status === 429) {
    const { retryAfterMs } = readRateLimit(headers, nowMs);
    return new DiaristError(
      'rate-limited',
      'pyannoteAI asked us to slow down. Diarist will continue automatically.',
      {
        ...base,
        key: 'api.rateLimited',
        retryable: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
    );
  }
  if (status >= 500) {
    return new DiaristError(
      'server-error',
      'pyannoteAI had a problem on its side. Diarist will try again shortly.',
      {
        ...base,
        key: 'api.serverError',
        retryable: true,
      },
    );
  }
  return new DiaristError(
    'bad-response',
    `pyannoteAI answered in an unexpected way (HTTP ${status}). Try again later.`,
    {
      ...base,
      key: 'api.unexpectedStatus',
      params: { status },
      retryable: true,
    },
  );
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'EPROTO',
  'ECONNABORTED',
]);

/** The network's proxy wants a sign-in (HTTP 407), which Diarist does not do; a person can act on it. */
export function proxySignInError(detail: string): DiaristError {
  return new DiaristError(
    'network',
    'The network’s proxy asks for a sign-in, which Diarist cannot do. Ask your IT team to let Diarist reach pyannoteAI without one; Diarist will keep trying.',
    { detail, retryable: true, status: 407, key: 'api.proxySignIn' },
  );
}

/** Node's codes for a certificate it does not trust: typical behind TLS inspection. */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Error for a request that never got an HTTP answer (or was canceled). Holds no axios object. */
export function errorFromTransport(
  endpoint: string,
  error: unknown,
  what = 'pyannoteAI',
): DiaristError {
  if (isDiaristError(error)) return error;
  // The page's words name the API or its storage; `what` is the English name in the message.
  const target = what === 'pyannoteAI' ? 'api' : 'storage';
  const code = isAxiosError(error) ? error.code : (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  if (code === 'ERR_CANCELED' || name === 'CanceledError' || name === 'AbortError') {
    return new DiaristError('canceled', 'Canceled.', {
      detail: `${endpoint} canceled`,
      key: 'other.canceled',
    });
  }
  if (
    code === 'ETIMEDOUT' ||
    (code === 'ECONNABORTED' && /timeout/i.test(String((error as Error).message)))
  ) {
    return new DiaristError('timeout', `${what} did not answer in time. Diarist will try again.`, {
      detail: `${endpoint} timed out`,
      retryable: true,
      key: `transport.${target}.timeout`,
    });
  }
  if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
    // Raised when an answer is larger than any real one could be (maxContentLength).
    return new DiaristError(
      'bad-response',
      `${what} sent an answer that is far too large to be real. Diarist will try again later.`,
      {
        detail: `${endpoint} answer exceeded the size limit`,
        retryable: true,
        key: `transport.${target}.tooLarge`,
      },
    );
  }
  if (typeof code === 'string' && UNTRUSTED_CERTIFICATE_CODES.has(code)) {
    return new DiaristError(
      'network',
      `Diarist does not trust the secure connection to ${what}. If your network inspects secure traffic, its certificate must be installed on this computer (for the command line, set NODE_EXTRA_CA_CERTS). Diarist will keep trying.`,
      {
        detail: `${endpoint} failed: ${code}`,
        retryable: true,
        key: `transport.${target}.untrusted`,
      },
    );
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new DiaristError(
      'network',
      `Cannot reach ${what}. Check your internet connection; Diarist will keep trying.`,
      {
        detail: `${endpoint} failed: ${code}`,
        retryable: true,
        key: `transport.${target}.unreachable`,
      },
    );
  }
  return new DiaristError('network', `The connection to ${what} failed. Diarist will try again.`, {
    detail: `${endpoint} failed: ${typeof code === 'string' ? code : 'unknown transport error'}`,
    retryable: true,
    key: `transport.${target}.failed`,
  });
}
