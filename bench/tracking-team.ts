/**
 * Scenario 2 of `npm run bench:tracking`: several computers on one team key. pyannoteAI's limit
 * (100 requests per sliding minute) is per team, and an office runs Diarist on several desktops
 * with the same key. Five separate processes (bench/tracking-child.ts), each its own JobEngine with
 * its own data folder and 40 jobs, follow their jobs at one simulator with one API key:
 *   (a) ours: the engine as shipped, pacing from the service's X-RateLimit-* headers as well as its
 *       local budget;
 *   (b) the baseline: the same five engines with the headers hidden from them (local budget and
 *       429 waits only).
 * Each side has its own simulator, so they share no limit; both run at the same time. The 200
 * jobs are created directly at each simulator and seeded as in scenario 1, job k going to
 * computer k mod 5; the service finishes them from 20 s to 140 s after tracking starts, in a random
 * order (seeded). Requests are counted from the simulator's log, 429s included.
 *
 * Targets for (a): at most 100 requests in any 60 s window in total, at most 5 429s, every result
 * saved.
 */

import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
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
} from './tracking-setup';

const COMPUTERS = 5;
const JOBS_PER_COMPUTER = 40;
const JOBS = COMPUTERS * JOBS_PER_COMPUTER;
const RATE_LIMIT = { limit: 100, windowMs: 60_000 };
const SETUP_MS = 20_000;
const FIRST_FINISH_MS = 20_000;
/** 200 finishes in 2 minutes: more results than the team's limit can fetch as they come. */
const FINISH_SLOT_MS = 600;
const TAIL_MS = 150_000;
const TIMING = { createdMs: 500, pendingMs: 1_500, runningMsPerAudioSecond: 10 };

const TARGET_PEAK = 100;
const TARGET_429S = 5;

type Mode = 'paced' | 'local';

interface Side {
  name: string;
  mode: Mode;
  sim: Simulator;
  /** Record id → service job id, over every computer's data folder. */
  ids: Map<string, string>;
  dataDirs: string[];
  /** Service job id → when its result was saved. */
  saved: Map<string, number>;
  unfinished: number;
  failed: number;
  endedAt: number;
}

export interface TeamFigures {
  name: string;
  peak: number;
  meanPerMinute: number;
  rejected: number;
  saved: number;
  finishMs: number;
  medianLagMs: number | undefined;
  maxLagMs: number | undefined;
}

export interface TeamResult {
  lines: string[];
  missed: string[];
}

function runComputer(side: Side, dataDir: string, deadline: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/tracking-child.ts', dataDir, side.mode, String(deadline)],
    {
      env: { ...process.env, SIM_URL: side.sim.baseUrl, SIM_KEY: side.sim.apiKey },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    let message: {
      saved?: string;
      at?: number;
      done?: boolean;
      unfinished?: number;
      failed?: number;
    };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      return;
    }
    if (message.saved !== undefined && message.at !== undefined) {
      const serviceJobId = side.ids.get(message.saved);
      if (serviceJobId && !side.saved.has(serviceJobId)) side.saved.set(serviceJobId, message.at);
    }
    if (message.done) {
      side.unfinished += message.unfinished ?? 0;
      side.failed += message.failed ?? 0;
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`a ${side.mode} computer exited with ${code}`)),
    );
  });
}

function figures(side: Side, start: number): TeamFigures {
  const log = side.sim
    .requestLog()
    .filter((entry) => entry.at >= start && entry.route !== 'unknown');
  const times = log.map((entry) => entry.at).sort((a, b) => a - b);
  const lags: number[] = [];
  for (const job of side.sim.jobs()) {
    const savedAt = side.saved.get(job.id);
    if (savedAt !== undefined && job.completedAt) lags.push(savedAt - Date.parse(job.completedAt));
  }
  const lastSaved = Math.max(start, ...side.saved.values());
  return {
    name: side.name,
    peak: peakInWindow(times),
    meanPerMinute: log.length / (Math.max(1, side.endedAt - start) / 60_000),
    rejected: log.filter((entry) => entry.status === 429).length,
    saved: side.saved.size,
    finishMs: (side.saved.size === JOBS ? lastSaved : side.endedAt) - start,
    medianLagMs: median(lags),
    maxLagMs: lags.length > 0 ? Math.max(...lags) : undefined,
  };
}

