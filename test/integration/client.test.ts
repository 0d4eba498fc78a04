import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../src/shared/diarize-options';
import { MATCH_LEVELS, MATCH_THRESHOLDS } from '../../src/shared/voices';
import {
  createPyannoteClient,
  resolveApiUrl,
  type PyannoteClient,
} from '../../src/core/pyannote/client';
import type { DiaristError } from '../../src/core/errors';
import { startSimulator, type Simulator } from '../simulator';

/** Runs `action` and returns what it threw, so tests can check every field of the error. */
async function failure(action: Promise<unknown>): Promise<DiaristError> {
  try {
    await action;
  } catch (error) {
    return error as DiaristError;
  }
  throw new Error('expected the call to fail');
}

/** Every way an error leaves the process: message, detail and its JSON form. */
function everythingShown(error: DiaristError): string {
  return [error.message, error.detail, JSON.stringify(error), String(error.stack)].join('\n');
}

describe('pyannoteAI client against the simulator', () => {
  let sim: Simulator;
  let client: PyannoteClient;
  beforeAll(async () => {
    sim = await startSimulator({
      timing: { createdMs: 10, pendingMs: 10, runningMs: 10, runningMsPerAudioSecond: 0 },
    });
    client = createPyannoteClient({
      baseUrl: sim.baseUrl,
      getApiKey: () => sim.apiKey,
      timeoutMs: 2_000,
    });
  });
  afterEach(() => {
    sim.clearFaults();
    sim.options.mode402 = false;
  });
  afterAll(async () => {
    await sim.close();
  });

  it('reads the endpoint from PYANNOTE_API_URL, else uses the public service', () => {
    expect(resolveApiUrl({ PYANNOTE_API_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
    expect(resolveApiUrl({})).toBe('https://api.pyannote.ai');
  });

  it('accepts the right key and refuses a wrong one with advice, never echoing it', async () => {
    await expect(client.testKey()).resolves.toBeUndefined();
    const error = await failure(client.testKey('sk_wrongwrongwrong1234'));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/API key/);
    expect(everythingShown(error)).not.toContain('sk_wrongwrongwrong1234');
    expect(everythingShown(error)).not.toContain(sim.apiKey);
  });

  it('says so when no key is set, without sending anything', async () => {
    const before = sim.countRequests();
    const keyless = createPyannoteClient({ baseUrl: sim.baseUrl, getApiKey: () => undefined });
    expect((await failure(keyless.testKey())).code).toBe('missing-key');
    expect(sim.countRequests()).toBe(before);
  });

  it('reports a missing subscription or budget (402)', async () => {
    sim.options.mode402 = true;
    const error = await failure(client.testKey());
    expect(error.code).toBe('payment-required');
    expect(error.message).toMatch(/subscription|budget/);
  });

  it('creates an upload URL (201) and keeps it out of errors', async () => {
    const url = await client.createUploadUrl('media://diarist/test-key');
    expect(url.startsWith(sim.baseUrl)).toBe(true);
  });

  it('maps a validation failure to field errors', async () => {
    const error = await failure(
      client.diarize('media://diarist/x', {
        ...DEFAULT_DIARIZE_OPTIONS,
        speakers: { kind: 'range', min: 5, max: 2 },
      }),
    );
    expect(error.code).toBe('invalid-request');
    expect(error.fieldErrors?.length).toBeGreaterThan(0);
    expect(error.message).toContain('minSpeakers');
  });

  it('submits a job and reads it back', async () => {
    const created = await client.diarize('media://diarist/never-uploaded', DEFAULT_DIARIZE_OPTIONS);
    expect(created.status).toBe('created');
    const job = await client.getJob(created.jobId);
    expect(job.jobId).toBe(created.jobId);
  });

  it('sends identify bodies the service’s schema accepts, for every option and level', async () => {
    const voiceprints = [
      { label: 'voice-aaaa0001', voiceprint: 'QUFBQQ==' },
      { label: 'voice-bbbb0002', voiceprint: 'QkJCQg==' },
    ];
    const variants: DiarizeOptions[] = [
      DEFAULT_DIARIZE_OPTIONS,
      { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact', count: 2 } },
      {
        ...DEFAULT_DIARIZE_OPTIONS,
        speakers: { kind: 'range', min: 1, max: 3 },
        exclusive: true,
        confidence: true,
        turnLevelConfidence: true,
      },
      // Never sent together by Diarist (the schema refuses it), and never as transcription.
      {
        ...DEFAULT_DIARIZE_OPTIONS,
        transcription: true,
        transcriptionModel: 'parakeet-tdt-0.6b-v3',
      },
    ];
    for (const options of variants) {
      for (const match of MATCH_LEVELS) {
        const voiceIds = voiceprints.map((v) => v.label);
        const created = await client.identify(
          'media://diarist/identify',
          { ...options, recognise: { voiceIds, match } },
          voiceprints,
        );
        const job = sim.job(created.jobId);
        expect(job?.kind).toBe('identify');
        expect(job?.request['voiceprints']).toEqual(voiceprints);
        expect(job?.request['matching']).toEqual({
          exclusive: true,
          threshold: MATCH_THRESHOLDS[match],
        });
        expect(job?.request).not.toHaveProperty('transcription');
      }
    }
  });

  it('maps the service’s refusal of an identify body to field errors', async () => {
    const error = await failure(
      client.identify(
        'media://diarist/x',
        {
          ...DEFAULT_DIARIZE_OPTIONS,
          model: 'community-1',
          recognise: { voiceIds: ['voice-aaaa0001'], match: 'strict' },
        },
        [{ label: 'voice-aaaa0001', voiceprint: 'QQ' }],
      ),
    );
    expect(error.code).toBe('invalid-request');
    expect(error.fieldErrors?.map((e) => e.field)).toContain('model');
  });

  it('maps an unknown job to not-found', async () => {
    expect((await failure(client.getJob('7b1e0e8e-1111-4222-8333-444455556666'))).code).toBe(
      'not-found',
    );
  });

  it('carries Retry-After on 429', async () => {
    sim.addFault({
      kind: 'status',
      status: 429,
      path: '/v1/test',
      times: 1,
      headers: { 'Retry-After': '7' },
    });
    const error = await failure(client.testKey());
    expect(error.code).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(7_000);
    expect(error.retryable).toBe(true);
  });

  it('falls back to X-RateLimit-Reset when Retry-After is missing (both forms)', async () => {
    const epoch = Math.ceil(Date.now() / 1000) + 20;
    sim.addFault({
      kind: 'status',
      status: 429,
      path: '/v1/test',
      times: 1,
      headers: { 'X-RateLimit-Reset': String(epoch) },
    });
    const fromEpoch = await failure(client.testKey());
    expect(fromEpoch.retryAfterMs).toBeGreaterThan(15_000);
    expect(fromEpoch.retryAfterMs).toBeLessThanOrEqual(21_000);
    sim.addFault({
      kind: 'status',
      status: 429,
      path: '/v1/test',
      times: 1,
      headers: { 'X-RateLimit-Reset': '12' },
    });
    expect((await failure(client.testKey())).retryAfterMs).toBe(12_000);
  });

  it('gets a 429 with the documented headers from the real rate limiter', async () => {
    const limited = await startSimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const c = createPyannoteClient({ baseUrl: limited.baseUrl, getApiKey: () => limited.apiKey });
      await c.testKey();
      await c.testKey();
      const error = await failure(c.testKey());
      expect(error.code).toBe('rate-limited');
      expect(error.retryAfterMs).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('maps 5xx to a retryable server error with the request id in the details', async () => {
    sim.addFault({ kind: 'status', status: 503, path: '/v2/jobs', times: 1 });
    const error = await failure(client.listJobs());
    expect(error.code).toBe('server-error');
    expect(error.retryable).toBe(true);
    expect(error.detail).toContain('HTTP 503');
  });

  it('times out a slow answer', async () => {
    const impatient = createPyannoteClient({
      baseUrl: sim.baseUrl,
      getApiKey: () => sim.apiKey,
      timeoutMs: 200,
    });
    sim.addFault({ kind: 'slow', delayMs: 1_000, path: '/v1/test', times: 1 });
    const error = await failure(impatient.testKey());
    expect(error.code).toBe('timeout');
    expect(error.retryable).toBe(true);
  });

  it('reports an unreachable service as a network problem', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 9));
      });
    });
    const offline = createPyannoteClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getApiKey: () => sim.apiKey,
    });
    const error = await failure(offline.testKey());
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/internet connection/);
    expect(everythingShown(error)).not.toContain(sim.apiKey);
  });

  it('reports an HTML page instead of JSON as an unreadable answer', async () => {
    sim.addFault({
      kind: 'status',
      status: 200,
      path: '/v2/jobs',
      times: 1,
      body: '<html><body>Gateway</body></html>',
    });
    const error = await failure(client.listJobs());
    expect(error.code).toBe('bad-response');
    expect(error.detail).toContain('an HTML page');
  });

  it('pages through the job list with cursors', async () => {
    for (let i = 0; i < 5; i += 1)
      await client.diarize(`media://diarist/page-${i}`, DEFAULT_DIARIZE_OPTIONS);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listJobs({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(
      sim
        .jobs()
        .map((job) => job.id)
        .reverse(),
    );
  });

  it('learns the service clock from Date headers', async () => {
    await client.testKey();
    const clock = client.serverClock();
    expect(Math.abs(clock.nowMs - Date.now())).toBeLessThan(2_000);
    expect(clock.uncertaintyMs).toBeLessThan(2_000);
  });
});
