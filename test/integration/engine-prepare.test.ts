/**
 * Recordings as people have them, through the real engine and the real preparation against the
 * simulator: only the sound is sent, made to fit, and the saved times refer to the original file.
 */

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/shared/jobs';
import type { SavedResult } from '../../src/shared/result';
import type { JobEngine } from '../../src/core/jobs/engine';
import type { RunPreparation } from '../../src/core/jobs/prepare-step';
import { PREPARED_DIR } from '../../src/core/jobs/prepared-files';
import { prepareRecording } from '../../src/core/media/prepare';
import { createPyannoteClient } from '../../src/core/pyannote/client';
import { describeJobState } from '../../src/shared/job-status-text';
import {
  FAST_SIM,
  openEngine,
  startSimulator,
  tempDir,
  waitForFinal,
  type Simulator,
} from '../support/engine-harness';
import { makeMedia, probeBytes, writeSparseWav, type MediaName } from '../support/prepare-media';

/** Resolves once `test` holds for the engine's copy of a job. */
function waitForJob(
  engine: JobEngine,
  id: string,
  test: (job: JobRecord) => boolean,
  timeoutMs = 15_000,
): Promise<JobRecord> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const job = engine.get(id);
      if (job && test(job)) {
        clearTimeout(timer);
        off();
        resolve(job);
      }
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`job ${id} never matched (state ${engine.get(id)?.state})`));
    }, timeoutMs);
    const off = engine.subscribe(check);
    check();
  });
}

async function preparedFiles(dataDir: string): Promise<string[]> {
  return readdir(join(dataDir, PREPARED_DIR)).catch(() => []);
}

/** Waits for the prepared cache to be emptied (its removal after a final state is not awaited). */
async function preparedEmptied(dataDir: string): Promise<string[]> {
  const deadline = Date.now() + 3_000;
  let left = await preparedFiles(dataDir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    left = await preparedFiles(dataDir);
  }
  return left;
}

/** A preparation that has begun (a half-written file, some progress) and waits to be stopped. */
function stalledPreparation(started: () => void): RunPreparation {
  return async (_source, _plan, dest, options) => {
    await writeFile(`${dest}.partial`, Buffer.alloc(4096, 7));
    options?.onProgress?.(0.5);
    started();
    await new Promise<void>((_resolve, reject) => {
      const signal = options?.signal;
      const stop = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
    });
    throw new Error('unreachable');
  };
}

