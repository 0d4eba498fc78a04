/**
 * Fault catalogue, the account and the service's verdicts: a key revoked mid-batch (401), the
 * budget exhausted mid-batch (402), a job that fails at the service, and an output that expired
 * before Diarist fetched it.
 */

import { describe, expect } from 'vitest';
import type { JobEngine } from '../../src/core/jobs/engine';
import { isFinalState } from '../../src/shared/jobs';
import { PROCESSING_ERROR } from '../simulator';
import { scenario } from './support/record';
import {
  createWorld,
  expectPlainWords,
  measureEngine,
  waitForFinal,
  waitForState,
} from './support/world';

const FILE = 'account';

describe('the account stops working mid-batch', () => {
  for (const variant of ['401', '402'] as const) {
    const title =
      variant === '401'
        ? 'bad key discovered mid-batch (401), then fixed'
        : 'budget exhausted mid-batch (402), then topped up';
    scenario(FILE, title, async (record) => {
      const world = await createWorld(record, { timing: { runningMs: 400 } });
      const engine = await world.open({ uploadConcurrency: 1 });
      const jobs = await engine.add(await world.recordings(4));
      const ids = jobs.map((job) => job.id);
      // Break the account once the first job is at the service and the rest are still local.
      await waitForState(engine, ids, ['queued', 'processing', 'succeeded']);
      if (variant === '401') world.sim.options.apiKey = 'sk_rotated00000000000000000000000';
      else world.sim.options.mode402 = true;
      await engine.whenIdle();
      const refused = world.sim.countRequests({ status: Number(variant) });
      const blocked = engine.status().blocked;
      expect(blocked?.code).toBe(variant === '401' ? 'unauthorized' : 'payment-required');
      expectPlainWords(
        blocked?.message,
        variant === '401' ? /did not accept the API key.*Settings/ : /subscription|budget/,
      );
      // Nothing failed or vanished while blocked: every job waits for the person.
      const states = ids.map((id) => engine.get(id)!.state);
      expect(states.filter((state) => state === 'failed' || state === 'canceled')).toEqual([]);
      const waiting = states.filter((state) => !isFinalState(state)).length;
      expect(waiting).toBeGreaterThan(0);
      // Fixed: a new key entered, or the subscription topped up.
      if (variant === '401') world.key = world.sim.options.apiKey;
      else world.sim.options.mode402 = false;
      engine.unblock();
      const done = await waitForFinal(engine, ids, 30_000);
      record.injected = refused;
      const m = await measureEngine(record, world, ids);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      expect(m.serviceJobs).toBe(4);
      record.outcome = `${waiting} jobs waited (none failed), told “${blocked!.message.slice(0, 45)}…”; after the fix ${m.succeeded}/4 succeeded`;
    });
  }
});

describe('the service’s verdicts', () => {
  scenario(FILE, 'a job that fails at the service, then retried', async (record) => {
    const world = await createWorld(record);
    let failures = 0;
    let failingSha: string | undefined = undefined;
    // The second recording's first run fails at the service; its retry works.
    world.sim.options.failJob = (job) => {
      if (job.upload?.sha256 !== failingSha || failures > 0) return undefined;
      failures += 1;
      return PROCESSING_ERROR;
    };
    const engine = await world.open();
    const files = await world.recordings(3);
    const jobs = await engine.add(files);
    const ids = jobs.map((job) => job.id);
    await waitForState(engine, [ids[1]!], ['submitting', 'queued', 'processing', 'succeeded']);
    failingSha = engine.get(ids[1]!)!.sha256;
    const first = await waitForFinal(engine, ids);
    expect(first.map((job) => job.state)).toEqual(['succeeded', 'failed', 'succeeded']);
    const failed = first[1]!;
    expect(failed.error?.code).toBe('server-error');
    expectPlainWords(failed.error?.message, /could not process this recording.*Retry/);
    expect(failed.error?.detail).toContain(PROCESSING_ERROR);
    const puts = world.sim.countRequests({ method: 'PUT' });
    await engine.retry(failed.id);
    const done = await waitForFinal(engine, ids);
    record.injected = failures;
    // The retry is one new job the person asked for; the upload was reused.
    const m = await measureEngine(record, world, ids, 1);
    expect(done.every((job) => job.state === 'succeeded')).toBe(true);
    expect(world.sim.countRequests({ method: 'PUT' })).toBe(puts);
    expect(m.serviceJobs).toBe(4);
    record.outcome = `failed job explained (“${failed.error!.message.slice(0, 40)}…”); Retry succeeded without re-uploading`;
  });

  scenario(FILE, 'output expired before it was fetched (app closed for 25 h)', async (record) => {
    const world = await createWorld(record, { timing: { runningMs: 1_500 } });
    let engine = await world.open();
    const jobs = await engine.add(await world.recordings(2));
    const ids = jobs.map((job) => job.id);
    await waitFor2(engine, ids);
    // The app is quit while both jobs run, and opened again the next day.
    await world.closeEngine();
    world.sim.advanceTime(25 * 60 * 60 * 1000);
    engine = await world.open();
    const expired = await waitForFinal(engine, ids);
    expect(expired.map((job) => job.state)).toEqual(['failed', 'failed']);
    for (const job of expired) {
      expect(job.error?.code).toBe('result-expired');
      expectPlainWords(job.error?.message, /expired.*24 hours.*Retry/);
    }
    for (const id of ids) await engine.retry(id);
    const done = await waitForFinal(engine, ids);
    record.injected = expired.length;
    const m = await measureEngine(record, world, ids, 2);
    expect(done.every((job) => job.state === 'succeeded')).toBe(true);
    expect(m.serviceJobs).toBe(4);
    record.outcome = `both ended “result expired” with advice; Retry ran them again: ${m.succeeded}/2 succeeded`;
  });
});

/** Both jobs are at the service (queued or running). */
async function waitFor2(engine: JobEngine, ids: string[]): Promise<void> {
  for (const id of ids) await waitForState(engine, [id], ['queued', 'processing']);
}
