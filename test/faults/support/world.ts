/**
 * A simulator, a scratch folder and the real job engine wired to them, plus the measurements every
 * fault scenario reports: jobs lost and duplicate jobs created at the service.
 */

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { JobEngine, type EngineEvent, type EngineOptions } from '../../../src/core/jobs/engine';
import { readResult } from '../../../src/core/jobs/result-files';
import {
  createPyannoteClient,
  type PyannoteClientOptions,
} from '../../../src/core/pyannote/client';
import { toErrorInfo } from '../../../src/core/errors';
import { ERROR_CODES } from '../../../src/shared/errors';
import { isFinalState, type JobRecord } from '../../../src/shared/jobs';
import { startSimulator, type Simulator, type SimulatorInit } from '../../simulator';
import { makeWav } from '../../simulator/wav';
import type { ScenarioRecord } from './record';

/** Fast service phases, as in the integration tests. */
export const FAST_TIMING: SimulatorInit['timing'] = {
  createdMs: 20,
  pendingMs: 40,
  runningMs: 80,
  runningMsPerAudioSecond: 2,
};

/** The engine's own budget in these tests, raised from 56/min like the integration tests do. */
export const ENGINE_REQUESTS_PER_MINUTE = 3_000;
/** The simulator's limit, scaled with it: the engine keeps half of it, as in production (50 of 100). */
export const SIM_RATE_LIMIT = { limit: 6_000, windowMs: 60_000 };

export const FAST_TRACKING: EngineOptions['tracking'] = {
  fastIntervalMs: 50,
  fastForMs: 2_000,
  mediumIntervalMs: 100,
  mediumForMs: 5_000,
  slowIntervalMs: 200,
};

/** Client timeout in these tests (production: 30 s) and the submit deadline that must exceed it. */
export const CLIENT_TIMEOUT_MS = 1_000;
export const SUBMIT_DEADLINE_MS = 1_500;

export interface World {
  sim: Simulator;
  /** Scratch folder for recordings; the data folder is `dataDir`. */
  dir: string;
  dataDir: string;
  /** The key the engine sends; change it to model a revoked or fixed key. */
  key: string;
  engine: JobEngine | undefined;
  events: EngineEvent[];
  open(
    overrides?: Partial<EngineOptions>,
    client?: Partial<PyannoteClientOptions>,
  ): Promise<JobEngine>;
  closeEngine(): Promise<void>;
  /** Writes `count` WAV files with distinct content (so distinct media keys). */
  recordings(count: number, seconds?: number): Promise<string[]>;
}

let toneSeed = 0;

export async function createWorld(
  record: ScenarioRecord,
  init: SimulatorInit = {},
): Promise<World> {
  const sim = await startSimulator({
    rateLimit: SIM_RATE_LIMIT,
    ...init,
    timing: { ...FAST_TIMING, ...init.timing },
  });
  const dir = await mkdtemp(join(tmpdir(), 'diarist-fault-'));
  const world: World = {
    sim,
    dir,
    dataDir: join(dir, 'data'),
    key: sim.apiKey,
    engine: undefined,
    events: [],
    async open(overrides = {}, client = {}) {
      const api = createPyannoteClient({
        baseUrl: sim.baseUrl,
        getApiKey: () => world.key,
        timeoutMs: CLIENT_TIMEOUT_MS,
        ...client,
      });
      const engine = await JobEngine.open({
        dataDir: world.dataDir,
        client: api,
        requestsPerMinute: ENGINE_REQUESTS_PER_MINUTE,
        submitDeadlineMs: SUBMIT_DEADLINE_MS,
        tracking: FAST_TRACKING,
        ...overrides,
      });
      engine.subscribe((event) => world.events.push(event));
      world.engine = engine;
      return engine;
    },
    async closeEngine() {
      await world.engine?.close();
      world.engine = undefined;
    },
    async recordings(count, seconds = 1) {
      const paths: string[] = [];
      for (let i = 0; i < count; i += 1) {
        toneSeed += 1;
        const path = join(dir, `recording ${toneSeed}.wav`);
        await writeFile(path, makeWav({ seconds, frequency: 110 + toneSeed * 7 }));
        paths.push(path);
      }
      return paths;
    },
  };
  record.defer(async () => {
    await world.closeEngine();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  return world;
}

/** Resolves when every given job is final; rejects with the jobs' states after `timeoutMs`. */
export function waitForFinal(
  engine: JobEngine,
  ids: string[],
  timeoutMs = 30_000,
): Promise<JobRecord[]> {
  return waitFor(
    engine,
    () => ids.every((id) => isFinalOrGone(engine.get(id))),
    () => ids.map((id) => engine.get(id)!),
    timeoutMs,
    () => `jobs not final: ${ids.map((id) => engine.get(id)?.state).join(', ')}`,
  );
}

function isFinalOrGone(job: JobRecord | undefined): boolean {
  return !job || isFinalState(job.state);
}

/** Resolves once `condition` holds, checked after every engine event (and every 20 ms). */
export function waitFor<T>(
  engine: JobEngine,
  condition: () => boolean,
  value: () => T,
  timeoutMs: number,
  describe: () => string = () => 'condition',
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition()) return;
      stop();
      resolve(value());
    };
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    const off = engine.subscribe(check);
    const stop = () => {
      clearInterval(poll);
      clearTimeout(timer);
      off();
    };
    check();
  });
}

