/**
 * Fault catalogue, network and service faults: 5xx bursts on every endpoint, 429 storms with and
 * without Retry-After, connection resets during upload, pre-signed URLs that expire, and answers
 * slower than our timeouts. Each runs real jobs through the engine against the simulator.
 */

import { describe, expect } from 'vitest';
import { createUploader } from '../../src/core/upload/uploader';
import { createPyannoteClient } from '../../src/core/pyannote/client';
import type { FaultRule } from '../simulator';
import { scenario } from './support/record';
import {
  CLIENT_TIMEOUT_MS,
  createWorld,
  expectPlainWords,
  measureEngine,
  waitFor,
  waitForFinal,
} from './support/world';

const FILE = 'network';

const ENDPOINTS: { label: string; rule: Omit<FaultRule, 'kind'>; times: number }[] = [
  { label: 'POST /v1/media/input', rule: { method: 'POST', path: '/v1/media/input' }, times: 4 },
  { label: 'PUT upload', rule: { method: 'PUT', path: '/_upload/*' }, times: 4 },
  // Every 5xx on a submit may hide a created job: each one costs a lookup after the submit window.
  { label: 'POST /v1/diarize', rule: { method: 'POST', path: '/v1/diarize' }, times: 3 },
  { label: 'GET /v2/jobs', rule: { method: 'GET', path: '/v2/jobs' }, times: 3 },
  { label: 'GET /v1/jobs/{id}', rule: { method: 'GET', path: '/v1/jobs/*' }, times: 4 },
];

describe('5xx bursts on every endpoint', () => {
  for (const endpoint of ENDPOINTS) {
    scenario(FILE, `5xx burst ×${endpoint.times} on ${endpoint.label}`, async (record) => {
      // Jobs run long enough at the service that the tracker follows several through the list.
      const world = await createWorld(record, { timing: { runningMs: 600 } });
      const rule = world.sim.addFault({
        kind: 'status',
        status: [500, 502, 503, 504],
        times: endpoint.times,
        ...endpoint.rule,
      } as FaultRule);
      const engine = await world.open();
      const jobs = await engine.add(await world.recordings(3));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids, 60_000);
      record.injected = world.sim.faultHits(rule);
      const m = await measureEngine(record, world, ids);
      expect(done.map((job) => job.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect(record.injected).toBe(endpoint.times);
      expect(world.sim.diarizePosts).toBe(
        3 + (endpoint.label === 'POST /v1/diarize' ? endpoint.times : 0),
      );
      record.outcome = `${m.succeeded}/3 succeeded after ${record.injected} 5xx; ${m.serviceJobs} service jobs, ${world.sim.diarizePosts} submit POSTs`;
    });
  }
});

describe('429 storms', () => {
  scenario(FILE, '429 storm with Retry-After: 1 (every API endpoint)', async (record) => {
    const world = await createWorld(record, { timing: { runningMs: 400 } });
    const rule = world.sim.addFault({ kind: 'status', status: 429, path: /^\/v[12]\//, times: 10 });
    const engine = await world.open();
    const jobs = await engine.add(await world.recordings(3));
    const ids = jobs.map((job) => job.id);
    const done = await waitForFinal(engine, ids, 60_000);
    record.injected = world.sim.faultHits(rule);
    const m = await measureEngine(record, world, ids);
    expect(done.every((job) => job.state === 'succeeded')).toBe(true);
    expect(record.injected).toBe(10);
    // Retry-After was obeyed: after each 429, no API request arrived within the second it asked
    // for (requests already on their way when it was answered land within a few ms).
    const api = world.sim.requestLog().filter((entry) => /^(GET|POST) \/v/.test(entry.route));
    const violations = api.filter((entry) =>
      api.some(
        (storm) => storm.status === 429 && entry.at > storm.at + 300 && entry.at < storm.at + 950,
      ),
    ).length;
    expect(violations).toBe(0);
    record.outcome = `${m.succeeded}/3 succeeded; ${record.injected} × 429 each waited out (${violations} requests sent early)`;
  });

  scenario(
    FILE,
    '429 storm without Retry-After (real limiter, X-RateLimit-Reset only)',
    async (record) => {
      // The service's own limiter squeezed to 8 requests per 2 s, with no Retry-After header:
      // the engine (budget 3,000/min here) must pace itself from X-RateLimit-Reset alone.
      const world = await createWorld(record, {
        timing: { runningMs: 300 },
        rateLimit: { limit: 4, windowMs: 2_000 },
        retryAfterHeader: false,
        rateLimitResetStyle: 'epoch',
      });
      // The team pacing's idea of the window scaled the same way (60 s → 2 s).
      const engine = await world.open({
        teamPacing: { windowMs: 2_000, holdMs: 667, spreadMs: 333 },
      });
      const jobs = await engine.add(await world.recordings(6));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids, 90_000);
      record.injected = world.sim.countRequests({ status: 429 });
      const m = await measureEngine(record, world, ids);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      // Paced from the limiter's own headers, the engine seldom reaches it at all.
      expect(record.injected).toBeLessThanOrEqual(2);
      record.outcome = `${m.succeeded}/6 succeeded, paced from X-RateLimit headers: ${record.injected} × 429 (no Retry-After); ${m.serviceJobs} service jobs`;
    },
    120_000,
  );
});

describe('lost submit answers', () => {
  scenario(
    FILE,
    'submit answer lost after the job was created (×2 in a batch of 3)',
    async (record) => {
      const world = await createWorld(record);
      const rule = world.sim.addFault({
        kind: 'drop-after-handling',
        method: 'POST',
        path: '/v1/diarize',
        times: 2,
      });
      const engine = await world.open();
      const jobs = await engine.add(await world.recordings(3));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids, 60_000);
      record.injected = world.sim.faultHits(rule);
      const m = await measureEngine(record, world, ids);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      expect(record.injected).toBe(2);
      // Found by their creation time, never sent twice.
      expect(world.sim.diarizePosts).toBe(3);
      expect(m.serviceJobs).toBe(3);
      record.outcome = `${m.succeeded}/3 succeeded; both lost answers found at the service (${world.sim.diarizePosts} POSTs, ${m.serviceJobs} jobs)`;
    },
  );
});

describe('connection reset during upload', () => {
  scenario(FILE, 'connection reset mid-upload ×3 (uploader retries)', async (record) => {
    const world = await createWorld(record);
    const rule = world.sim.addFault({ kind: 'reset', method: 'PUT', afterBytes: 16_000, times: 3 });
    const engine = await world.open();
    const jobs = await engine.add(await world.recordings(3, 2));
    const ids = jobs.map((job) => job.id);
    const done = await waitForFinal(engine, ids, 60_000);
    record.injected = world.sim.faultHits(rule);
    const m = await measureEngine(record, world, ids);
    expect(done.every((job) => job.state === 'succeeded')).toBe(true);
    expect(record.injected).toBe(3);
    expect(world.sim.countRequests({ method: 'PUT', outcome: 'reset' })).toBe(3);
    expect(world.sim.uploads().size).toBe(3);
    record.outcome = `${m.succeeded}/3 succeeded; ${record.injected} resets, each upload stored once`;
  });

  scenario(
    FILE,
    'connection reset on every PUT ×7 (exhausts the uploader’s 5 attempts)',
    async (record) => {
      const world = await createWorld(record);
      const rule = world.sim.addFault({
        kind: 'reset',
        method: 'PUT',
        afterBytes: 8_000,
        times: 7,
      });
      const engine = await world.open();
      const notes: string[] = [];
      engine.subscribe((event) => {
        if (event.type === 'job' && event.job.note) notes.push(event.job.note);
      });
      const jobs = await engine.add(await world.recordings(1, 2));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids, 60_000);
      record.injected = world.sim.faultHits(rule);
      const m = await measureEngine(record, world, ids);
      expect(done[0]!.state).toBe('succeeded');
      expect(record.injected).toBe(7);
      const waiting = notes.find((note) => note.startsWith('Upload will be retried'));
      expectPlainWords(waiting, /failed 5 times.*nothing was lost/);
      record.outcome = `succeeded after ${record.injected} resets; told “${waiting!.slice(0, 60)}…”`;
      expect(m.lost).toBe(0);
    },
  );
});

