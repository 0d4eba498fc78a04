import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import { JOB_STATES } from '../../src/shared/jobs';
import type { SavedResult } from '../../src/shared/result';
import type { EngineEvent, JobEngine } from '../../src/core/jobs/engine';
import { COULD_NOT_LOAD } from '../simulator';
import {
  collectEvents,
  nextEvent,
  copyFixtures,
  FAST_SIM,
  openEngine,
  startSimulator,
  tempDir,
  waitForFinal,
  type Simulator,
} from '../support/engine-harness';

const FORMATS = [
  'conversation.wav',
  'conversation-cbr.mp3',
  'réunion équipe.m4a',
  'conversation.flac',
  'conversation.ogg',
];

describe('job engine against the simulator', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let engine: JobEngine | undefined;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-engine-');
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await sim.close();
    await work.remove();
  });

  it('runs a batch of several formats to saved results, one service job each', async () => {
    const files = await copyFixtures(work.path, FORMATS);
    engine = await openEngine(sim, join(work.path, 'data'));
    const events = collectEvents(engine);
    const finished = nextEvent(engine, 'batch-finished');
    const jobs = await engine.add(files, { ...DEFAULT_DIARIZE_OPTIONS, exclusive: true });
    const done = await waitForFinal(
      engine,
      jobs.map((j) => j.id),
    );
    expect(await finished).toMatchObject({ succeeded: FORMATS.length, failed: 0, canceled: 0 });
    // Announced once, even when several recordings finish in the same step (one notification).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.filter((event) => event.type === 'batch-finished')).toHaveLength(1);
    expect(done.map((j) => j.state)).toEqual(FORMATS.map(() => 'succeeded'));
    expect(sim.jobs()).toHaveLength(FORMATS.length);
    expect(sim.diarizePosts).toBe(FORMATS.length);
    for (const job of done) {
      const saved = JSON.parse(
        await readFile(join(work.path, 'data', job.resultFile!), 'utf8'),
      ) as SavedResult;
      expect(saved.serviceJobId).toBe(job.serviceJobId);
      expect(saved.segments.length).toBeGreaterThan(0);
      expect(saved.exclusiveSegments?.length).toBeGreaterThan(0);
      expect(saved.source.name).toBe(job.source.name);
    }
    // Each state a job passes through comes in lifecycle order (fast phases may be skipped).
    const lifecycle: readonly string[] = JOB_STATES.filter(
      (state) => state !== 'failed' && state !== 'canceled',
    );
    const seen = events.flatMap((e) =>
      e.type === 'job' && e.job.id === jobs[0]!.id ? [e.job.state] : [],
    );
    const order = seen.map((state) => lifecycle.indexOf(state));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(seen).toEqual(
      expect.arrayContaining(['checking', 'uploading', 'submitting', 'succeeded']),
    );
  });

  it('uploads the same recording once and reuses it for a second job', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [first] = await engine.add([file!]);
    await waitForFinal(engine, [first!.id]);
    const [second] = await engine.add([file!], {
      ...DEFAULT_DIARIZE_OPTIONS,
      speakers: { kind: 'exact', count: 2 },
    });
    await waitForFinal(engine, [second!.id]);
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    expect(sim.jobs()).toHaveLength(2);
  });

  it('rejects bad files before anything leaves the machine, with the reason', async () => {
    const files = await copyFixtures(work.path, [
      'empty.wav',
      'text-renamed.wav',
      'video-no-audio.mp4',
    ]);
    engine = await openEngine(sim, join(work.path, 'data'));
    const jobs = await engine.add([...files, join(work.path, 'missing.wav')]);
    const done = await waitForFinal(
      engine,
      jobs.map((j) => j.id),
    );
    expect(done.map((j) => j.state)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(done.map((j) => j.error?.code)).toEqual([
      'unsupported-file',
      'unsupported-file',
      'unsupported-file',
      'source-missing',
    ]);
    for (const job of done) expect(job.error?.message.length).toBeGreaterThan(20);
    // A refused file is recorded with its real size (the row shows it), a missing one with none.
    const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
    expect(done.map((j) => j.source.sizeBytes)).toEqual([...sizes, 0]);
    expect(sizes.slice(1).every((size) => size > 0)).toBe(true);
    expect(sim.countRequests()).toBe(0);
  });

  it('finds the job instead of submitting again when the submit answer is lost', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    sim.addFault({ kind: 'drop-after-handling', method: 'POST', path: '/v1/diarize', times: 1 });
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    const [done] = await waitForFinal(engine, [job!.id], 20_000);
    expect(done!.state).toBe('succeeded');
    expect(sim.jobs()).toHaveLength(1);
    expect(done!.serviceJobId).toBe(sim.jobs()[0]!.id);
  });

  it('submits again when the submit never reached the service', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    sim.addFault({ kind: 'reset', method: 'POST', path: '/v1/diarize', times: 1 });
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    const [done] = await waitForFinal(engine, [job!.id], 20_000);
    expect(done!.state).toBe('succeeded');
    expect(sim.diarizePosts).toBe(2);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('rides out 5xx bursts on every endpoint and a 429 storm without losing or duplicating jobs', async () => {
    const files = await copyFixtures(work.path, [
      'conversation.wav',
      'conversation-cbr.mp3',
      'conversation.flac',
    ]);
    for (const path of ['/v1/media/input', '/v1/diarize', '/v2/jobs', '/v1/jobs/*']) {
      sim.addFault({ kind: 'status', status: [500, 502, 503], path, probability: 0.3 });
    }
    sim.addFault({ kind: 'status', status: 503, method: 'PUT', probability: 0.3 });
    sim.addFault({
      kind: 'status',
      status: 429,
      path: '/v2/jobs',
      times: 5,
      headers: { 'Retry-After': '0' },
    });
    engine = await openEngine(sim, join(work.path, 'data'));
    const jobs = await engine.add(files);
    const done = await waitForFinal(
      engine,
      jobs.map((j) => j.id),
      30_000,
    );
    expect(done.map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sim.jobs()).toHaveLength(3);
  });

  it('waits out a lost network and resumes on its own', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const events = collectEvents(engine);
    const down = sim.addFault({ kind: 'reset', path: /^\/v/ });
    const [job] = await engine.add([file!]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(engine.get(job!.id)!.state).not.toBe('failed');
    sim.options.faults.splice(sim.options.faults.indexOf(down), 1);
    const [done] = await waitForFinal(engine, [job!.id], 90_000);
    expect(done!.state).toBe('succeeded');
    expect(events.some((e) => e.type === 'status' && e.status.offline)).toBe(true);
  }, 100_000);

  it('explains a job that failed at the service, and retries it without uploading again', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    let failures = 1;
    sim.options.failJob = () => (failures-- > 0 ? COULD_NOT_LOAD : undefined);
    engine = await openEngine(sim, join(work.path, 'data'));
    const events = collectEvents(engine);
    const ends = () => events.filter((event) => event.type === 'batch-finished');
    const [job] = await engine.add([file!]);
    const [failed] = await waitForFinal(engine, [job!.id]);
    expect(failed!.state).toBe('failed');
    expect(failed!.error?.message).toMatch(/could not read the recording/);
    // A WAV is not told to become a WAV.
    expect(failed!.error?.message).toMatch(/convert it to MP3/);
    expect(failed!.error?.detail).toContain(COULD_NOT_LOAD);
    await engine.retry(job!.id);
    const [again] = await waitForFinal(engine, [job!.id]);
    expect(again!.state).toBe('succeeded');
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    // The batch ended twice, failed then done after Retry, and each end was announced.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ends()).toMatchObject([{ failed: 1 }, { succeeded: 1 }]);
  });

  it('ends a job whose output expired before it was fetched with that reason', async () => {
    sim.options.outputTtlMs = 0;
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('failed');
    expect(done!.error?.code).toBe('result-expired');
    expect(done!.error?.message).toMatch(/24 hours/);
  });

  it('stops work on a bad key until it is fixed, losing nothing', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    let key = 'sk_revoked0000000000';
    engine = await openEngine(sim, join(work.path, 'data'), {}, () => key);
    const [job] = await engine.add([file!]);
    await engine.whenIdle();
    expect(engine.status().blocked?.code).toBe('unauthorized');
    expect(engine.get(job!.id)!.state).toBe('waiting');
    key = sim.apiKey;
    engine.unblock();
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('succeeded');
  });

  it('cancels an upload at once and retries without a second service job', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 5_000, times: 1 });
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    await new Promise<void>((resolve) => {
      const off = engine!.subscribe((e) => {
        if (
          e.type === 'job' &&
          e.job.state === 'uploading' &&
          e.job.progress?.phase === 'sending'
        ) {
          off();
          resolve();
        }
      });
    });
    await engine.cancel(job!.id);
    const [canceled] = await waitForFinal(engine, [job!.id], 2_000);
    expect(canceled!.state).toBe('canceled');
    await engine.retry(job!.id);
    const [done] = await waitForFinal(engine, [job!.id]);
    expect(done!.state).toBe('succeeded');
    expect(sim.jobs()).toHaveLength(1);
  });

  it('stops following a job the service runs when canceled, and says why', async () => {
    // Long enough in "pending" to cancel there; the service then runs it while we no longer look.
    sim.options.timing.pendingMs = 300;
    sim.options.timing.runningMs = 300;
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    await new Promise<void>((resolve) => {
      const off = engine!.subscribe((e) => {
        if (e.type === 'job' && e.job.id === job!.id && e.job.state === 'queued') {
          off();
          resolve();
        }
      });
    });
    const serviceJobId = engine.get(job!.id)!.serviceJobId!;
    expect(sim.job(serviceJobId)?.status).toMatch(/created|pending/);
    const canceled = await engine.cancel(job!.id);
    expect(canceled!.state).toBe('canceled');
    expect(canceled!.note).toMatch(/cannot stop a job/);
    // A status request already on its way may still arrive; none may start after this.
    const canceledAt = sim.now() + 100;
    const states: string[] = [];
    engine.subscribe((e) => {
      if (e.type === 'job' && e.job.id === job!.id) states.push(e.job.state);
    });
    // Many poll intervals (50–200 ms here), while the service moves on to running and done.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sim.job(serviceJobId)?.status).toBe('succeeded');
    expect(engine.get(job!.id)).toMatchObject({ state: 'canceled' });
    expect(states.filter((state) => state !== 'canceled')).toEqual([]);
    const lateStatusRequests = sim
      .requestLog()
      .filter(
        (entry) =>
          entry.at >= canceledAt &&
          entry.method === 'GET' &&
          (entry.path.includes(serviceJobId) || entry.route.startsWith('GET /v2/jobs')),
      );
    expect(lateStatusRequests).toEqual([]);
  });

  it('names speakers in the saved result and in every export', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    await waitForFinal(engine, [job!.id]);
    const result = await engine.getResult(job!.id);
    const label = result!.speakers[0]!.label;
    await engine.renameSpeaker(job!.id, label, 'Ada Lovelace');
    for (const format of ['rttm', 'json', 'csv', 'srt', 'vtt', 'txt'] as const) {
      const { content, fileName } = await engine.exportJob(job!.id, format);
      expect(content, format).toContain(format === 'rttm' ? 'Ada_Lovelace' : 'Ada Lovelace');
      expect(fileName).toBe(`conversation.${format}`);
    }
    await expect(engine.renameSpeaker(job!.id, 'SPEAKER_99', 'x')).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });

  it('removes a job and, when asked, its saved result', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    engine = await openEngine(sim, join(work.path, 'data'));
    const [job] = await engine.add([file!]);
    await waitForFinal(engine, [job!.id]);
    expect(await engine.remove(job!.id, { deleteResult: true })).toBe(true);
    expect(engine.get(job!.id)).toBeUndefined();
    expect(await engine.getResult(job!.id)).toBeUndefined();
    await expect(readFile(join(work.path, 'data', 'results', `${job!.id}.json`))).rejects.toThrow();
  });

  it('reads and writes results only for its own jobs, never a file an id points to', async () => {
    engine = await openEngine(sim, join(work.path, 'data'));
    // Shaped as a saved result, outside the data folder, under an id that walks out of results/.
    const id = '../../planted';
    const planted = join(work.path, 'planted.json');
    const text = JSON.stringify({ formatVersion: 1, jobId: id, segments: [], speakers: [] });
    await writeFile(planted, text);
    expect(await engine.getResult(id)).toBeUndefined();
    await expect(engine.renameSpeaker(id, 'SPEAKER_00', 'x')).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(engine.exportJob(id, 'json')).rejects.toMatchObject({ code: 'not-found' });
    expect(await readFile(planted, 'utf8')).toBe(text);
  });

  it('tells the person when the job list was damaged, and keeps working', async () => {
    const dataDir = join(work.path, 'data');
    engine = await openEngine(sim, dataDir);
    await engine.close();
    await writeFile(join(dataDir, 'jobs.json'), 'not json at all');
    // Raised while opening, before anyone could subscribe: onEvent hears it.
    const heard: EngineEvent[] = [];
    engine = await openEngine(sim, dataDir, { onEvent: (event) => heard.push(event) });
    expect(heard.filter((e) => e.type === 'notice').map((e) => e.kind)).toEqual([
      'store-set-aside',
    ]);
    expect(engine.list()).toEqual([]);
  });

  it('adopts a result saved just before a crash instead of fetching it again', async () => {
    const [file] = await copyFixtures(work.path, ['conversation.wav']);
    const dataDir = join(work.path, 'data');
    engine = await openEngine(sim, dataDir);
    const [job] = await engine.add([file!]);
    const [done] = await waitForFinal(engine, [job!.id]);
    await engine.close();
    // The state a crash leaves between writing the result and recording it: result on disk,
    // record still "processing".
    const store = JSON.parse(await readFile(join(dataDir, 'jobs.json'), 'utf8')) as {
      jobs: Record<string, unknown>[];
    };
    store.jobs[0] = {
      ...store.jobs[0],
      state: 'processing',
      resultFile: undefined,
      finishedAt: undefined,
    };
    await writeFile(join(dataDir, 'jobs.json'), JSON.stringify(store));
    const fetchesBefore = sim.countRequests({ route: 'GET /v1/jobs/{jobId}' });
    const listsBefore = sim.countRequests({ route: 'GET /v2/jobs' });
    engine = await openEngine(sim, dataDir);
    expect(engine.get(job!.id)!.state).toBe('succeeded');
    expect((await engine.getResult(job!.id))!.serviceJobId).toBe(done!.serviceJobId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.countRequests({ route: 'GET /v1/jobs/{jobId}' })).toBe(fetchesBefore);
    expect(sim.countRequests({ route: 'GET /v2/jobs' })).toBe(listsBefore);
  });

  it('refuses a second engine on the same data folder', async () => {
    const dataDir = join(work.path, 'data');
    engine = await openEngine(sim, dataDir);
    await expect(openEngine(sim, dataDir)).rejects.toMatchObject({ code: 'already-running' });
  });
});
