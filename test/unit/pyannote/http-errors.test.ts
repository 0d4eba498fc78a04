import { describe, expect, it } from 'vitest';
import { AxiosError } from 'axios';
import { errorFromStatus, errorFromTransport } from '../../../src/core/pyannote/http-errors';

const E = 'POST /v1/diarize';

describe('errors from HTTP statuses', () => {
  it('400 carries field errors and names them in the message', () => {
    const error = errorFromStatus(
      E,
      400,
      {
        message: 'Invalid request',
        errors: [{ field: 'minSpeakers', message: 'must be <= maxSpeakers' }],
      },
      {},
    );
    expect(error.code).toBe('invalid-request');
    expect(error.fieldErrors).toEqual([
      { field: 'minSpeakers', message: 'must be <= maxSpeakers' },
    ]);
    expect(error.message).toContain('minSpeakers: must be <= maxSpeakers');
    expect(error.retryable).toBe(false);
  });

  it.each([
    [401, 'unauthorized', false],
    [402, 'payment-required', false],
    [404, 'not-found', false],
    [500, 'server-error', true],
    [503, 'server-error', true],
    [418, 'bad-response', true],
  ] as const)('%i becomes %s', (status, code, retryable) => {
    const error = errorFromStatus(E, status, { requestId: 'r-1', message: 'nope' }, {});
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.detail).toContain(`HTTP ${status}`);
    expect(error.detail).toContain('request r-1');
  });

  it('429 carries the wait the server asked for', () => {
    const error = errorFromStatus(E, 429, {}, { 'retry-after': '12' });
    expect(error.code).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(12_000);
    expect(error.retryable).toBe(true);
  });

  it('never copies a key or signed URL the server echoes back', () => {
    const error = errorFromStatus(
      E,
      500,
      { message: 'bad Bearer sk_abcdef123456 at https://x.test/u?X-Amz-Signature=s3cr3t' },
      {},
    );
    const text = JSON.stringify(error) + error.message + error.detail;
    expect(text).not.toContain('sk_abcdef123456');
    expect(text).not.toContain('s3cr3t');
  });
});

describe('errors without an HTTP answer', () => {
  const axiosError = (code: string, message = 'x') =>
    new AxiosError(message, code, {
      headers: { Authorization: 'Bearer sk_topsecret999' },
    } as never);

  it('maps connection failures to network, retryable', () => {
    const error = errorFromTransport(E, axiosError('ECONNREFUSED'));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('maps timeouts to timeout', () => {
    expect(errorFromTransport(E, axiosError('ETIMEDOUT')).code).toBe('timeout');
    expect(errorFromTransport(E, axiosError('ECONNABORTED', 'timeout of 10ms exceeded')).code).toBe(
      'timeout',
    );
  });

  it('says a certificate is not trusted (TLS inspection), and keeps trying', () => {
    const error = errorFromTransport(E, axiosError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/does not trust the secure connection.*NODE_EXTRA_CA_CERTS/);
  });

  it('says the proxy wants a sign-in on HTTP 407', () => {
    const error = errorFromStatus(E, 407, '<html>Proxy Authentication Required</html>', {});
    expect(error.message).toMatch(/proxy asks for a sign-in/);
    expect(error.retryable).toBe(true);
  });

  it('maps an abort to canceled', () => {
    expect(errorFromTransport(E, axiosError('ERR_CANCELED')).code).toBe('canceled');
  });

  it('keeps nothing of the axios error, whose config holds the key', () => {
    const error = errorFromTransport(E, axiosError('ECONNRESET'));
    expect(JSON.stringify(error)).not.toContain('topsecret');
    expect(Object.values(error).some((v) => v instanceof AxiosError)).toBe(false);
    expect(error.cause).toBeUndefined();
  });
});
