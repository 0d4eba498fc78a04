/**
 * The engine's checks on this computer run four at a time, all the time: a batch of recordings
 * is checked as fast as the limit allows, not at about 2.5 at a time.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEngine } from '../../src/core/jobs/engine';
import type { PreflightResult } from '../../src/core/media/preflight';
import { openEngine, startSimulator, tempDir, type Simulator } from '../support/engine-harness';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('pre-flight checks in the engine', () => {
  it('keeps four checks running while enough recordings wait', async () => {
    const sim: Simulator = await startSimulator();
    cleanup.push(() => sim.close());
    const work = await tempDir('diarist-preflight-');
    cleanup.push(work.remove);
    let running = 0;
    const samples: number[] = [];
    // Each check takes 40 ms; an unreadable answer keeps the jobs off the network.
    const preflight = async (): Promise<PreflightResult> => {
      running += 1;
      samples.push(running);
      await new Promise((resolve) => setTimeout(resolve, 40));
      running -= 1;
      return { ok: false, reason: 'unreadable', message: 'test: not read' } as PreflightResult;
    };
    const engine: JobEngine = await openEngine(sim, join(work.path, 'data'), { preflight });
    cleanup.push(() => engine.close());
    const jobs = await engine.add(Array.from({ length: 40 }, (_, i) => `/nowhere/rec-${i}.wav`));
    await engine.whenIdle();
    expect(jobs.map((job) => engine.get(job.id)?.state)).toEqual(jobs.map(() => 'failed'));
    expect(Math.max(...samples)).toBe(4);
    // Every check but the first few starts with three others still running.
    const full = samples.slice(4).filter((n) => n === 4).length;
    expect(full / (samples.length - 4)).toBeGreaterThan(0.9);
  });
});

describe('the job list on disk', () => {
  it('forgets, at start, uploads pyannoteAI no longer keeps', async () => {
    const sim: Simulator = await startSimulator();
    cleanup.push(() => sim.close());
    const work = await tempDir('diarist-prune-');
    cleanup.push(work.remove);
    const dataDir = join(work.path, 'data');
    const { JobStore } = await import('../../src/core/jobs/store');
    const store = await JobStore.open(dataDir);
    store.recordUpload('media://diarist/old', Date.now() - 3 * 24 * 60 * 60 * 1000);
    store.recordUpload('media://diarist/recent', Date.now() - 60_000);
    await store.close();
    const engine = await openEngine(sim, dataDir);
    await engine.close();
    const saved = JSON.parse(await readFile(join(dataDir, 'jobs.json'), 'utf8')) as {
      uploads: Record<string, number>;
    };
    expect(Object.keys(saved.uploads)).toEqual(['media://diarist/recent']);
  });
});