/** Sets up, runs both sides at once and returns the table; `log` prints progress meanwhile. */
export async function runTeamScenario(
  dir: string,
  log: (line: string) => void,
): Promise<TeamResult> {
  const sims = await Promise.all([
    startSimulator({ rateLimit: null, timing: TIMING }),
    startSimulator({ rateLimit: null, timing: TIMING }),
  ]);
  try {
    const setupStarted = Date.now();
    const start = setupStarted + SETUP_MS;
    const finishAt = finishOffsets(
      'bench-tracking-team',
      JOBS,
      FIRST_FINISH_MS,
      FINISH_SLOT_MS,
    ).map((offset) => start + offset);
    const deadline = Math.max(...finishAt) + TAIL_MS;
    await mkdir(join(dir, 'team-recordings'), { recursive: true });
    const recordings = await makeRecordings(join(dir, 'team-recordings'), JOBS);
    const sides: Side[] = [];
    for (const [index, mode] of (['paced', 'local'] as const).entries()) {
      sides.push({
        name: mode === 'paced' ? 'ours (headers + local budget)' : 'baseline (local budget only)',
        mode,
        sim: sims[index]!,
        ids: new Map(),
        dataDirs: [],
        saved: new Map(),
        unfinished: 0,
        failed: 0,
        endedAt: deadline,
      });
    }
    await Promise.all(
      sides.map(async (side) => {
        const jobs = await createJobs(side.sim, recordings, finishAt, TIMING);
        for (let computer = 0; computer < COMPUTERS; computer += 1) {
          const dataDir = join(dir, `team-${side.mode}-${computer + 1}`);
          const mine = jobs.filter((job) => job.index % COMPUTERS === computer);
          for (const [id, serviceJobId] of await seedEngineStore(dataDir, recordings, mine))
            side.ids.set(id, serviceJobId);
          side.dataDirs.push(dataDir);
        }
        side.sim.options.rateLimit = { ...RATE_LIMIT };
      }),
    );
    if (Date.now() > start)
      throw new Error(`team setup took ${Date.now() - setupStarted} ms, more than ${SETUP_MS} ms`);
    await sleep(start - Date.now());
    log(
      `team: ${COMPUTERS} processes × ${JOBS_PER_COMPUTER} jobs per side started; the service ` +
        `finishes them ${FIRST_FINISH_MS / 1000}–${(FIRST_FINISH_MS + JOBS * FINISH_SLOT_MS) / 1000} s ` +
        `from now; deadline ${Math.round((deadline - start) / 1000)} s`,
    );
    const progress = setInterval(() => {
      const [ours, baseline] = sides as [Side, Side];
      log(
        `  team t+${Math.round((Date.now() - start) / 1000)} s: ours saved ${ours.saved.size}, ` +
          `baseline saved ${baseline.saved.size}`,
      );
    }, 30_000);
    try {
      await Promise.all(
        sides.map(async (side) => {
          await Promise.all(side.dataDirs.map((dataDir) => runComputer(side, dataDir, deadline)));
          side.endedAt = Math.min(Date.now(), deadline);
        }),
      );
    } finally {
      clearInterval(progress);
    }

    const rows = sides.map((side) => figures(side, start));
    const lines = [
      `scenario 2: ${COMPUTERS} computers (processes) on one team key, ${JOBS_PER_COMPUTER} jobs ` +
        `each, one simulator limited to ${RATE_LIMIT.limit} per ${RATE_LIMIT.windowMs / 1000} s per team`,
      'approach                         worst 60s  mean/min  429s    saved  finished  median lag  max lag',
      ...rows.map(
        (f) =>
          `${f.name.padEnd(32)} ${String(f.peak).padStart(9)}  ${f.meanPerMinute.toFixed(1).padStart(8)}` +
          `  ${String(f.rejected).padStart(4)}  ${`${f.saved}/${JOBS}`.padStart(7)}` +
          `  ${seconds(f.finishMs).padStart(8)}  ${seconds(f.medianLagMs).padStart(10)}` +
          `  ${seconds(f.maxLagMs).padStart(7)}`,
      ),
      ...sides
        .filter((side) => side.unfinished > 0 || side.failed > 0)
        .map(
          (side) =>
            `${side.name}: ${side.unfinished} jobs still followed at the deadline, ${side.failed} failed`,
        ),
      `worst 60s = most requests at the simulator in any 60 s window, all five processes and 429s ` +
        `included; finished = tracking start → last result saved; lag = service finish → result saved`,
      `targets for ours: worst 60s ≤ ${TARGET_PEAK}, 429s ≤ ${TARGET_429S}, all ${JOBS} saved`,
    ];
    const f = rows[0]!;
    const missed = [
      ...(f.peak > TARGET_PEAK ? [`team worst 60 s ${f.peak} > ${TARGET_PEAK}`] : []),
      ...(f.rejected > TARGET_429S ? [`team ${f.rejected} 429s > ${TARGET_429S}`] : []),
      ...(f.saved < JOBS ? [`team ${JOBS - f.saved} results not saved`] : []),
    ];
    return { lines, missed };
  } finally {
    await Promise.all(sims.map((sim) => sim.close()));
  }
}
