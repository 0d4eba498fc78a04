/** Starts the real job engine against a simulator with timings short enough for tests. */

import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine, type EngineEvent, type EngineOptions } from '../../src/core/jobs/engine';
import { createPyannoteClient } from '../../src/core/pyannote/client';
import { isFinalState, type JobRecord } from '../../src/shared/jobs';
import { startSimulator, type Simulator, type SimulatorInit } from '../simulator';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export const FAST_SIM: SimulatorInit = {
  timing: { createdMs: 20, pendingMs: 40, runningMs: 80, runningMsPerAudioSecond: 2 },
};

export const FAST_TRACKING: EngineOptions['tracking'] = {
  fastIntervalMs: 50,
  fastForMs: 2_000,
  mediumIntervalMs: 100,
  mediumForMs: 5_000,
  slowIntervalMs: 200,
};

export async function tempDir(
  prefix: string,
): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Copies fixtures into `dir` under new names, so each test has its own files. */
export async function copyFixtures(dir: string, names: string[]): Promise<string[]> {
  const paths: string[] = [];
  for (const name of names) {
    const target = join(dir, name);
    await copyFile(join(FIXTURES, name), target);
    paths.push(target);
  }
  return paths;
}

export async function openEngine(
  sim: Simulator,
  dataDir: string,
  overrides: Partial<EngineOptions> = {},
  getApiKey: () => string = () => sim.apiKey,
): Promise<JobEngine> {
  const client = createPyannoteClient({
    baseUrl: sim.baseUrl,
    getApiKey,
    timeoutMs: 1_000,
  });
  return JobEngine.open({
    dataDir,
    client,
    requestsPerMinute: 6_000,
    submitDeadlineMs: 1_500,
    tracking: FAST_TRACKING,
    ...overrides,
  });
}

/** Resolves when every given job is final; fails the test if that takes longer than `timeoutMs`. */
export function waitForFinal(
  engine: JobEngine,
  ids: string[],
  timeoutMs = 15_000,
): Promise<JobRecord[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const jobs = ids.map((id) => engine.get(id));
      if (jobs.every((job) => job && isFinalState(job.state))) {
        clearTimeout(timer);
        unsubscribe();
        resolve(jobs as JobRecord[]);
      }
    };
    const timer = setTimeout(() => {
      unsubscribe();
      const states = ids
        .map((id) => `${engine.get(id)?.source.name}: ${engine.get(id)?.state}`)
        .join(', ');
      reject(new Error(`jobs not final after ${timeoutMs} ms (${states})`));
    }, timeoutMs);
    const unsubscribe = engine.subscribe(check);
    check();
  });
}

/** Resolves with the next event of a type (and matching a condition) the engine emits. */
export function nextEvent<T extends EngineEvent['type']>(
  engine: JobEngine,
  type: T,
  matches: (event: Extract<EngineEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<EngineEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = engine.subscribe((event) => {
      if (event.type === type && matches(event as Extract<EngineEvent, { type: T }>)) {
        off();
        resolve(event as Extract<EngineEvent, { type: T }>);
      }
    });
  });
}

export function collectEvents(engine: JobEngine): EngineEvent[] {
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  return events;
}

export { startSimulator };
export type { Simulator };