/** Waits until some job of `ids` reaches `state` (or any state in the list). */
export function waitForState(
  engine: JobEngine,
  ids: string[],
  states: JobRecord['state'][],
  timeoutMs = 20_000,
): Promise<JobRecord> {
  const match = () =>
    ids.map((id) => engine.get(id)).find((job) => job && states.includes(job.state));
  return waitFor(
    engine,
    () => match() !== undefined,
    () => match()!,
    timeoutMs,
    () =>
      `no job reached ${states.join('/')}: ${ids.map((id) => engine.get(id)?.state).join(', ')}`,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Messages people read: whole sentences, no stack traces, error codes, JSON or addresses.
 * `specific` is what this failure must mention.
 */
export function expectPlainWords(message: string | undefined, specific: RegExp): void {
  expect(message, 'a message for the person').toBeTypeOf('string');
  const text = message!;
  expect(text).toMatch(specific);
  expect(text.length).toBeGreaterThan(30);
  expect(text).toMatch(/[.!]$/);
  expect(text).not.toMatch(
    /\bat .+:\d+:\d+|Error:|E[A-Z]{3,}|ERR_|undefined|null|\{|\}|https?:\/\/|\[object/,
  );
}

/** The catch-all for an error nothing mapped: it names no cause and no specific next step. */
const FALLBACK_MESSAGE = toErrorInfo(new Error('unmapped')).message;

/** An instruction the person can follow, as the engine's failure messages word them. */
const NEXT_STEP =
  /\b(Retry|Try (again|converting)|Add it again|Check|Choose|Free some space|Split|Convert|Close|contact)\b/;

/**
 * A failed job is not lost only when the person can act on it: the error is one of the codes
 * the engine maps (not the catch-all for unknown errors), its message is plain words that say
 * what to do next, and, when it offers Retry (retryable), the recording is still on disk, unchanged,
 * so that Retry can run it. A failure about the recording itself (moved, changed, unreadable,
 * not a recording) is not retryable and asks for it to be added again instead.
 */
export async function failureIsAccountedFor(record: JobRecord): Promise<boolean> {
  const error = record.error;
  if (!error || !(ERROR_CODES as readonly string[]).includes(error.code)) return false;
  if (error.message === FALLBACK_MESSAGE) return false;
  if (!NEXT_STEP.test(error.message) || !/[.!]$/.test(error.message)) return false;
  if (!error.retryable) return true;
  const file = await stat(record.source.path).catch(() => undefined);
  return file !== undefined && file.size === record.source.sizeBytes;
}

export interface Measurement {
  jobs: number;
  lost: number;
  duplicates: number;
  /** Service jobs, for outcome texts. */
  serviceJobs: number;
  succeeded: number;
  failed: number;
}

/**
 * Measures what happened to `records` (as the engine or the data folder holds them now):
 *
 * - lost: a job that is gone, not final, "succeeded" without a readable saved result of the very
 *   service job it names, failed in a way `failureIsAccountedFor` does not accept, or canceled
 *   (no scenario cancels, and the engine never cancels a job by itself);
 * - duplicates: service jobs nobody asked for — jobs at the simulator beyond one per distinct job
 *   our records point at, minus `allowedExtra` (jobs the person asked for again with Retry).
 */
export async function measure(
  sim: Simulator,
  ids: string[],
  records: (JobRecord | undefined)[],
  dataDir: string,
  allowedExtra = 0,
): Promise<Measurement> {
  const serviceJobs = sim.jobs();
  const atService = new Set(serviceJobs.map((job) => job.id));
  let lost = 0;
  let succeeded = 0;
  let failed = 0;
  for (const [index, record] of records.entries()) {
    if (!record || record.id !== ids[index]) {
      lost += 1;
      continue;
    }
    if (record.state === 'succeeded') {
      const saved = await readResult(dataDir, record.id);
      const ok =
        saved !== undefined &&
        saved.serviceJobId === record.serviceJobId &&
        atService.has(record.serviceJobId ?? '');
      if (ok) succeeded += 1;
      else lost += 1;
    } else if (record.state === 'failed' && (await failureIsAccountedFor(record))) {
      failed += 1;
    } else {
      lost += 1;
    }
  }
  const claimed = new Set(records.flatMap((r) => (r?.serviceJobId ? [r.serviceJobId] : [])));
  const duplicates = Math.max(0, serviceJobs.length - claimed.size - allowedExtra);
  return { jobs: ids.length, lost, duplicates, serviceJobs: serviceJobs.length, succeeded, failed };
}

/** Measures the engine's view of `ids` and adds it to the scenario's row. */
export async function measureEngine(
  record: ScenarioRecord,
  world: World,
  ids: string[],
  allowedExtra = 0,
): Promise<Measurement> {
  const engine = world.engine!;
  const result = await measure(
    world.sim,
    ids,
    ids.map((id) => engine.get(id)),
    world.dataDir,
    allowedExtra,
  );
  record.add(result);
  return result;
}

/** The job list as the engine last saved it. */
export async function savedJobs(dataDir: string): Promise<JobRecord[]> {
  try {
    return (JSON.parse(await readFile(join(dataDir, 'jobs.json'), 'utf8')) as { jobs: JobRecord[] })
      .jobs;
  } catch {
    return [];
  }
}

/** Counts of requests by route and status, from the simulator's log. */
export function count(sim: Simulator, filter: Parameters<Simulator['countRequests']>[0]): number {
  return sim.countRequests(filter);
}
