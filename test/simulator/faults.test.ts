// Rate limiting and fault injection in the simulator, observed over real HTTP.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../simulator/index';
import type { FaultRule, Simulator, SimulatorInit } from '../simulator/index';
import { call, getJob, submitDiarization } from '../simulator/test-helpers';
import { makeWav } from '../simulator/wav';

const sims: Simulator[] = [];

async function start(init: SimulatorInit = {}): Promise<Simulator> {
  const sim = await startSimulator(init);
  sims.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

describe('rate limiter', () => {
  it('sends limit headers on every API answer and a 429 with Retry-After and epoch reset', async () => {
    const s = await start({ rateLimit: { limit: 5, windowMs: 60_000 } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await call(s, 'GET', i % 2 === 0 ? '/v1/test' : '/v1/media');
      expect(reply.headers.get('x-ratelimit-limit')).toBe('5');
      remaining.push(reply.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await call<{ message: string; requestId: string }>(s, 'GET', '/v1/test');
    expect(limited.status).toBe(429);
    expect(typeof limited.body.requestId).toBe('string');
    expect(limited.headers.get('retry-after')).toBe('60');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(s.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil((s.now() + 60_000) / 1000));
    expect(s.countRequests({ status: 429 })).toBe(1);
    s.advanceTime(60_000);
    expect((await call(s, 'GET', '/v1/test')).status).toBe(200);
  });

  it('slides: a slot frees when the oldest request leaves the window', async () => {
    const s = await start({ rateLimit: { limit: 2, windowMs: 10_000 } });
    await call(s, 'GET', '/v1/test');
    s.advanceTime(6000);
    await call(s, 'GET', '/v1/test');
    expect((await call(s, 'GET', '/v1/test')).headers.get('retry-after')).toBe('4');
    s.advanceTime(4000);
    const after = await call(s, 'GET', '/v1/test');
    expect(after.status).toBe(200);
    expect(after.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('can omit Retry-After and send the reset as seconds until reset', async () => {
    const s = await start({
      rateLimit: { limit: 1, windowMs: 30_000 },
      retryAfterHeader: false,
      rateLimitResetStyle: 'delta',
    });
    await call(s, 'GET', '/v1/test');
    const limited = await call(s, 'GET', '/v1/test');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-ratelimit-reset')).toBe('30');
  });

  it('counts per key and can be disabled', async () => {
    const s = await start({ rateLimit: { limit: 1 }, additionalApiKeys: ['sk_other'] });
    expect((await call(s, 'GET', '/v1/test')).status).toBe(200);
    expect((await call(s, 'GET', '/v1/test', undefined, { key: 'sk_other' })).status).toBe(200);
    expect((await call(s, 'GET', '/v1/test')).status).toBe(429);
    s.options.rateLimit = null;
    const free = await call(s, 'GET', '/v1/test');
    expect(free.status).toBe(200);
    expect(free.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('counts per team over separate connections, and across a key change', async () => {
    const s = await start({ rateLimit: { limit: 4 } });
    // Each request on its own connection, as from different computers.
    const get = (key: string) =>
      new Promise<{ status: number; remaining: string | undefined }>((resolve, reject) => {
        const req = request(
          `${s.baseUrl}/v1/test`,
          { agent: false, headers: { Authorization: `Bearer ${key}` } },
          (res) => {
            res.resume();
            const remaining = res.headers['x-ratelimit-remaining'];
            resolve({ status: res.statusCode ?? 0, remaining: String(remaining ?? '') });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const oldKey = s.apiKey;
    const first = await Promise.all([get(oldKey), get(oldKey), get(oldKey)]);
    expect(first.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(first.map((r) => r.remaining).sort()).toEqual(['1', '2', '3']);
    // The team's key is replaced: its new key still counts against the same window.
    s.options.apiKey = 'sk_rotated';
    expect(await get('sk_rotated')).toEqual({ status: 200, remaining: '0' });
    expect((await get('sk_rotated')).status).toBe(429);
  });

  it('uses the documented 100 per minute by default', async () => {
    const s = await start();
    const reply = await call(s, 'GET', '/v1/test');
    expect(reply.headers.get('x-ratelimit-limit')).toBe('100');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('99');
  });
});

describe('fault injection', () => {
  it('answers with a status a given number of times, then recovers', async () => {
    const s = await start({ rateLimit: null });
    const rule = s.addFault({ kind: 'status', status: 503, path: '/v1/test', times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(s, 'GET', '/v1/test')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(s.faultHits(rule)).toBe(2);
    expect(s.requestLog().map((e) => e.fault)).toEqual(['status', 'status', undefined]);
  });

  it('uses an S3 XML body for status faults on uploads and a custom body when given', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'status', status: 500, method: 'PUT', path: /^\/_upload\//, times: 1 });
    s.addFault({ kind: 'status', status: 502, path: '/v1/test', body: 'upstream down', times: 1 });
    const declared = await call<{ url: string }>(s, 'POST', '/v1/media/input', {
      url: 'media://f',
    });
    const put = await fetch(declared.body.url, { method: 'PUT', body: makeWav({ seconds: 1 }) });
    expect(put.status).toBe(500);
    expect(await put.text()).toContain('<Code>InternalError</Code>');
    expect(s.uploads().size).toBe(0);
    const gateway = await call(s, 'GET', '/v1/test');
    expect(gateway.status).toBe(502);
    expect(gateway.text).toBe('upstream down');
  });

  it('storms 429s with or without Retry-After', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'status', status: 429, path: '/v1/test', times: 1 });
    s.addFault({ kind: 'status', status: 429, path: '/v1/test', times: 1, headers: {} });
    const first = await call(s, 'GET', '/v1/test');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    const second = await call(s, 'GET', '/v1/test');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
  });

  it('resets the connection', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'reset', path: '/v2/jobs', times: 1 });
    await expect(call(s, 'GET', '/v2/jobs')).rejects.toThrow();
    expect(s.requestLog()[0]).toMatchObject({ outcome: 'reset', status: null, fault: 'reset' });
    expect((await call(s, 'GET', '/v2/jobs')).status).toBe(200);
  });

  it('resets an upload after some bytes and stores nothing', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'reset', method: 'PUT', path: '/_upload/*', afterBytes: 10_000, times: 1 });
    const declared = await call<{ url: string }>(s, 'POST', '/v1/media/input', {
      url: 'media://cut',
    });
    const wav = makeWav({ seconds: 2 });
    await expect(fetch(declared.body.url, { method: 'PUT', body: wav })).rejects.toThrow();
    expect(s.uploads().size).toBe(0);
    expect(s.countRequests({ route: 'PUT /_upload/:token', outcome: 'reset' })).toBe(1);
    // The same URL works on the next attempt.
    expect((await fetch(declared.body.url, { method: 'PUT', body: wav })).status).toBe(200);
    expect(s.uploads().get('media://cut')?.size).toBe(wav.length);
  });

  it('delays answers with slow rules', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'slow', delayMs: 150, path: '/v1/test' });
    const started = performance.now();
    expect((await call(s, 'GET', '/v1/test')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('combines a slow rule with a deciding rule', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'slow', delayMs: 80 });
    s.addFault({ kind: 'status', status: 500, times: 1 });
    const started = performance.now();
    expect((await call(s, 'GET', '/v1/test')).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('loses the answer after creating the job (drop-after-handling)', async () => {
    const s = await start({
      rateLimit: null,
      timing: { createdMs: 1, pendingMs: 1, runningMs: 1 },
    });
    s.addFault({ kind: 'drop-after-handling', method: 'POST', path: '/v1/diarize', times: 1 });
    await expect(call(s, 'POST', '/v1/diarize', { url: 'media://lost' })).rejects.toThrow();
    expect(s.diarizePosts).toBe(1);
    expect(s.jobs()).toHaveLength(1);
    expect(s.requestLog()[0]).toMatchObject({ status: 200, outcome: 'dropped' });
    // The client can find the job it never heard about.
    const listed = await call<{ items: { id: string }[] }>(s, 'GET', '/v2/jobs');
    expect(listed.body.items.map((i) => i.id)).toEqual([s.jobs()[0]?.id]);
    const id = await submitDiarization(s, { url: 'media://lost' });
    expect(s.diarizePosts).toBe(2);
    expect((await getJob(s, id)).jobId).toBe(id);
  });

  it('stores an upload whose answer is dropped', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'drop-after-handling', method: 'PUT', times: 1 });
    const declared = await call<{ url: string }>(s, 'POST', '/v1/media/input', {
      url: 'media://kept',
    });
    await expect(
      fetch(declared.body.url, { method: 'PUT', body: makeWav({ seconds: 1 }) }),
    ).rejects.toThrow();
    expect(s.uploads().has('media://kept')).toBe(true);
  });

  it('applies probabilistic faults reproducibly for the same seed', async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      const s = await start({ rateLimit: null, seed });
      const rule: FaultRule = { kind: 'status', status: [500, 502, 503], probability: 0.4 };
      s.addFault(rule);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call(s, 'GET', '/v1/test')).status);
      return statuses;
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    const failures = first.filter((status) => status !== 200);
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.length).toBeLessThan(27);
    expect(failures.every((status) => [500, 502, 503].includes(status))).toBe(true);
    expect(await pattern(8)).not.toEqual(first);
  });

  it('stops applying rules once cleared', async () => {
    const s = await start({ rateLimit: null });
    s.addFault({ kind: 'status', status: 500 });
    expect((await call(s, 'GET', '/v1/test')).status).toBe(500);
    s.clearFaults();
    expect((await call(s, 'GET', '/v1/test')).status).toBe(200);
  });
});

describe('close', () => {
  it('returns promptly even with a request waiting on a slow rule and keep-alive sockets', async () => {
    const s = await start({ rateLimit: null });
    await call(s, 'GET', '/v1/test'); // leaves a keep-alive socket open
    s.addFault({ kind: 'slow', delayMs: 60_000 });
    const pending = call(s, 'GET', '/v1/test').catch((error: unknown) => error);
    await expect.poll(() => s.requestLog().length).toBe(2);
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