describe('pre-signed upload URL expired', () => {
  scenario(FILE, 'pre-signed URL expired before the upload started (×2)', async (record) => {
    const world = await createWorld(record);
    world.sim.options.uploadUrlTtlMs = 0;
    let granted = 0;
    const engine = await world.open(
      {},
      {
        // The third link onwards is valid again: the first two were dead on arrival.
        onRequest: (endpoint, status) => {
          if (endpoint === 'POST /v1/media/input' && status === 201 && ++granted >= 2)
            world.sim.options.uploadUrlTtlMs = 60 * 60 * 1000;
        },
      },
    );
    const jobs = await engine.add(await world.recordings(1));
    const ids = jobs.map((job) => job.id);
    const done = await waitForFinal(engine, ids);
    record.injected = world.sim.countRequests({ method: 'PUT', status: 403 });
    const m = await measureEngine(record, world, ids);
    expect(done[0]!.state).toBe('succeeded');
    expect(record.injected).toBe(2);
    expect(world.sim.countRequests({ route: 'POST /v1/media/input' })).toBe(3);
    record.outcome = `succeeded with a 3rd fresh link after ${record.injected} × 403 expired; ${m.serviceJobs} service job`;
  });

  scenario(FILE, 'pre-signed URL expired during the upload (×2)', async (record) => {
    const world = await createWorld(record);
    // Links live 400 ms; the first two PUTs are held 800 ms by the store, so they expire in flight.
    world.sim.options.uploadUrlTtlMs = 400;
    world.sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 800, times: 2 });
    const engine = await world.open();
    const jobs = await engine.add(await world.recordings(1, 4));
    const ids = jobs.map((job) => job.id);
    const done = await waitForFinal(engine, ids);
    record.injected = world.sim.countRequests({ method: 'PUT', status: 403 });
    const m = await measureEngine(record, world, ids);
    expect(done[0]!.state).toBe('succeeded');
    expect(record.injected).toBe(2);
    record.outcome = `succeeded after ${record.injected} uploads refused mid-way (403 expired); ${m.serviceJobs} service job`;
  });
});

