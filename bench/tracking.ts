/**
 * Tracking benchmark: 200 jobs in flight at the local pyannoteAI simulator, whose rate limiter
 * is set to the documented 100 requests per sliding minute, followed by
 *   (a) our scheduler: the real JobEngine with its default request budget and tracking options;
 *   (b) the baseline: what the official SDK does, one GET /v1/jobs/{id} per job every 10 s, no
 *       backoff on 429 (it just asks again at its next tick).
 * Each runs at the same time against its own simulator (so they share no rate limit) with the
 * same scenario. Requests are counted from the simulator's own request log.
 *
 * Scenario, kept about tracking only: uploading and submitting 200 files would itself spend
 * minutes of the rate budget, so the jobs are created directly at each simulator with its limit
 * off, then seeded into the engine's data folder as the `queued` records the engine holds after
 * a submit (source as its pre-flight check describes it, content hash, media key, service job id,
 * recorded upload; the submit intent already cleared). The limit is switched back on and tracking
 * starts: the engine resumes following the jobs on open, and the SDK way's per-job loops start
 * spread over one 10 s period, as if submitted one after another. The service finishes the jobs
 * from 30 s to 330 s after tracking starts, one per 1.5 s slot at a random moment inside it (40 per
 * minute), in a random order relative to submission (seeded, so every run is the same scenario);
 * nothing is obtained after a deadline 60 s past the last finish.
 *
 * Targets for (a): at most 60 requests in any 60 s window, no 429, and every result saved within
 * 15 s of the service finishing the job. The last line is `targets met` or `targets missed: …`.
 */

import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../src/core/jobs/engine';
import { JobStore } from '../src/core/jobs/store';
import { checkRecording } from '../src/core/media/preflight';
import { createPyannoteClient } from '../src/core/pyannote/client';
import { toDiarizeRequestBody } from '../src/core/pyannote/request-body';
import { hashFile, mediaUrlForContent } from '../src/core/upload/media-key';
import { DEFAULT_DIARIZE_OPTIONS } from '../src/shared/diarize-options';
import { isFinalState, type JobRecord } from '../src/shared/jobs';
import { startSimulator, type Simulator } from '../test/simulator';
import { seededRandom } from '../test/simulator/prng';
import { submitDiarization, uploadMedia } from '../test/simulator/test-helpers';
import { makeWav } from '../test/simulator/wav';

const JOBS = 200;
const RATE_LIMIT = { limit: 100, windowMs: 60_000 };
/** Setup (files, 200 uploads and submits per simulator, seeding) must be done by then. */
const SETUP_MS = 15_000;
const FIRST_FINISH_MS = 30_000;
/** One finish per 1.5 s slot: 40 jobs per minute, about 5 minutes for all 200. */
const FINISH_SLOT_MS = 1_500;
const TAIL_MS = 60_000;
const SDK_POLL_MS = 10_000;
const TIMING = { createdMs: 500, pendingMs: 1_500, runningMsPerAudioSecond: 10 };
const WAV_SECONDS = 1;

const TARGET_PEAK = 60;
const TARGET_LAG_MS = 15_000;

interface SeededJob {
  /** Index in submission order. */
  index: number;
  serviceJobId: string;
}

interface Row {
  name: string;
  sim: Simulator;
  /** Service job id → when its result was saved (ours) or obtained (baseline). */
  saved: Map<string, number>;
  /** When this side stopped: all results in, or the deadline. */
  endedAt: number;
}

