/**
 * Soak (`npm run soak`): 1,000 jobs through the real job engine against the pyannoteAI simulator
 * with random faults switched on — 5xx on every endpoint, resets in the middle of uploads, lost
 * submit answers and the odd 429 — in bounded time. Prints jobs completed, jobs lost, duplicate
 * jobs at the service, peak memory and open file handles (sampled at 0, 250, 500, 750 and 1,000
 * finished jobs), then `targets met` or `targets missed: <which>` as the last line.
 *
 * The simulator runs in a child process (this same file with `--simulator`), so the memory and
 * file handles measured are the engine's alone. Timing is scaled for a bench: fast service phases,
 * a 1 s client timeout, and the engine's request budget raised with the simulator's limit scaled
 * to match (the engine keeps half the service's limit, as in production: 50 of 100 per minute).
 *
 * Environment: SOAK_JOBS (default 1000), SOAK_SEED (default 7), SOAK_UPLOADS (default 4).
 */

import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../src/core/jobs/engine';
import { readResult } from '../src/core/jobs/result-files';
import { createPyannoteClient } from '../src/core/pyannote/client';
import { isFinalState, type JobRecord } from '../src/shared/jobs';
import { startSimulator, type FaultRule, type Simulator } from '../test/simulator';
import { makeWav } from '../test/simulator/wav';

const JOBS = Number(process.env.SOAK_JOBS ?? 1000);
const SEED = Number(process.env.SOAK_SEED ?? 7);
const UPLOADS = Number(process.env.SOAK_UPLOADS ?? 4);
const TIME_LIMIT_S = 600;

/** Production: 56 per minute for the engine, 100 at the service. Scaled ×240 for the soak. */
const ENGINE_PER_MINUTE = 12_000;
const SIM_PER_MINUTE = 24_000;
const CLIENT_TIMEOUT_MS = 1_000;
const SUBMIT_DEADLINE_MS = 1_500;

