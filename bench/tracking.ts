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
 * 15 s of the service finishing the job.
 *
 * Scenario 2 (bench/tracking-team.ts) runs alongside once scenario 1's setup is done: five
 * processes on one team key, with and without pacing from the service's rate-limit headers.
 * The last line covers both: `targets met` or `targets missed: …` (and a non-zero exit).
 */

import { setMaxListeners } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../src/core/jobs/engine';
import { createPyannoteClient } from '../src/core/pyannote/client';
import { isFinalState } from '../src/shared/jobs';
import { startSimulator, type Simulator } from '../test/simulator';
import {
  createJobs,
  finishOffsets,
  makeRecordings,
  median,
  peakInWindow,
  seconds,
  seedEngineStore,
  sleep,
  type SeededJob,
} from './tracking-setup';
import { runTeamScenario } from './tracking-team';

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

const TARGET_PEAK = 60;
const TARGET_LAG_MS = 15_000;

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
    const finishAt = finishOffsets('bench-tracking', JOBS, FIRST_FINISH_MS, FINISH_SLOT_MS).map(
      (offset) => start + offset,
    );
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
    const recordings = await makeRecordings(join(dir, 'recordings'), JOBS);
    const [oursJobs, sdkJobs] = await Promise.all([
      createJobs(oursSim, recordings, finishAt, TIMING),
      createJobs(sdkSim, recordings, finishAt, TIMING),
    ]);
    const ids = await seedEngineStore(dataDir, recordings, oursJobs);
    for (const sim of sims) sim.options.rateLimit = { ...RATE_LIMIT };
    if (Date.now() > start)
      throw new Error(`setup took ${Date.now() - setupStarted} ms, more than ${SETUP_MS} ms`);
    console.log(`setup done in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s; tracking…`);
    // Scenario 2 sets itself up while scenario 1 waits for its first finishes, then runs alongside.
    const team = runTeamScenario(dir, (line) => console.log(line));
    team.catch(() => undefined);
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
    const teamResult = await team;
    console.log('');
    for (const line of teamResult.lines) console.log(line);
    const f = rows[0]!.f;
    const missed = [
      ...(f.peak > TARGET_PEAK ? [`peak ${f.peak} > ${TARGET_PEAK} per 60 s`] : []),
      ...(f.rejected > 0 ? [`${f.rejected} 429s`] : []),
      ...(f.obtained < JOBS ? [`${JOBS - f.obtained} results not saved`] : []),
      ...((f.maxLagMs ?? Infinity) > TARGET_LAG_MS ? [`max lag ${seconds(f.maxLagMs)}`] : []),
      ...teamResult.missed,
    ];
    console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
    if (missed.length) process.exitCode = 1;
  } finally {
    await Promise.all(sims.map((sim) => sim.close()));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