interface Figures {
  peak: number;
  meanPerMinute: number;
  rejected: number;
  obtained: number;
  medianLagMs: number | undefined;
  maxLagMs: number | undefined;
  byRoute: Map<string, number>;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/** Most requests in any 60 s window, from sorted arrival times. */
function peakInWindow(times: number[], windowMs = 60_000): number {
  let peak = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[first]! <= times[last]! - windowMs) first += 1;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

const median = (values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** When each job finishes, by submission index: slot k at a random moment, slots shuffled. */
function finishOffsets(): number[] {
  const rng = seededRandom('bench-tracking');
  const slots = Array.from({ length: JOBS }, (_, k) => k);
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots.map((k) => Math.round(FIRST_FINISH_MS + (k + rng()) * FINISH_SLOT_MS));
}

interface Recording {
  path: string;
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  durationSeconds: number;
  container: string;
  sha256: string;
  mediaUrl: string;
  bytes: Buffer;
}

/** Tiny distinct WAVs on disk, described by the app's own pre-flight check and content hash. */
async function makeRecordings(dir: string): Promise<Recording[]> {
  const recordings: Recording[] = [];
  for (let index = 0; index < JOBS; index += 1) {
    const name = `meeting-${String(index + 1).padStart(3, '0')}.wav`;
    const path = join(dir, name);
    const bytes = makeWav({ seconds: WAV_SECONDS, sampleRate: 8_000, frequency: 200 + index });
    await writeFile(path, bytes);
    const checked = await checkRecording(path);
    if (!checked.ok) throw new Error(`${name}: ${checked.message}`);
    const { sha256 } = await hashFile(path);
    const { info } = checked;
    recordings.push({
      path,
      name,
      sizeBytes: info.sizeBytes,
      mtimeMs: info.mtimeMs,
      durationSeconds: info.durationSeconds,
      container: info.container,
      sha256,
      mediaUrl: mediaUrlForContent(sha256),
      bytes,
    });
  }
  return recordings;
}

/**
 * Uploads and submits every recording at one simulator, one at a time so that each job gets
 * the timing set just before its own POST (the simulator snapshots timing per job).
 */
async function createJobs(
  sim: Simulator,
  recordings: Recording[],
  finishAt: number[],
): Promise<SeededJob[]> {
  sim.options.rateLimit = null;
  const jobs: SeededJob[] = [];
  for (const [index, recording] of recordings.entries()) {
    const status = await uploadMedia(sim, recording.mediaUrl, recording.bytes);
    if (status !== 200) throw new Error(`upload answered ${status}`);
    const audioMs = TIMING.runningMsPerAudioSecond * recording.durationSeconds;
    const runningMs = finishAt[index]! - sim.now() - TIMING.createdMs - TIMING.pendingMs - audioMs;
    sim.options.timing = { ...TIMING, runningMs: Math.max(0, runningMs) };
    const body = toDiarizeRequestBody(recording.mediaUrl, DEFAULT_DIARIZE_OPTIONS);
    jobs.push({ index, serviceJobId: await submitDiarization(sim, { ...body }) });
  }
  return jobs;
}

/** Writes the records the engine itself holds after submitting each job (submitIntent cleared). */
async function seedEngineStore(
  dataDir: string,
  recordings: Recording[],
  jobs: SeededJob[],
): Promise<Map<string, string>> {
  const store = await JobStore.open(dataDir);
  const batchId = randomUUID();
  const stamp = new Date().toISOString();
  const recordIdToServiceId = new Map<string, string>();
  for (const job of jobs) {
    const recording = recordings[job.index]!;
    const record: JobRecord = {
      id: randomUUID(),
      revision: 1,
      batchId,
      createdAt: stamp,
      updatedAt: stamp,
      state: 'queued',
      source: {
        path: recording.path,
        name: recording.name,
        sizeBytes: recording.sizeBytes,
        mtimeMs: recording.mtimeMs,
        durationSeconds: recording.durationSeconds,
        container: recording.container,
      },
      options: DEFAULT_DIARIZE_OPTIONS,
      sha256: recording.sha256,
      mediaUrl: recording.mediaUrl,
      serviceJobId: job.serviceJobId,
      serviceStatus: 'created',
    };
    store.put(record);
    store.recordUpload(recording.mediaUrl, Date.now());
    recordIdToServiceId.set(record.id, job.serviceJobId);
  }
  await store.close();
  return recordIdToServiceId;
}

/** (a) The real engine with defaults; resolves when every job is final or the deadline passed. */
async function runEngine(
  sim: Simulator,
  dataDir: string,
  ids: Map<string, string>,
  deadline: number,
  row: Row,
): Promise<void> {
  const client = createPyannoteClient({ baseUrl: sim.baseUrl, getApiKey: () => sim.apiKey });
  const engine = await JobEngine.open({ dataDir, client });
  // Saved = the moment the record turns `succeeded`, which is after the result file was written.
  engine.subscribe((event) => {
    if (event.type !== 'job' || event.job.state !== 'succeeded') return;
    const serviceJobId = ids.get(event.job.id);
    if (serviceJobId && !row.saved.has(serviceJobId)) row.saved.set(serviceJobId, Date.now());
  });
  const stop = new AbortController();
  await Promise.race([engine.whenIdle(), sleep(deadline - Date.now(), stop.signal)]);
  stop.abort();
  row.endedAt = Math.min(Date.now(), deadline);
  const unfinished = engine.list().filter((job) => !isFinalState(job.state)).length;
  const failed = engine.list().filter((job) => job.state === 'failed');
  if (unfinished > 0) console.log(`  ours: ${unfinished} jobs still followed at the deadline`);
  for (const job of failed.slice(0, 3))
    console.log(`  ours: job failed: ${job.error?.code} ${job.error?.message}`);
  await engine.close();
}

/** (b) The SDK's loop for one job: GET, and if not finished, sleep 10 s and GET again. */
async function sdkFollow(
  sim: Simulator,
  serviceJobId: string,
  firstPollAt: number,
  signal: AbortSignal,
  row: Row,
): Promise<void> {
  await sleep(firstPollAt - Date.now(), signal);
  while (!signal.aborted) {
    try {
      const response = await fetch(`${sim.baseUrl}/v1/jobs/${serviceJobId}`, {
        headers: { Authorization: `Bearer ${sim.apiKey}` },
        signal,
      });
      const body = (await response.json()) as { status?: string; output?: unknown };
      // The answer of a finished job already carries its output: nothing more to fetch.
      if (response.ok && ['succeeded', 'failed', 'canceled'].includes(body.status ?? '')) {
        if (body.status === 'succeeded' && body.output !== undefined)
          row.saved.set(serviceJobId, Date.now());
        return;
      }
    } catch {
      // Stopped at the deadline, or a transport error: the SDK's loop would just go on.
    }
    await sleep(SDK_POLL_MS, signal);
  }
}

async function runBaseline(
  sim: Simulator,
  jobs: SeededJob[],
  start: number,
  deadline: number,
  row: Row,
): Promise<void> {
  const stop = new AbortController();
  // Every job's loop listens on the one stop signal (its sleep and its fetch).
  setMaxListeners(3 * jobs.length, stop.signal);
  const timer = setTimeout(() => stop.abort(), Math.max(0, deadline - Date.now()));
  // Jobs submitted one after another have their 10 s loops out of step: spread them evenly.
  await Promise.all(
    jobs.map((job) =>
      sdkFollow(sim, job.serviceJobId, start + (job.index * SDK_POLL_MS) / JOBS, stop.signal, row),
    ),
  );
  clearTimeout(timer);
  stop.abort();
  row.endedAt = Math.min(Date.now(), deadline);
}

function figures(row: Row, start: number): Figures {
  const log = row.sim
    .requestLog()
    .filter((entry) => entry.at >= start && entry.route !== 'unknown');
  const times = log.map((entry) => entry.at).sort((a, b) => a - b);
  const byRoute = new Map<string, number>();
  for (const entry of log) byRoute.set(entry.route, (byRoute.get(entry.route) ?? 0) + 1);
  const lags: number[] = [];
  for (const job of row.sim.jobs()) {
    const savedAt = row.saved.get(job.id);
    if (savedAt !== undefined && job.completedAt) lags.push(savedAt - Date.parse(job.completedAt));
  }
  const minutes = Math.max(1, row.endedAt - start) / 60_000;
  return {
    peak: peakInWindow(times),
    meanPerMinute: log.length / minutes,
    rejected: log.filter((entry) => entry.status === 429).length,
    obtained: row.saved.size,
    medianLagMs: median(lags),
    maxLagMs: lags.length > 0 ? Math.max(...lags) : undefined,
    byRoute,
  };
}

const seconds = (ms: number | undefined): string =>
  ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'diarist-bench-tracking-'));
  const dataDir = join(dir, 'data');
  const sims = await Promise.all([
    startSimulator({ rateLimit: null, timing: TIMING }),
    startSimulator({ rateLimit: null, timing: TIMING }),
  ]);
  const [oursSim, sdkSim] = sims as [Simulator, Simulator];
  try {
    const setupStarted = Date.now();
    const start = setupStarted + SETUP_MS;
    const finishAt = finishOffsets().map((offset) => start + offset);
    const deadline = Math.max(...finishAt) + TAIL_MS;
    console.log(
      `tracking ${JOBS} jobs at a local simulator limited to ${RATE_LIMIT.limit} requests per ` +
        `${RATE_LIMIT.windowMs / 1000} s (sliding)`,
    );
    console.log(
      `scenario: jobs created directly at each simulator with its limit off, seeded into the ` +
        `engine's data folder as queued records; the service finishes them ` +
        `${FIRST_FINISH_MS / 1000}–${(FIRST_FINISH_MS + JOBS * FINISH_SLOT_MS) / 1000} s after ` +
        `tracking starts (${60_000 / FINISH_SLOT_MS}/min, random order); deadline ` +
        `${Math.round((deadline - start) / 1000)} s`,
    );
    await mkdir(join(dir, 'recordings'));
    const recordings = await makeRecordings(join(dir, 'recordings'));
    const [oursJobs, sdkJobs] = await Promise.all([
      createJobs(oursSim, recordings, finishAt),
      createJobs(sdkSim, recordings, finishAt),
    ]);
    const ids = await seedEngineStore(dataDir, recordings, oursJobs);
    for (const sim of sims) sim.options.rateLimit = { ...RATE_LIMIT };
    if (Date.now() > start)
      throw new Error(`setup took ${Date.now() - setupStarted} ms, more than ${SETUP_MS} ms`);
    console.log(`setup done in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s; tracking…`);
    await sleep(start - Date.now());

    const ours: Row = {
      name: 'ours (JobEngine, defaults)',
      sim: oursSim,
      saved: new Map(),
      endedAt: deadline,
    };
    const sdk: Row = {
      name: 'SDK way (GET each job / 10 s)',
      sim: sdkSim,
      saved: new Map(),
      endedAt: deadline,
    };
    const progress = setInterval(() => {
      const finished = oursSim.jobs().filter((job) => job.completedAt !== undefined).length;
      console.log(
        `  t+${Math.round((Date.now() - start) / 1000)} s: service finished ${finished}, ` +
          `ours saved ${ours.saved.size}, baseline obtained ${sdk.saved.size}`,
      );
    }, 30_000);
    await Promise.all([
      runEngine(oursSim, dataDir, ids, deadline, ours),
      runBaseline(sdkSim, sdkJobs, start, deadline, sdk),
    ]);
    clearInterval(progress);

    const rows = [ours, sdk].map((row) => ({ row, f: figures(row, start) }));
    console.log('');
    console.log(
      'approach                       peak/60s  mean/min  429s  obtained  median lag  max lag',
    );
    for (const { row, f } of rows) {
      console.log(
        `${row.name.padEnd(30)} ${String(f.peak).padStart(8)}  ${f.meanPerMinute.toFixed(1).padStart(8)}` +
          `  ${String(f.rejected).padStart(4)}  ${`${f.obtained}/${JOBS}`.padStart(8)}` +
          `  ${seconds(f.medianLagMs).padStart(10)}  ${seconds(f.maxLagMs).padStart(7)}`,
      );
    }
    for (const { row, f } of rows) {
      const routes = [...f.byRoute].map(([route, count]) => `${route} ${count}`).join(', ');
      console.log(`${row.name}: ${routes || 'no requests'}`);
    }
    console.log(
      `requests as the simulator logged them, 429s included; mean/min over the time each side ` +
        `was active; lag = service finish (simulator completedAt) → result saved (ours) or ` +
        `received (SDK way)`,
    );
    console.log(
      `targets for ours: peak ≤ ${TARGET_PEAK} per 60 s, no 429, all ${JOBS} saved, ` +
        `max lag ≤ ${TARGET_LAG_MS / 1000} s`,
    );
    const f = rows[0]!.f;
    const missed = [
      ...(f.peak > TARGET_PEAK ? [`peak ${f.peak} > ${TARGET_PEAK} per 60 s`] : []),
      ...(f.rejected > 0 ? [`${f.rejected} 429s`] : []),
      ...(f.obtained < JOBS ? [`${JOBS - f.obtained} results not saved`] : []),
      ...((f.maxLagMs ?? Infinity) > TARGET_LAG_MS ? [`max lag ${seconds(f.maxLagMs)}`] : []),
    ];
    console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
  } finally {
    await Promise.all(sims.map((sim) => sim.close()));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