describe('preparing recordings: only the sound is sent', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let media: { path: string; remove: () => Promise<void> };
  let engine: JobEngine | undefined;
  const made = new Map<MediaName, string>();
  const source = async (name: MediaName): Promise<string> => {
    const existing = made.get(name);
    if (existing) return existing;
    const path = await makeMedia(media.path, name);
    made.set(name, path);
    return path;
  };

  beforeAll(async () => {
    media = await tempDir('diarist-prepare-media-');
  });
  afterAll(async () => {
    await media.remove();
  });
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-prepare-');
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await sim.close();
    await work.remove();
  });

  const dataDir = () => join(work.path, 'data');

  async function uploadedStreams(job: JobRecord) {
    expect(job.mediaUrl).toBeDefined();
    const bytes = sim.uploadedBytes(job.mediaUrl!);
    expect(bytes, 'the simulator kept the uploaded bytes').toBeDefined();
    expect(bytes!.length).toBe(job.prepared?.sizeBytes);
    return probeBytes(work.path, bytes!, `uploaded-${job.id}`);
  }

  it.each([
    ['meeting-aac.mp4', 'aac'],
    ['meeting-opus.webm', 'opus'],
    ['meeting-pcm.mov', 'pcm_s16le'],
  ] as const)(
    '%s: its sound alone reaches the service, and the prepared file is removed once done',
    async (name, codec) => {
      const path = await source(name);
      engine = await openEngine(sim, dataDir());
      const [added] = await engine.add([path]);
      const [job] = await waitForFinal(engine, [added!.id], 30_000);
      expect(job!.state, job!.error?.message).toBe('succeeded');
      expect(job!.preparation?.action).toBe(
        codec === 'pcm_s16le' ? 'downmix-resample' : 'extract-audio',
      );
      expect(job!.prepared!.sizeBytes).toBeLessThan(job!.source.sizeBytes);
      const streams = await uploadedStreams(job!);
      expect(streams.map((s) => s.codec_type)).toEqual(['audio']);
      expect(streams[0]!.codec_name).toBe(codec);
      if (codec === 'pcm_s16le')
        expect(streams[0]).toMatchObject({ sample_rate: '16000', channels: 1 });
      expect(await preparedEmptied(dataDir())).toEqual([]);
    },
    60_000,
  );

  it('a 48 kHz stereo 24-bit field recording is sent as 16 kHz mono 16-bit WAV', async () => {
    const path = await source('field-recorder.wav');
    engine = await openEngine(sim, dataDir());
    const [added] = await engine.add([path]);
    const [job] = await waitForFinal(engine, [added!.id], 30_000);
    expect(job!.state, job!.error?.message).toBe('succeeded');
    const streams = await uploadedStreams(job!);
    expect(streams).toEqual([
      expect.objectContaining({
        codec_type: 'audio',
        codec_name: 'pcm_s16le',
        sample_rate: '16000',
        channels: 1,
      }),
    ]);
    // 48 kHz stereo 24-bit is 9 times the bytes of 16 kHz mono 16-bit.
    expect(job!.prepared!.sizeBytes).toBeLessThan(job!.source.sizeBytes / 8);
  }, 60_000);

  it('a field recording over 1 GiB (sparse, made now) is made to fit and reaches a saved result', async () => {
    // 1 h 33 min of 48 kHz stereo 16-bit: just over 1 GiB; as 16 kHz mono 16-bit, 179 MB.
    const path = join(work.path, 'long-interview.wav');
    await writeSparseWav(path, { rate: 48_000, channels: 2, bits: 16, seconds: 5_600 });
    engine = await openEngine(sim, dataDir());
    const [added] = await engine.add([path]);
    const [job] = await waitForFinal(engine, [added!.id], 180_000);
    expect(job!.source.sizeBytes).toBeGreaterThan(1024 ** 3);
    expect(job!.state, job!.error?.message).toBe('succeeded');
    expect(job!.preparation?.action).toBe('downmix-resample');
    expect(job!.prepared!.sizeBytes).toBe(44 + 5_600 * 16_000 * 2);
    expect(sim.uploads().get(job!.mediaUrl!)?.size).toBe(job!.prepared!.sizeBytes);
    expect(await engine.getResult(job!.id)).toBeDefined();
    await expect
      .poll(() => preparedFiles(dataDir()), { message: 'the prepared copy is deleted once done' })
      .toEqual([]);
  }, 240_000);

  it('a video without sound is refused plainly, before anything is sent', async () => {
    const path = await source('silent-video.mp4');
    engine = await openEngine(sim, dataDir());
    const [added] = await engine.add([path]);
    const [job] = await waitForFinal(engine, [added!.id]);
    expect(job!.state).toBe('failed');
    expect(job!.error?.message).toMatch(/no sound track/);
    expect(sim.uploads().size).toBe(0);
    expect(sim.diarizePosts).toBe(0);
  });

  it('a video whose sound starts 2 s late gets times 2 s later than the sound sent, in every export', async () => {
    const path = await source('late-sound.mp4');
    engine = await openEngine(sim, dataDir());
    const [added] = await engine.add([path]);
    const [job] = await waitForFinal(engine, [added!.id], 30_000);
    expect(job!.state, job!.error?.message).toBe('succeeded');
    // AAC's encoder delay may take a few hundredths off the 2 s.
    expect(Math.abs(job!.prepared!.offsetSeconds - 2)).toBeLessThan(0.1);
    const client = createPyannoteClient({ baseUrl: sim.baseUrl, getApiKey: () => sim.apiKey });
    const service = await client.getJob(job!.serviceJobId!);
    const sent = (service.output as { diarization: { start: number; end: number }[] }).diarization;
    const saved = (await engine.getResult(job!.id)) as SavedResult;
    expect(sent.length).toBeGreaterThan(0);
    const firstSent = Math.min(...sent.map((s) => s.start));
    expect(saved.segments[0]!.start - firstSent).toBeCloseTo(job!.prepared!.offsetSeconds, 3);
    // Nothing is said before the sound starts (the simulator's first turn may start at 0 of the
    // sound sent, and the offset is a few hundredths under 2 s; it was checked above).
    expect(saved.segments[0]!.start).toBeGreaterThanOrEqual(job!.prepared!.offsetSeconds);
    // The subtitles play in sync with the video: their first cue is the shifted time.
    const srt = await engine.exportJob(job!.id, 'srt');
    const first = /(\d\d):(\d\d):(\d\d),(\d\d\d) -->/.exec(String(srt.content));
    expect(first).not.toBeNull();
    const [, h, m, s, ms] = first!.map(Number) as [number, number, number, number, number];
    expect(h * 3600 + m * 60 + s + ms / 1000).toBeCloseTo(saved.segments[0]!.start, 2);
    expect(h * 3600 + m * 60 + s + ms / 1000).toBeGreaterThan(1.9);
  }, 60_000);

  it('a crash while preparing leaves a partial file that is removed and never sent; the step is redone', async () => {
    const path = await source('meeting-aac.mp4');
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    engine = await openEngine(sim, dataDir(), { prepare: { run: stalledPreparation(started) } });
    const [added] = await engine.add([path]);
    await begun;
    const preparing = await waitForJob(
      engine,
      added!.id,
      (job) => job.progress?.phase === 'preparing',
    );
    expect(describeJobState(preparing)).toBe('Preparing 50 %');
    expect((await preparedFiles(dataDir())).some((name) => name.endsWith('.partial'))).toBe(true);
    // The process dies here: the half-written file stays behind, as after a real crash.
    await engine.close();
    expect((await preparedFiles(dataDir())).some((name) => name.endsWith('.partial'))).toBe(true);

    let runs = 0;
    const counted: RunPreparation = (...args) => {
      runs += 1;
      return prepareRecording(...args);
    };
    engine = await openEngine(sim, dataDir(), { prepare: { run: counted } });
    expect(await preparedFiles(dataDir()), 'removed at start, before any upload').toEqual([]);
    const [job] = await waitForFinal(engine, [added!.id], 30_000);
    expect(job!.state, job!.error?.message).toBe('succeeded');
    expect(runs).toBe(1);
    const streams = await uploadedStreams(job!);
    expect(streams.map((s) => s.codec_type)).toEqual(['audio']);
    expect(sim.uploads().size).toBe(1);
  }, 60_000);

  it('cancel while preparing stops it at once; nothing is sent and nothing is left', async () => {
    const path = await source('meeting-aac.mp4');
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    engine = await openEngine(sim, dataDir(), { prepare: { run: stalledPreparation(started) } });
    const [added] = await engine.add([path]);
    await begun;
    await engine.cancel(added!.id);
    const job = await waitForJob(engine, added!.id, (j) => j.state === 'canceled');
    expect(job.progress).toBeUndefined();
    expect(sim.uploads().size).toBe(0);
    expect(sim.countRequests({ method: 'PUT' })).toBe(0);
  });

  it('two jobs on one recording share one preparation; the second is not sent again', async () => {
    const path = await source('meeting-aac.mp4');
    let runs = 0;
    const counted: RunPreparation = (...args) => {
      runs += 1;
      return prepareRecording(...args);
    };
    engine = await openEngine(sim, dataDir(), { prepare: { run: counted } });
    const added = await engine.add([path, path]);
    const jobs = await waitForFinal(
      engine,
      added.map((job) => job.id),
      30_000,
    );
    expect(jobs.map((job) => job.state).sort()).toEqual(['canceled', 'succeeded']);
    expect(jobs.find((job) => job.state === 'canceled')!.duplicateOf).toBeDefined();
    expect(runs).toBe(1);
    expect(sim.uploads().size).toBe(1);
    expect(await preparedEmptied(dataDir())).toEqual([]);
  }, 60_000);

  it('prepared files no job needs, and partial files, are removed at start', async () => {
    const folder = join(dataDir(), PREPARED_DIR);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'abc-pcm_16k_mono_1.wav'), 'left over');
    await writeFile(join(folder, 'abc-pcm_16k_mono_1.wav.partial'), 'half');
    engine = await openEngine(sim, dataDir());
    expect(await preparedFiles(dataDir())).toEqual([]);
  });

  it('a full disk is refused before preparing, with what to do', async () => {
    const path = await source('field-recorder.wav');
    let runs = 0;
    engine = await openEngine(sim, dataDir(), {
      prepare: {
        freeBytes: () => Promise.resolve(5 * 1024 ** 2),
        run: (...args) => {
          runs += 1;
          return prepareRecording(...args);
        },
      },
    });
    const [added] = await engine.add([path]);
    const [job] = await waitForFinal(engine, [added!.id]);
    expect(job!.state).toBe('failed');
    expect(job!.error?.code).toBe('disk-full');
    expect(job!.error?.message).toMatch(/disk holding Diarist’s data is full.*only 5 MB is free/);
    expect(runs).toBe(0);
    expect(sim.uploads().size).toBe(0);
  });
});
