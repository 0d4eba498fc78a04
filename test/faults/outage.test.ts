/**
 * Fault catalogue, the network is gone for half a minute and comes back. Every connection to the
 * service and its storage is reset for 30 s, long enough to exhaust the uploader's own five
 * attempts and to push the tracker's and the submitter's backoffs to 16–30 s. Jobs are caught at
 * every stage: at the service, uploading, submitting and waiting. When the network returns, the
 * engine's cheap probe notices within seconds and every backoff is reset, so waiting work resumes
 * within 5 s (measured: the first job that moves after the network is back).
 */

import { describe, expect } from 'vitest';
import { movesForward } from '../../src/core/jobs/progress-watchdog';
import { isFinalState, type JobState } from '../../src/shared/jobs';
import { scenario } from './support/record';
import {
  createWorld,
  expectPlainWords,
  measureEngine,
  sleep,
  waitForFinal,
  waitForState,
} from './support/world';

const FILE = 'outage';
const OUTAGE_MS = 30_000;
const RESUME_TARGET_S = 5;

describe('network gone for a minute', () => {
  scenario(
    FILE,
    'network gone for 30 s (real), then back',
    async (record) => {
      const world = await createWorld(record, {
        timing: { pendingMs: 500, runningMs: 2_000 },
      });
      // Uploads take a second each before the cut, so some are under way when the network goes.
      const slowUploads = world.sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 1_000 });
      const engine = await world.open({ uploadConcurrency: 1 });
      const notes = new Set<string>();
      const waitMessages = new Set<string>();
      let wentOffline = false;
      // When each job moved forward (waiting/uploading → submitting → queued → processing → done).
      const lastState = new Map<string, JobState>();
      const moves: { id: string; at: number }[] = [];
      engine.subscribe((event) => {
        if (event.type === 'job' && event.job.note) notes.add(event.job.note);
        if (event.type === 'job') {
          const from = lastState.get(event.job.id);
          // Resuming: moving forward, or a waiting job's upload starting again.
          if (from && (movesForward(from, event.job.state) || event.job.state === 'uploading'))
            moves.push({ id: event.job.id, at: Date.now() });
          lastState.set(event.job.id, event.job.state);
        }
        if (event.type === 'status' && event.status.offline) wentOffline = true;
        for (const wait of event.type === 'status' ? (event.status.waits ?? []) : [])
          waitMessages.add(wait.message);
      });
      const jobs = await engine.add(await world.recordings(5, 2));
      const ids = jobs.map((job) => job.id);
      await waitForState(engine, ids, ['queued', 'processing']);
      const before = ids.map((id) => engine.get(id)!.state);
      world.sim.options.faults.splice(world.sim.options.faults.indexOf(slowUploads), 1);
      const down = world.sim.addFault({ kind: 'reset', path: /./ });
      const downAt = world.sim.now();
      await sleep(OUTAGE_MS / 2);
      const midway = ids.map((id) => engine.get(id)!.state);
      await sleep(OUTAGE_MS / 2);
      // Still nothing failed: every job waits for the network.
      const during = ids.map((id) => engine.get(id)!);
      expect(during.filter((job) => isFinalState(job.state)).map((job) => job.state)).toEqual(
        during.filter((job) => job.state === 'succeeded').map(() => 'succeeded'),
      );
      expect(wentOffline).toBe(true);
      expect(engine.status().offline).toBe(true);
      const attemptsDuringOutage = world.sim.countRequests({ since: downAt, outcome: 'reset' });
      const lastHalf = world.sim.countRequests({
        since: downAt + OUTAGE_MS / 2,
        outcome: 'reset',
      });
      world.sim.options.faults.splice(world.sim.options.faults.indexOf(down), 1);
      const backAt = Date.now();
      const unfinishedAtReturn = ids.filter((id) => !isFinalState(engine.get(id)!.state));
      const done = await waitForFinal(engine, ids, 120_000);
      const recoverySeconds = Math.round((Date.now() - backAt) / 1000);
      // Resumed: every job that was still waiting when the network came back has moved forward.
      const resumedSeconds =
        Math.max(
          ...unfinishedAtReturn.map(
            (id) => moves.find((move) => move.id === id && move.at >= backAt)?.at ?? Infinity,
          ),
        ) /
          1000 -
        backAt / 1000;
      record.injected = world.sim.faultHits(down);
      const m = await measureEngine(record, world, ids);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      expect(engine.status().offline).toBe(false);
      // The uploader gave up its own five attempts and the engine told the person it would retry.
      const uploadNote = [...notes].find((note) => note.startsWith('Upload will be retried'));
      expectPlainWords(uploadNote, /Upload will be retried.*(reach|connection).*nothing was lost/);
      // Backoff, not hammering: the second half of the outage saw few attempts.
      expect(lastHalf).toBeLessThan(40);
      // The wait said what it waited for and when it would try again.
      expect(
        [...waitMessages].some((text) =>
          /^No connection to pyannoteAI: trying again in \d+ s\./.test(text),
        ),
      ).toBe(true);
      record.outcome =
        `stages at cut: ${before.join('/')}; midway: ${midway.join('/')}; ` +
        `${attemptsDuringOutage} attempts refused (${lastHalf} in the last 15 s), “offline” shown; ` +
        `resumed ${resumedSeconds.toFixed(1)} s after the network returned (every unfinished job back at work); ` +
        `all ${m.succeeded}/5 succeeded in ${recoverySeconds} s, ${m.serviceJobs} service jobs`;
      expect(resumedSeconds).toBeLessThanOrEqual(RESUME_TARGET_S);
    },
    240_000,
  );
});
