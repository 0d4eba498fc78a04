/**
 * What the client sends and how it reads every answer, against a scripted local server that
 * records each request: headers, paths, query strings and bodies, and every shape of answer.
 */

import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import { DEFAULT_API_URL } from '../../src/shared/limits';
import {
  createPyannoteClient,
  resolveApiUrl,
  type PyannoteClientOptions,
} from '../../src/core/pyannote/client';
import type { DiaristError } from '../../src/core/errors';
import type { IdentifyOptions } from '../../src/core/pyannote/request-body';
import { MATCH_THRESHOLDS } from '../../src/shared/voices';

const VOICE_A = { label: 'voice-aaaa0001', voiceprint: 'QUFBQQ==' };
const VOICE_B = { label: 'voice-bbbb0002', voiceprint: 'QkJCQg==' };
const IDENTIFY_OPTIONS: IdentifyOptions = {
  ...DEFAULT_DIARIZE_OPTIONS,
  recognise: { voiceIds: [VOICE_A.label, VOICE_B.label], match: 'balanced' },
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const KEY = 'sk_contract_test_key';
let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
let answer: (res: ServerResponse, request: Seen) => void;

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res
      .writeHead(status, { 'Content-Type': 'application/json', ...headers })
      .end(typeof body === 'string' ? body : JSON.stringify(body));

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(request);
      answer(res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
  answer = json({});
});

const client = (options: Partial<PyannoteClientOptions> = {}) =>
  createPyannoteClient({ baseUrl, getApiKey: () => KEY, timeoutMs: 2_000, ...options });

async function failure(action: Promise<unknown>): Promise<DiaristError> {
  try {
    await action;
  } catch (error) {
    return error as DiaristError;
  }
  throw new Error('expected the call to fail');
}

describe('the endpoint', () => {
  it('comes from PYANNOTE_API_URL, trimmed and without trailing slashes, else the public one', () => {
    expect(resolveApiUrl({ PYANNOTE_API_URL: '  http://127.0.0.1:9/api///  ' })).toBe(
      'http://127.0.0.1:9/api',
    );
    expect(resolveApiUrl({ PYANNOTE_API_URL: '   ' })).toBe(DEFAULT_API_URL.replace(/\/+$/, ''));
    expect(resolveApiUrl({})).toBe(DEFAULT_API_URL.replace(/\/+$/, ''));
    expect(createPyannoteClient({ getApiKey: () => KEY }).baseUrl).toBe(resolveApiUrl());
    expect(client().baseUrl).toBe(baseUrl);
  });
});

