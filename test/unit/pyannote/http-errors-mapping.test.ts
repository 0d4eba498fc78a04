/**
 * Every HTTP answer and transport failure maps to the error a person can act on: its code,
 * whether waiting helps, the words shown and the details kept for support.
 */

import { describe, expect, it } from 'vitest';
import { AxiosError } from 'axios';
import { DiaristError } from '../../../src/core/errors';
import { errorFromStatus, errorFromTransport } from '../../../src/core/pyannote/http-errors';

const E = 'GET /v2/jobs';

describe('answers with an error status', () => {
  it.each([
    [400, 'invalid-request', false, /did not accept the request\. Check the options/],
    [422, 'invalid-request', false, /did not accept the request\. Check the options/],
    [401, 'unauthorized', false, /did not accept the API key\. Copy the key again/],
    [402, 'payment-required', false, /no active subscription.*Check billing/],
    [403, 'unauthorized', false, /not allowed to do that\. Check the key’s permissions/],
    [404, 'not-found', false, /no longer knows this item/],
    [429, 'rate-limited', true, /slow down\. Diarist will continue automatically/],
    [500, 'server-error', true, /problem on its side\. Diarist will try again/],
    [502, 'server-error', true, /problem on its side/],
    [409, 'bad-response', true, /unexpected way \(HTTP 409\)\. Try again later/],
    [302, 'bad-response', true, /unexpected way \(HTTP 302\)/],
    [499, 'bad-response', true, /unexpected way \(HTTP 499\)/],
  ] as const)('%i → %s (retryable: %s)', (status, code, retryable, words) => {
    const error = errorFromStatus(E, status, undefined, {});
    expect(error).toBeInstanceOf(DiaristError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(words);
    expect(error.status).toBe(status);
    expect(error.detail).toBe(`${E} answered HTTP ${status}`);
    expect(error.requestId).toBeUndefined();
  });

  it('keeps the request id and what the server said in the details', () => {
    const error = errorFromStatus(E, 503, { requestId: 'req-9', message: 'overloaded' }, {});
    expect(error.detail).toBe(`${E} answered HTTP 503, request req-9, "overloaded"`);
    expect(error.requestId).toBe('req-9');
  });

  it('quotes a plain-text answer on one line, and cuts a long one at 300 characters', () => {
    expect(errorFromStatus(E, 500, '  upstream\n\n  timed   out ', {}).detail).toBe(
      `${E} answered HTTP 500, "upstream timed out"`,
    );
    const long = errorFromStatus(E, 500, 'x'.repeat(400), {}).detail!;
    expect(long).toBe(`${E} answered HTTP 500, "${'x'.repeat(300)}…"`);
    expect(errorFromStatus(E, 500, 'y'.repeat(300), {}).detail).toBe(
      `${E} answered HTTP 500, "${'y'.repeat(300)}"`,
    );
  });

  it('prefers the JSON message over the body, and says nothing for a body without one', () => {
    expect(errorFromStatus(E, 500, { message: 'db down', other: 1 }, {}).detail).toBe(
      `${E} answered HTTP 500, "db down"`,
    );
    expect(errorFromStatus(E, 500, { other: 1 }, {}).detail).toBe(`${E} answered HTTP 500`);
    expect(errorFromStatus(E, 500, '', {}).detail).toBe(`${E} answered HTTP 500`);
  });

  it('lists every field the service refused, and none when it named none', () => {
    const error = errorFromStatus(
      E,
      422,
      {
        errors: [
          { field: 'numSpeakers', message: 'must be positive' },
          { field: 'model', message: 'unknown' },
        ],
      },
      {},
    );
    expect(error.message).toBe(
      'pyannoteAI did not accept the request (numSpeakers: must be positive; model: unknown). Check the options for this recording and try again.',
    );
    expect(error.fieldErrors).toHaveLength(2);
    const bare = errorFromStatus(E, 400, { message: 'bad' }, {});
    expect(bare.message).toBe(
      'pyannoteAI did not accept the request. Check the options for this recording and try again.',
    );
    expect(bare.fieldErrors).toEqual([]);
    expect(errorFromStatus(E, 400, 'not json', {}).fieldErrors).toEqual([]);
  });

  it('429 without a hint carries no wait; with one, the wait it names', () => {
    expect(errorFromStatus(E, 429, undefined, {}).retryAfterMs).toBeUndefined();
    expect(errorFromStatus(E, 429, undefined, { 'retry-after': '3' }).retryAfterMs).toBe(3_000);
  });
});

describe('requests that got no answer', () => {
  const axiosError = (code: string | undefined, message = 'x') =>
    new AxiosError(message, code, { headers: {} } as never);

  it.each([
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
  ])('%s: cannot reach the service, check the connection', (code) => {
    const error = errorFromTransport(E, axiosError(code, 'socket hang up'));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      'Cannot reach pyannoteAI. Check your internet connection; Diarist will keep trying.',
    );
    expect(error.detail).toBe(`${E} failed: ${code}`);
  });

  it('names the other side it could not reach', () => {
    expect(errorFromTransport('PUT upload', axiosError('ECONNRESET'), 'the upload').message).toBe(
      'Cannot reach the upload. Check your internet connection; Diarist will keep trying.',
    );
    expect(errorFromTransport('PUT upload', axiosError('ETIMEDOUT'), 'the upload').message).toBe(
      'the upload did not answer in time. Diarist will try again.',
    );
  });

  it('an unknown failure is a retryable connection failure that names its code, if any', () => {
    const coded = errorFromTransport(E, axiosError('EWEIRD'));
    expect(coded).toMatchObject({
      code: 'network',
      retryable: true,
      detail: `${E} failed: EWEIRD`,
    });
    expect(coded.message).toBe('The connection to pyannoteAI failed. Diarist will try again.');
    const plain = errorFromTransport(E, new Error('boom'));
    expect(plain.detail).toBe(`${E} failed: unknown transport error`);
    expect(errorFromTransport(E, { code: 42 }).detail).toBe(`${E} failed: unknown transport error`);
    expect(errorFromTransport(E, null).code).toBe('network');
    expect(errorFromTransport(E, { code: 'ECONNRESET' }).detail).toBe(`${E} failed: ECONNRESET`);
  });

  it('timeouts: ETIMEDOUT, and ECONNABORTED only when it says timeout', () => {
    const timedOut = errorFromTransport(E, axiosError('ETIMEDOUT'));
    expect(timedOut).toMatchObject({ code: 'timeout', retryable: true, detail: `${E} timed out` });
    expect(timedOut.message).toBe('pyannoteAI did not answer in time. Diarist will try again.');
    expect(errorFromTransport(E, axiosError('ECONNABORTED', 'Timeout of 5 ms')).code).toBe(
      'timeout',
    );
    expect(errorFromTransport(E, axiosError('ECONNABORTED', 'aborted')).code).toBe('network');
  });

  it('an answer over the size limit is a bad response, retryable later', () => {
    for (const code of ['ERR_BAD_RESPONSE', 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED']) {
      const error = errorFromTransport(E, axiosError(code));
      expect(error).toMatchObject({
        code: 'bad-response',
        retryable: true,
        detail: `${E} answer exceeded the size limit`,
      });
      expect(error.message).toBe(
        'pyannoteAI sent an answer that is far too large to be real. Diarist will try again later.',
      );
    }
  });

  it('an abort in any form is canceled, not retried', () => {
    const byName = (name: string) => Object.assign(new Error('stop'), { name });
    for (const error of [axiosError('ERR_CANCELED'), byName('CanceledError'), byName('AbortError')])
      expect(errorFromTransport(E, error)).toMatchObject({
        code: 'canceled',
        retryable: false,
        message: 'Canceled.',
        detail: `${E} canceled`,
      });
  });

  it('passes a Diarist error through unchanged', () => {
    const own = new DiaristError('source-missing', 'gone');
    expect(errorFromTransport(E, own)).toBe(own);
  });
});
