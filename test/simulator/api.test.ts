// The simulator's API surface over real HTTP: auth, 402 mode, media URLs, validation and 404s.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator } from '../simulator/index';
import type { Simulator, SimulatorInit } from '../simulator/index';
import { call, uploadMedia } from '../simulator/test-helpers';
import { makeWav } from '../simulator/wav';

interface FieldErrors {
  message: string;
  errors: { field: string; message: string }[];
}

let sim: Simulator | undefined;

async function start(init: SimulatorInit = {}): Promise<Simulator> {
  sim = await startSimulator({ rateLimit: null, ...init });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function fields(body: FieldErrors): string[] {
  return body.errors.map((e) => e.field);
}

describe('authentication', () => {
  it('accepts the bearer key on GET /v1/test', async () => {
    const s = await start();
    expect(s.apiKey).toMatch(/^sk_[0-9a-f]{32}$/);
    const reply = await call(s, 'GET', '/v1/test');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'OK', message: 'Test connection successful' });
  });

  it('answers 401 with message and requestId for a missing or wrong key on every API path', async () => {
    const s = await start({ apiKey: 'sk_right' });
    for (const [method, path] of [
      ['GET', '/v1/test'],
      ['POST', '/v1/diarize'],
      ['GET', '/v2/jobs'],
      ['GET', '/v1/jobs/3c8a89a5-dcc6-4edb-a75d-ffd64739674d'],
      ['GET', '/v1/media'],
    ] as const) {
      for (const key of [null, 'sk_wrong']) {
        const reply = await call<{ message: string; requestId: string }>(
          s,
          method,
          path,
          undefined,
          { key },
        );
        expect(reply.status, `${method} ${path} key=${key}`).toBe(401);
        expect(typeof reply.body.message).toBe('string');
        expect(reply.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
    expect((await call(s, 'GET', '/v1/test', undefined, { key: 'sk_right' })).status).toBe(200);
  });

  it('revokes a key when the option changes live, and keeps teams apart', async () => {
    const s = await start({ apiKey: 'sk_a', additionalApiKeys: ['sk_b'] });
    await uploadMedia(s, 'media://shared-name', makeWav({ seconds: 1 }));
    const jobB = await call<{ jobId: string }>(
      s,
      'POST',
      '/v1/diarize',
      { url: 'media://shared-name' },
      { key: 'sk_b' },
    );
    expect(jobB.status).toBe(200);
    expect((await call(s, 'GET', `/v1/jobs/${jobB.body.jobId}`)).status).toBe(404);
    expect(
      (await call(s, 'GET', `/v1/jobs/${jobB.body.jobId}`, undefined, { key: 'sk_b' })).status,
    ).toBe(200);
    // Media keys are per team: team b never uploaded this key.
    const output = await call(
      s,
      'POST',
      '/v1/media/output',
      { url: 'media://shared-name' },
      { key: 'sk_b' },
    );
    expect(output.status).toBe(404);
    expect(s.uploads(0).has('media://shared-name')).toBe(true);
    expect(s.uploads(1).size).toBe(0);
    s.options.apiKey = 'sk_new';
    expect((await call(s, 'GET', '/v1/test', undefined, { key: 'sk_a' })).status).toBe(401);
    expect((await call(s, 'GET', '/v1/test')).status).toBe(200);
  });
});

describe('402 mode', () => {
  it('answers "Subscription is required" on every API endpoint while on', async () => {
    const s = await start({ mode402: true });
    for (const [method, path, body] of [
      ['GET', '/v1/test', undefined],
      ['POST', '/v1/media/input', { url: 'media://a' }],
      ['POST', '/v1/diarize', { url: 'media://a' }],
      ['GET', '/v2/jobs', undefined],
    ] as const) {
      const reply = await call<{ message: string; requestId: string }>(s, method, path, body);
      expect(reply.status).toBe(402);
      expect(reply.body.message).toBe('Subscription is required');
      expect(typeof reply.body.requestId).toBe('string');
    }
    expect(s.jobs()).toHaveLength(0);
    s.options.mode402 = false;
    expect((await call(s, 'GET', '/v1/test')).status).toBe(200);
  });
});

describe('POST /v1/media/input', () => {
  it('answers 201 with a pre-signed URL served by the simulator', async () => {
    const s = await start();
    const reply = await call<{ url: string }>(s, 'POST', '/v1/media/input', {
      url: 'media://meetings/2024-01-15/call.wav',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.url).toMatch(new RegExp(`^${s.baseUrl}/_upload/[A-Za-z0-9_-]{16,}$`));
    const put = await fetch(reply.body.url, { method: 'PUT', body: makeWav({ seconds: 1 }) });
    expect(put.status).toBe(200);
    expect(s.uploads().get('media://meetings/2024-01-15/call.wav')?.durationSeconds).toBeCloseTo(
      1,
      3,
    );
  });

  it.each([
    ['a space', 'media://bad key'],
    ['too long', `media://${'a'.repeat(248)}`],
    ['no scheme', 'meetings/call.wav'],
    ['other scheme', 'https://example.com/a.wav'],
    ['empty key', 'media://'],
  ])('rejects a key with %s as a field error on url', async (_label, url) => {
    const s = await start();
    const reply = await call<FieldErrors>(s, 'POST', '/v1/media/input', { url });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('Invalid request');
    expect(fields(reply.body)).toContain('url');
  });

  it('accepts a key of exactly 255 characters', async () => {
    const s = await start();
    const url = `media://${'a'.repeat(247)}`;
    expect(url).toHaveLength(255);
    expect((await call(s, 'POST', '/v1/media/input', { url })).status).toBe(201);
  });

  it('accepts "_" by default (the OAS allows it) and rejects it in strict mode', async () => {
    const s = await start();
    expect((await call(s, 'POST', '/v1/media/input', { url: 'media://my_file' })).status).toBe(201);
    s.options.strictKeys = true;
    const reply = await call<FieldErrors>(s, 'POST', '/v1/media/input', { url: 'media://my_file' });
    expect(reply.status).toBe(400);
    expect(fields(reply.body)).toEqual(['url']);
    expect((await call(s, 'POST', '/v1/media/input', { url: 'media://my-file' })).status).toBe(201);
  });

  it('rejects a missing url, non-JSON and non-object bodies with 400', async () => {
    const s = await start();
    const missing = await call<FieldErrors>(s, 'POST', '/v1/media/input', {});
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(['url']);
    const notJson = await call<FieldErrors>(s, 'POST', '/v1/media/input', '{"url": ', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(fields(notJson.body)).toEqual(['body']);
    const plain = await call<FieldErrors>(s, 'POST', '/v1/media/input', 'url=media://a');
    expect(plain.status).toBe(400);
    const array = await call<FieldErrors>(s, 'POST', '/v1/media/input', ['media://a']);
    expect(array.status).toBe(400);
    expect(fields(array.body)).toEqual(['body']);
  });
});

describe('POST /v1/media/output', () => {
  it('answers 404 for an unknown key and a working download URL for an uploaded one', async () => {
    const s = await start();
    expect((await call(s, 'POST', '/v1/media/output', { url: 'media://nothing' })).status).toBe(
      404,
    );
    const wav = makeWav({ seconds: 1 });
    expect(await uploadMedia(s, 'media://here', wav)).toBe(200);
    const reply = await call<{ url: string }>(s, 'POST', '/v1/media/output', {
      url: 'media://here',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.url).toMatch(new RegExp(`^${s.baseUrl}/_download/`));
    const download = await fetch(reply.body.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(wav)).toBe(true);
  });
});

describe('job request validation', () => {
  const url = 'media://x';

  it('tolerates explicit nulls for optional fields, as the official SDK sends them', async () => {
    const s = await start();
    const reply = await call<{ jobId: string; status: string }>(s, 'POST', '/v1/diarize', {
      url,
      webhook: null,
      numSpeakers: null,
      minSpeakers: null,
      maxSpeakers: null,
      model: 'precision-2',
      confidence: null,
      turnLevelConfidence: null,
      exclusive: null,
      transcription: null,
      transcriptionConfig: null,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('created');
    expect(reply.body.jobId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ['numSpeakers with minSpeakers', { numSpeakers: 2, minSpeakers: 1 }, 'numSpeakers'],
    ['numSpeakers with maxSpeakers', { numSpeakers: 2, maxSpeakers: 3 }, 'numSpeakers'],
    ['min > max', { minSpeakers: 3, maxSpeakers: 2 }, 'minSpeakers'],
    ['numSpeakers < 1', { numSpeakers: 0 }, 'numSpeakers'],
    ['numSpeakers as text', { numSpeakers: 'two' }, 'numSpeakers'],
    [
      'transcription with community-1',
      { model: 'community-1', transcription: true },
      'transcription',
    ],
    [
      'unknown transcription model',
      { transcription: true, transcriptionConfig: { model: 'whisper-tiny' } },
      'transcriptionConfig.model',
    ],
    ['unknown model', { model: 'precision-9' }, 'model'],
    ['exclusive as text', { exclusive: 'yes' }, 'exclusive'],
    ['bad webhook', { webhook: 'not a url' }, 'webhook'],
  ])('rejects %s', async (_label, extra, field) => {
    const s = await start();
    const reply = await call<FieldErrors>(s, 'POST', '/v1/diarize', { url, ...extra });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toBe('Invalid request');
    expect(fields(reply.body)).toContain(field);
    expect(s.jobs()).toHaveLength(0);
  });

  it('rejects a missing or malformed job url', async () => {
    const s = await start();
    for (const body of [{}, { url: 'media://bad key' }, { url: 'ftp://host/a.wav' }, { url: 42 }]) {
      const reply = await call<FieldErrors>(s, 'POST', '/v1/diarize', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(fields(reply.body)).toContain('url');
    }
  });

  it('accepts transcription with precision-2, a range, and models added to the allowed set', async () => {
    const s = await start();
    const ok = [
      { url, transcription: true, transcriptionConfig: { model: 'faster-whisper-large-v3-turbo' } },
      { url, minSpeakers: 2, maxSpeakers: 2 },
      { url, model: 'community-1', exclusive: true },
    ];
    for (const body of ok) expect((await call(s, 'POST', '/v1/diarize', body)).status).toBe(200);
    expect((await call(s, 'POST', '/v1/diarize', { url, model: 'precision-3' })).status).toBe(400);
    s.options.models.diarize.push('precision-3');
    expect((await call(s, 'POST', '/v1/diarize', { url, model: 'precision-3' })).status).toBe(200);
  });

  it('adds a warning to the submit answer for an implausible numSpeakers', async () => {
    const s = await start();
    const reply = await call<{ warning?: string }>(s, 'POST', '/v1/diarize', {
      url,
      numSpeakers: 80,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.warning).toMatch(/numSpeakers/);
    const normal = await call<{ warning?: string }>(s, 'POST', '/v1/diarize', {
      url,
      numSpeakers: 3,
    });
    expect(normal.body.warning).toBeUndefined();
  });

  it('validates identify: 1..50 voiceprints, labels, matching threshold', async () => {
    const s = await start();
    const voiceprint = (label: string): Record<string, string> => ({ label, voiceprint: 'U29tZQ' });
    const good = { url, voiceprints: [voiceprint('Alice'), voiceprint('Bob')] };
    expect((await call(s, 'POST', '/v1/identify', good)).status).toBe(200);
    const cases: [Record<string, unknown>, string][] = [
      [{ url, voiceprints: [] }, 'voiceprints'],
      [{ url }, 'voiceprints'],
      [
        { url, voiceprints: Array.from({ length: 51 }, (_, i) => voiceprint(`p${i}`)) },
        'voiceprints',
      ],
      [{ url, voiceprints: [voiceprint('SPEAKER_01')] }, 'voiceprints.0.label'],
      [{ url, voiceprints: [{ label: 'Alice' }] }, 'voiceprints.0.voiceprint'],
      [{ url, voiceprints: [voiceprint('x'.repeat(101))] }, 'voiceprints.0.label'],
      [{ ...good, matching: { threshold: 101 } }, 'matching.threshold'],
      [{ voiceprints: [voiceprint('Alice')] }, 'url'],
      [{ ...good, model: 'community-1' }, 'model'],
    ];
    for (const [body, field] of cases) {
      const reply = await call<FieldErrors>(s, 'POST', '/v1/identify', body);
      expect(reply.status, field).toBe(400);
      expect(fields(reply.body)).toContain(field);
    }
    const fifty = { url, voiceprints: Array.from({ length: 50 }, (_, i) => voiceprint(`p${i}`)) };
    expect((await call(s, 'POST', '/v1/identify', fifty)).status).toBe(200);
  });

  it('validates voiceprint requests', async () => {
    const s = await start();
    expect((await call(s, 'POST', '/v1/voiceprint', { url, model: null })).status).toBe(200);
    const bad = await call<FieldErrors>(s, 'POST', '/v1/voiceprint', { url, model: 'community-1' });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['model']);
    expect(s.jobs().map((j) => j.kind)).toEqual(['voiceprint']);
  });
});

describe('endpoints that do not exist', () => {
  it('answers 404 for GET /v1/media, DELETE, unknown jobs and unknown paths', async () => {
    const s = await start();
    const jobId = (await call<{ jobId: string }>(s, 'POST', '/v1/diarize', { url: 'media://a' }))
      .body.jobId;
    const cases: [string, string][] = [
      ['GET', '/v1/media'],
      ['DELETE', `/v1/jobs/${jobId}`],
      ['DELETE', '/v1/media/input'],
      ['GET', '/v1/jobs/3c8a89a5-dcc6-4edb-a75d-ffd64739674d'],
      ['GET', '/v1/jobs'],
      ['POST', '/v1/test'],
      ['GET', '/nothing-here'],
    ];
    for (const [method, path] of cases) {
      const reply = await call<{ message: string; requestId: string }>(s, method, path);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(typeof reply.body.requestId).toBe('string');
    }
    // The DELETE did nothing.
    expect((await call(s, 'GET', `/v1/jobs/${jobId}`)).status).toBe(200);
  });
});

describe('secrecy', () => {
  it('never prints the API key or pre-signed URLs while serving', async () => {
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi.spyOn(console, name).mockImplementation((...args: unknown[]) => {
        printed.push(args.map(String).join(' '));
      }),
    );
    try {
      const s = await start({ apiKey: 'sk_secret_value' });
      const declared = await call<{ url: string }>(s, 'POST', '/v1/media/input', {
        url: 'media://s',
      });
      await fetch(declared.body.url, { method: 'PUT', body: makeWav({ seconds: 1 }) });
      await call(s, 'POST', '/v1/diarize', { url: 'media://s' });
      await call(s, 'GET', '/v1/test', undefined, { key: 'sk_wrong' });
      s.advanceTime(60_000);
      await call(s, 'GET', '/v2/jobs');
      const all = printed.join('\n');
      expect(all).not.toContain('sk_secret_value');
      expect(all).not.toContain('/_upload/');
      expect(JSON.stringify(s.requestLog())).not.toContain(declared.body.url.split('/').pop());
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