/** The random faults, drawn from the simulator's seeded PRNG for every matching request. */
const FAULTS: { label: string; rule: FaultRule }[] = [
  {
    label: 'lost submit answer (job created, answer dropped) 1%',
    rule: { kind: 'drop-after-handling', method: 'POST', path: '/v1/diarize', probability: 0.01 },
  },
  {
    label: 'reset mid-upload 2%',
    rule: { kind: 'reset', method: 'PUT', afterBytes: 4_000, probability: 0.02 },
  },
  {
    label: '5xx on PUT upload 2%',
    rule: { kind: 'status', method: 'PUT', status: [500, 503], probability: 0.02 },
  },
  {
    label: '5xx on every API endpoint 2%',
    rule: { kind: 'status', path: /^\/v[12]\//, status: [500, 502, 503, 504], probability: 0.02 },
  },
  {
    label: '429 (Retry-After: 1) 0.3%',
    rule: { kind: 'status', path: /^\/v[12]\//, status: 429, probability: 0.003 },
  },
];

// ——— the simulator, in its own process ———

type ToSim = { type: 'report' } | { type: 'close' };
interface SimReport {
  jobs: { id: string; url: string; status: string }[];
  diarizePosts: number;
  hits: number[];
  requests: number;
  tooMany: number;
}
type FromSim =
  { type: 'ready'; baseUrl: string; apiKey: string } | { type: 'report'; report: SimReport };

async function simulatorChild(): Promise<void> {
  const sim: Simulator = await startSimulator({
    seed: SEED,
    timing: { createdMs: 20, pendingMs: 40, runningMs: 80, runningMsPerAudioSecond: 2 },
    rateLimit: { limit: SIM_PER_MINUTE, windowMs: 60_000 },
    faults: FAULTS.map((fault) => fault.rule),
  });
  const send = (message: FromSim) => process.send!(message);
  process.on('message', (message: ToSim) => {
    if (message.type === 'report') {
      send({
        type: 'report',
        report: {
          jobs: sim.jobs().map((job) => ({
            id: job.id,
            url: String(job.request.url),
            status: job.status,
          })),
          diarizePosts: sim.diarizePosts,
          hits: FAULTS.map((fault) => sim.faultHits(fault.rule)),
          requests: sim.countRequests(),
          tooMany: sim.countRequests({ status: 429 }),
        },
      });
    } else {
      void sim.close().then(() => process.exit(0));
    }
  });
  // The parent went away: never linger.
  process.on('disconnect', () => void sim.close().then(() => process.exit(0)));
  send({ type: 'ready', baseUrl: sim.baseUrl, apiKey: sim.apiKey });
}

function startSimulatorProcess(): Promise<{
  child: ChildProcess;
  baseUrl: string;
  apiKey: string;
  report: () => Promise<SimReport>;
}> {
  const child = fork(import.meta.filename, ['--simulator'], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    child.once('message', (message: FromSim) => {
      if (message.type !== 'ready') return;
      resolve({
        child,
        baseUrl: message.baseUrl,
        apiKey: message.apiKey,
        report: () =>
          new Promise((done) => {
            const onMessage = (answer: FromSim) => {
              if (answer.type !== 'report') return;
              child.off('message', onMessage);
              done(answer.report);
            };
            child.on('message', onMessage);
            child.send({ type: 'report' } satisfies ToSim);
          }),
      });
    });
  });
}

// ——— measurements ———

function openFiles(): number {
  return readdirSync('/proc/self/fd').length;
}

function peakRssMiB(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : process.memoryUsage().rss / 1024 ** 2;
}

const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

async function soak(): Promise<void> {
  const started = Date.now();
  const work = await mkdtemp(join(tmpdir(), 'diarist-soak-'));
  const dataDir = join(work, 'data');
  console.log(`Soak: ${JOBS} jobs through the job engine and the simulator, seed ${SEED}`);
  console.log(
    `  scaled for a bench: engine budget ${ENGINE_PER_MINUTE}/min (production 56), simulator limit ` +
      `${SIM_PER_MINUTE}/min (production 100); client timeout ${CLIENT_TIMEOUT_MS / 1000} s and ` +
      `submit deadline ${SUBMIT_DEADLINE_MS / 1000} s (production 30 s / 35 s); service phases ` +
      `~0.15 s; ${UPLOADS} uploads at a time`,
  );
  console.log(`  random faults: ${FAULTS.map((fault) => fault.label).join('; ')}`);

  const paths: string[] = [];
  for (let i = 0; i < JOBS; i += 1) {
    // Distinct tones, so every recording has its own content and media key.
    const path = join(work, `soak-${String(i).padStart(4, '0')}.wav`);
    await writeFile(path, makeWav({ seconds: 0.5, frequency: 80 + i * 1.37 }));
    paths.push(path);
  }

  const sim = await startSimulatorProcess();
  let maxRss = 0;
  let maxHeap = 0;
  const sampleMemory = () => {
    const usage = process.memoryUsage();
    maxRss = Math.max(maxRss, usage.rss);
    maxHeap = Math.max(maxHeap, usage.heapUsed);
  };
  const memoryTimer = setInterval(sampleMemory, 200);
  const fds: { at: string; count: number }[] = [{ at: 'start', count: openFiles() }];

  const client = createPyannoteClient({
    baseUrl: sim.baseUrl,
    getApiKey: () => sim.apiKey,
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  const engine = await JobEngine.open({
    dataDir,
    client,
    uploadConcurrency: UPLOADS,
    requestsPerMinute: ENGINE_PER_MINUTE,
    submitDeadlineMs: SUBMIT_DEADLINE_MS,
    tracking: {
      fastIntervalMs: 100,
      fastForMs: 2_000,
      mediumIntervalMs: 200,
      mediumForMs: 5_000,
      slowIntervalMs: 400,
    },
  });
  const notices = new Map<string, number>();
  engine.subscribe((event) => {
    if (event.type === 'notice') notices.set(event.message, (notices.get(event.message) ?? 0) + 1);
  });
  fds.push({ at: '0 jobs', count: openFiles() });

  const jobs = await engine.add(paths);
  const ids = jobs.map((job) => job.id);
  const marks = [250, 500, 750, 1000].filter((mark) => mark <= JOBS);
  if (!marks.includes(JOBS)) marks.push(JOBS);
  const finalCount = () => ids.filter((id) => isFinalState(engine.get(id)!.state)).length;
  let timedOut = false;
  await new Promise<void>((resolve) => {
    let lastPrint = Date.now();
    const deadline = setTimeout(() => {
      timedOut = true;
      done();
    }, TIME_LIMIT_S * 1000);
    const check = () => {
      const finished = finalCount();
      while (marks.length > 0 && finished >= marks[0]!) {
        fds.push({ at: `${marks.shift()} jobs`, count: openFiles() });
      }
      if (Date.now() - lastPrint > 15_000) {
        lastPrint = Date.now();
        const elapsed = Math.round((Date.now() - started) / 1000);
        console.log(
          `  … ${finished}/${JOBS} final after ${elapsed} s, RSS ${mib(process.memoryUsage().rss)} MiB`,
        );
      }
      if (finished === JOBS) done();
    };
    const poll = setInterval(check, 100);
    function done() {
      clearInterval(poll);
      clearTimeout(deadline);
      resolve();
    }
  });
  const seconds = (Date.now() - started) / 1000;
  sampleMemory();

  // What the engine holds, checked against the service and the saved results.
  const report = await sim.report();
  const atService = new Set(report.jobs.map((job) => job.id));
  const records: JobRecord[] = ids.map((id) => engine.get(id)!);
  let completed = 0;
  let lost = 0;
  const failures = new Map<string, number>();
  for (const record of records) {
    if (record.state === 'succeeded') {
      const saved = await readResult(dataDir, record.id);
      if (
        saved &&
        saved.serviceJobId === record.serviceJobId &&
        atService.has(record.serviceJobId!)
      )
        completed += 1;
      else lost += 1;
    } else {
      // Anything else is lost for the soak: no fault injected here is one a person must act on.
      lost += 1;
      const reason = isFinalState(record.state)
        ? `${record.state}: ${record.error?.message ?? record.note ?? '?'}`
        : `still ${record.state}`;
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
    }
  }
  const perContent = new Map<string, number>();
  for (const job of report.jobs) perContent.set(job.url, (perContent.get(job.url) ?? 0) + 1);
  const duplicates = [...perContent.values()].reduce((sum, n) => sum + n - 1, 0);
  const claimed = new Set(records.flatMap((r) => (r.serviceJobId ? [r.serviceJobId] : [])));
  const orphans = report.jobs.filter((job) => !claimed.has(job.id)).length;

  await engine.close();
  clearInterval(memoryTimer);
  // Idle keep-alive sockets to the simulator close on their own after a few seconds.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  fds.push({ at: 'after close', count: openFiles() });
  sim.child.send({ type: 'close' } satisfies ToSim);
  await new Promise((resolve) => sim.child.once('exit', resolve));
  await rm(work, { recursive: true, force: true });

  const byJobs = fds.filter((sample) => sample.at.endsWith(' jobs'));
  const steady = byJobs.find((sample) => sample.at === `${Math.min(250, JOBS)} jobs`) ?? byJobs[0]!;
  const last = byJobs[byJobs.length - 1]!;
  const growth = Math.max(...byJobs.map((sample) => sample.count)) - steady.count;
  const start = fds[0]!.count;
  const end = fds[fds.length - 1]!.count;
  const peakRss = Math.max(maxRss / 1024 ** 2, peakRssMiB());

  console.log('');
  console.log(`jobs completed:          ${completed} of ${JOBS} in ${seconds.toFixed(0)} s`);
  console.log(`jobs lost:               ${lost}`);
  for (const [reason, n] of failures) console.log(`    ${n} × ${reason}`);
  console.log(
    `duplicates at service:   ${duplicates} (${report.jobs.length} service jobs for ${perContent.size} recordings; ${orphans} unclaimed; ${report.diarizePosts} submit POSTs)`,
  );
  console.log(
    `faults injected:         ${FAULTS.map((fault, i) => `${report.hits[i]} × ${fault.label.replace(/ [\d.]+%$/, '')}`).join(', ')}; ${report.tooMany} × 429 in all; ${report.requests} requests`,
  );
  console.log(
    `notices to the person:   ${notices.size === 0 ? 'none' : [...notices.entries()].map(([m, n]) => `${n} × ${m}`).join(' | ')}`,
  );
  console.log(
    `peak memory:             RSS ${peakRss.toFixed(1)} MiB, heap used ${mib(maxHeap)} MiB`,
  );
  console.log(
    `open file handles:       ${fds.map((sample) => `${sample.at} ${sample.count}`).join(', ')}`,
  );

  const missed: string[] = [];
  if (timedOut || seconds > TIME_LIMIT_S)
    missed.push(`time (${seconds.toFixed(0)} s > ${TIME_LIMIT_S} s)`);
  if (completed !== JOBS) missed.push(`completed (${completed} of ${JOBS})`);
  if (lost !== 0) missed.push(`lost (${lost})`);
  if (duplicates !== 0 || orphans !== 0)
    missed.push(`duplicates (${duplicates}, ${orphans} unclaimed)`);
  // Handles must not grow with the number of jobs: a few sockets come and go, hundreds would not.
  if (growth > 16) missed.push(`file handles grew by ${growth} from ${steady.at} to ${last.at}`);
  if (end > start + 4) missed.push(`file handles after close ${end} > start ${start} + 4`);
  if (peakRss > 512) missed.push(`peak RSS ${peakRss.toFixed(0)} MiB > 512 MiB`);
  console.log(missed.length === 0 ? 'targets met' : `targets missed: ${missed.join('; ')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

if (process.argv.includes('--simulator')) {
  await simulatorChild();
} else {
  await soak();
}