describe('every request', () => {
  it('carries the key, JSON and the app’s name', async () => {
    await client().testKey();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/test' });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers['user-agent']).toBe('Diarist');
    await client({ userAgent: 'Diarist/9.9 (test)' }).testKey();
    expect(seen[1]!.headers['user-agent']).toBe('Diarist/9.9 (test)');
  });

  it('asks for the key at the moment of sending; a key being checked replaces it', async () => {
    let calls = 0;
    const lazy = client({
      getApiKey: async () => {
        calls += 1;
        return `${KEY}-${calls}`;
      },
    });
    await lazy.testKey();
    await lazy.testKey();
    await lazy.testKey('sk_candidate_key');
    expect(seen.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${KEY}-1`,
      `Bearer ${KEY}-2`,
      'Bearer sk_candidate_key',
    ]);
    expect(calls).toBe(2);
  });

  it('is not sent without a key, and says what to do', async () => {
    for (const getApiKey of [() => undefined, () => ''] as const) {
      const error = await failure(client({ getApiKey }).listJobs());
      expect(error).toMatchObject({
        code: 'missing-key',
        retryable: false,
        message: 'No pyannoteAI API key is set. Add your key in Settings to continue.',
        detail: 'GET /v2/jobs not sent',
      });
    }
    expect(seen).toEqual([]);
  });

  it('is counted, with its status, and its rate-limit headers are passed on', async () => {
    const requests: [string, number | undefined][] = [];
    const limits: [unknown, string][] = [];
    answer = json({}, 200, { 'x-ratelimit-remaining': '7', 'x-ratelimit-limit': '100' });
    const counted = client({
      onRequest: (endpoint, status) => requests.push([endpoint, status]),
      onRateLimit: (info, endpoint) => limits.push([info, endpoint]),
    });
    await counted.testKey();
    expect(requests).toEqual([['GET /v1/test', 200]]);
    expect(limits).toHaveLength(1);
    expect(limits[0]![1]).toBe('GET /v1/test');
    expect(limits[0]![0]).toMatchObject({ remaining: 7, limit: 100 });
    const offline = createPyannoteClient({
      baseUrl: 'http://127.0.0.1:1',
      getApiKey: () => KEY,
      onRequest: (endpoint, status) => requests.push([endpoint, status]),
    });
    expect((await failure(offline.testKey())).code).toBe('network');
    expect(requests[1]).toEqual(['GET /v1/test', undefined]);
  });

  it('can be canceled on every operation', async () => {
    answer = () => undefined; // never answers
    const api = client();
    const operations = [
      (signal: AbortSignal) => api.testKey(undefined, signal),
      (signal: AbortSignal) => api.createUploadUrl('media://diarist/a', signal),
      (signal: AbortSignal) => api.diarize('media://diarist/a', DEFAULT_DIARIZE_OPTIONS, signal),
      (signal: AbortSignal) =>
        api.identify('media://diarist/a', IDENTIFY_OPTIONS, [VOICE_A], signal),
      (signal: AbortSignal) => api.getJob('j', signal),
      (signal: AbortSignal) => api.listJobs({}, signal),
    ];
    for (const operation of operations) {
      const controller = new AbortController();
      const pending = failure(operation(controller.signal));
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.abort();
      expect((await pending).code).toBe('canceled');
    }
    server.closeAllConnections();
  });
});

describe('answers', () => {
  it('any 2xx is a success; 300 and above are errors, and redirects are not followed', async () => {
    for (const status of [200, 201, 299]) {
      answer = (res) => res.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
      await expect(client().testKey(), String(status)).resolves.toBeUndefined();
    }
    seen.length = 0;
    answer = (res) => res.writeHead(302, { Location: `${baseUrl}/elsewhere` }).end();
    const moved = await failure(client().testKey());
    expect(moved).toMatchObject({ code: 'bad-response', status: 302 });
    expect(seen.map((r) => r.url)).toEqual(['/v1/test']);
    answer = json({}, 300);
    expect(await failure(client().testKey())).toMatchObject({ status: 300 });
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><h1>Gateway</h1>', 'an HTML page'],
    ['an HTML fragment', '<html><body>x</body></html>', 'an HTML page'],
    ['cut-off JSON', '{"jobId": "abc", "sta', 'text of 21 characters'],
    ['no body', 'null', 'no body'],
    ['an empty body', '', 'text of 0 characters'],
    ['an array', '[1, 2]', 'a JSON array'],
    ['wrong fields', '{"jobId": 7}', 'JSON with missing or wrong fields'],
  ])('%s is an unreadable answer, retried, described in the details', async (_, body, what) => {
    answer = (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    const error = await failure(client().getJob('j-1'));
    expect(error).toMatchObject({
      code: 'bad-response',
      retryable: true,
      status: 200,
      message: 'pyannoteAI sent an answer Diarist could not read. Diarist will try again.',
      detail: `GET /v1/jobs/{id} answered HTTP 200 with an unexpected body (${what})`,
    });
  });

  it('an error status is mapped with what the server said', async () => {
    answer = json({ message: 'no such job', requestId: 'rq-1' }, 404);
    expect(await failure(client().getJob('gone'))).toMatchObject({
      code: 'not-found',
      status: 404,
      requestId: 'rq-1',
      detail: 'GET /v1/jobs/{id} answered HTTP 404, request rq-1, "no such job"',
    });
  });
});

describe('operations', () => {
  it('createUploadUrl declares the key and returns the URL; a bad key is never sent', async () => {
    answer = json({ url: 'https://storage.test/put?sig=1' }, 201);
    expect(await client().createUploadUrl('media://diarist/abc-1')).toBe(
      'https://storage.test/put?sig=1',
    );
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/media/input' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ url: 'media://diarist/abc-1' });
    seen.length = 0;
    const error = await failure(client().createUploadUrl('media://diarist/has space'));
    expect(error).toMatchObject({
      code: 'invalid-request',
      message: 'Internal error: a media key did not follow the service’s rules.',
      detail: 'invalid media:// key rejected before sending',
    });
    expect(seen).toEqual([]);
  });

  it('diarize sends the options as the documented body and passes a warning on', async () => {
    answer = json({ jobId: 'j-1', status: 'created', extra: 'x' });
    const created = await client().diarize('media://diarist/a', {
      ...DEFAULT_DIARIZE_OPTIONS,
      speakers: { kind: 'exact', count: 3 },
    });
    expect(created).toStrictEqual({ jobId: 'j-1', status: 'created' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/diarize' });
    expect(JSON.parse(seen[0]!.body)).toMatchObject({
      url: 'media://diarist/a',
      model: DEFAULT_DIARIZE_OPTIONS.model,
      numSpeakers: 3,
    });
    answer = json({ jobId: 'j-2', status: 'pending', warning: 'audio is short' });
    expect(await client().diarize('media://diarist/a', DEFAULT_DIARIZE_OPTIONS)).toStrictEqual({
      jobId: 'j-2',
      status: 'pending',
      warning: 'audio is short',
    });
  });

  it('identify sends the documented body to /v1/identify and passes a warning on', async () => {
    answer = json({ jobId: 'j-3', status: 'created', warning: 'short audio' });
    const created = await client().identify(
      'media://diarist/a',
      { ...IDENTIFY_OPTIONS, speakers: { kind: 'exact', count: 2 }, turnLevelConfidence: true },
      [VOICE_A, VOICE_B],
    );
    expect(created).toStrictEqual({ jobId: 'j-3', status: 'created', warning: 'short audio' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/identify' });
    expect(JSON.parse(seen[0]!.body)).toStrictEqual({
      url: 'media://diarist/a',
      model: 'precision-2',
      numSpeakers: 2,
      turnLevelConfidence: true,
      voiceprints: [VOICE_A, VOICE_B],
      matching: { exclusive: true, threshold: MATCH_THRESHOLDS.balanced },
    });
  });

  it('identify never sends a label that is not a voice id, nor too few or too many voices', async () => {
    const refused = [
      [{ label: 'Anna', voiceprint: 'QQ' }],
      [{ label: 'SPEAKER_00', voiceprint: 'QQ' }],
      [{ label: VOICE_A.label, voiceprint: '' }],
      [],
      Array.from({ length: 51 }, (_, i) => ({
        label: `voice-${String(i).padStart(8, '0')}`,
        voiceprint: 'QQ',
      })),
    ];
    for (const voiceprints of refused) {
      const error = await failure(
        client().identify('media://diarist/a', IDENTIFY_OPTIONS, voiceprints),
      );
      expect(error).toMatchObject({
        code: 'invalid-request',
        key: 'voices.recogniseInvalid',
        retryable: false,
      });
      expect(JSON.stringify(error)).not.toContain('Anna');
    }
    expect(seen).toEqual([]);
  });

  it('identify maps refusals and rate limits as diarize does', async () => {
    answer = json(
      { message: 'bad', errors: [{ field: 'voiceprints.0.label', message: 'invalid' }] },
      400,
    );
    expect(
      await failure(client().identify('media://diarist/a', IDENTIFY_OPTIONS, [VOICE_A])),
    ).toMatchObject({
      code: 'invalid-request',
      key: 'api.invalidRequestFields',
      fieldErrors: [{ field: 'voiceprints.0.label', message: 'invalid' }],
      detail: 'POST /v1/identify answered HTTP 400, "bad"',
    });
    answer = json({ message: 'slow down' }, 429, { 'Retry-After': '3' });
    expect(
      await failure(client().identify('media://diarist/a', IDENTIFY_OPTIONS, [VOICE_A])),
    ).toMatchObject({ code: 'rate-limited', retryAfterMs: 3_000, retryable: true });
    answer = json({}, 402);
    expect(
      (await failure(client().identify('media://diarist/a', IDENTIFY_OPTIONS, [VOICE_A]))).code,
    ).toBe('payment-required');
    answer = json({}, 503);
    expect(
      await failure(client().identify('media://diarist/a', IDENTIFY_OPTIONS, [VOICE_A])),
    ).toMatchObject({ code: 'server-error', retryable: true });
  });

  it('remembers the jobs it heard created, never one behind an unreadable answer', async () => {
    const api = client();
    answer = json({ jobId: 'j-d', status: 'created' });
    await api.diarize('media://diarist/a', DEFAULT_DIARIZE_OPTIONS);
    answer = json({ jobId: 'j-i', status: 'created' });
    await api.identify('media://diarist/a', IDENTIFY_OPTIONS, [VOICE_A]);
    // A job behind an answer Diarist could not read may be the one a lost submit looks for.
    answer = json({ jobId: 'j-bad' });
    await failure(api.diarize('media://diarist/a', DEFAULT_DIARIZE_OPTIONS));
    answer = json({ jobId: 'j-get', status: 'running' });
    await api.getJob('j-get');
    expect([...api.createdJobIds!()]).toEqual(['j-d', 'j-i']);
  });

  it('getJob escapes the id and keeps only the fields that are there', async () => {
    answer = json({ jobId: 'a/b c', status: 'running', createdAt: null, output: null, x: 1 });
    expect(await client().getJob('a/b c')).toStrictEqual({ jobId: 'a/b c', status: 'running' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/jobs/a%2Fb%20c' });
    const output = { diarization: [] };
    answer = json({
      jobId: 'j',
      status: 'succeeded',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:01:00Z',
      output,
    });
    expect(await client().getJob('j')).toStrictEqual({
      jobId: 'j',
      status: 'succeeded',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:01:00Z',
      output,
    });
    answer = json({ jobId: 'j', status: 'failed', output: { error: 'x' } });
    expect((await client().getJob('j')).output).toEqual({ error: 'x' });
  });

  it('listJobs asks for 100 by default, sends cursor and status only when given', async () => {
    answer = json({
      items: [{ id: 'a', status: 'pending', createdAt: '2026-01-01T00:00:00Z', extra: 1 }],
    });
    expect(await client().listJobs()).toStrictEqual({
      items: [{ id: 'a', status: 'pending', createdAt: '2026-01-01T00:00:00Z' }],
      nextCursor: null,
    });
    answer = json({ items: [], nextCursor: 'c-2' });
    expect(
      (await client().listJobs({ limit: 5, cursor: 'c-1', status: 'running' })).nextCursor,
    ).toBe('c-2');
    expect(seen.map((r) => r.url)).toEqual([
      '/v2/jobs?limit=100',
      '/v2/jobs?limit=5&cursor=c-1&status=running',
    ]);
  });
});

describe('the service clock', () => {
  it('is the local clock, loosely trusted, until an answer carries a Date', async () => {
    const api = client();
    const before = api.serverClock();
    expect(before.uncertaintyMs).toBe(10 * 60 * 1000);
    expect(Math.abs(before.nowMs - Date.now())).toBeLessThan(50);
    answer = json({}, 200, { Date: 'not a date' });
    await api.testKey();
    expect(api.serverClock().uncertaintyMs).toBe(10 * 60 * 1000);
  });

  it('follows the Date header, to within its one-second resolution', async () => {
    const api = client();
    // The server runs an hour ahead; its header is cut to the second.
    const serverNow = Math.floor((Date.now() + 3_600_000) / 1000) * 1000;
    answer = json({}, 200, { Date: new Date(serverNow).toUTCString() });
    const sent = Date.now();
    await api.testKey();
    const took = Date.now() - sent;
    const clock = api.serverClock();
    // Truth lies in [serverNow, serverNow + 1 s) at the answer; the estimate is its middle.
    expect(clock.nowMs - Date.now()).toBeGreaterThan(serverNow + 500 - sent - took - 100);
    expect(clock.nowMs - Date.now()).toBeLessThan(serverNow + 500 - sent + took + 100);
    expect(clock.uncertaintyMs).toBeGreaterThanOrEqual(750);
    expect(clock.uncertaintyMs).toBeLessThanOrEqual(750 + took / 2 + 1);
  });
});