describe('storage times out a stalled upload', () => {
  scenario(
    FILE,
    'upload stalls, storage answers 400 RequestTimeout (idle time scaled to 0.3 s) ×2',
    async (record) => {
      const world = await createWorld(record);
      // S3 closes a connection idle for about 20–30 s; the simulator's store waits 0.3 s here,
      // well inside the uploader's own stall timeout (60 s), so storage is the one that gives up.
      world.sim.options.uploadIdleTimeoutMs = 300;
      const rule = world.sim.addFault({
        kind: 'stall',
        method: 'PUT',
        afterBytes: 8_000,
        times: 2,
      });
      const engine = await world.open();
      const notes: string[] = [];
      engine.subscribe((event) => {
        if (event.type === 'job' && event.job.note) notes.push(event.job.note);
      });
      const jobs = await engine.add(await world.recordings(1, 2));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids);
      record.injected = world.sim.countRequests({ method: 'PUT', status: 400 });
      const m = await measureEngine(record, world, ids);
      expect(world.sim.faultHits(rule)).toBe(2);
      expect(record.injected).toBe(2);
      // Final, with the advice for a file storage cannot take, before RequestTimeout was retried.
      expect(done[0]!.error?.message).toBeUndefined();
      expect(done[0]!.state).toBe('succeeded');
      // Each retry asked for a fresh link: one per attempt.
      expect(world.sim.countRequests({ route: 'POST /v1/media/input' })).toBe(3);
      expect(notes.some((note) => /converting/i.test(note))).toBe(false);
      record.outcome = `succeeded with a 3rd fresh link after ${record.injected} × 400 RequestTimeout; ${m.serviceJobs} service job`;
    },
  );
});

describe('slow responses beyond timeouts', () => {
  scenario(
    FILE,
    `API answers slower than the client timeout (${CLIENT_TIMEOUT_MS / 1000} s) on every endpoint`,
    async (record) => {
      const world = await createWorld(record, { timing: { runningMs: 600 } });
      const rules = ['/v1/media/input', '/v1/diarize', '/v2/jobs', '/v1/jobs/*'].map((path) =>
        world.sim.addFault({ kind: 'slow', path, delayMs: CLIENT_TIMEOUT_MS + 500, times: 1 }),
      );
      const engine = await world.open();
      const jobs = await engine.add(await world.recordings(2));
      const ids = jobs.map((job) => job.id);
      const done = await waitForFinal(engine, ids, 60_000);
      record.injected = rules.reduce((sum, rule) => sum + world.sim.faultHits(rule), 0);
      const m = await measureEngine(record, world, ids);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      expect(record.injected).toBe(4);
      // The simulator drops a request whose client hung up before it was handled, so the
      // timed-out submit created nothing: it was looked up first, then sent again (3 POSTs, 2 jobs).
      expect(world.sim.diarizePosts).toBe(3);
      expect(m.serviceJobs).toBe(2);
      record.outcome = `${m.succeeded}/2 succeeded; ${record.injected} timeouts; the timed-out submit was looked up, then resent (${world.sim.diarizePosts} POSTs, ${m.serviceJobs} jobs)`;
    },
  );

  scenario(FILE, 'upload stalls beyond the stall timeout (scaled to 1 s) ×2', async (record) => {
    const world = await createWorld(record);
    const rule = world.sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 2_500, times: 2 });
    // Production stalls out after 60 s without progress; this uploader uses 1 s.
    const client = createPyannoteClient({
      baseUrl: world.sim.baseUrl,
      getApiKey: () => world.key,
      timeoutMs: CLIENT_TIMEOUT_MS,
    });
    const engine = await world.open({
      uploader: createUploader({ client, stallTimeoutMs: 1_000 }),
    });
    const jobs = await engine.add(await world.recordings(1));
    const ids = jobs.map((job) => job.id);
    const notes: string[] = [];
    engine.subscribe((event) => {
      if (event.type === 'job' && event.job.note) notes.push(event.job.note);
    });
    const done = await waitForFinal(engine, ids);
    record.injected = world.sim.faultHits(rule);
    const m = await measureEngine(record, world, ids);
    expect(done[0]!.state).toBe('succeeded');
    expect(record.injected).toBe(2);
    await waitFor(
      engine,
      () => true,
      () => undefined,
      10,
    );
    expect(notes.some((note) => /retrying the upload/.test(note))).toBe(true);
    record.outcome = `succeeded on the 3rd attempt after ${record.injected} stalled PUTs; ${m.serviceJobs} service job`;
  });
});
