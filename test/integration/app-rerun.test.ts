/**
 * "Try other settings" through the app's services against the simulator: a new run of a finished
 * recording is a new service job, linked to the first run, and sends no second upload while
 * pyannoteAI keeps the file; choosing a run makes it the recording's result and carries the names.
 */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../src/shared/diarize-options';
import type { JobView, PickedFile } from '../../src/shared/ipc-contract';
import type { SavedResult } from '../../src/shared/result';
import { hiddenRuns } from '../../src/shared/runs';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { startApp, type TestApp } from '../support/app-harness';

const OTHER: DiarizeOptions = {
  ...DEFAULT_DIARIZE_OPTIONS,
  model: 'community-1',
  speakers: { kind: 'exact', count: 2 },
};

describe('jobs:rerun and jobs:choose-run', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  /** Added to the engine's clock: a day passes in an instant. */
  let later: number;
  const value = async <T>(channel: Parameters<TestApp['call']>[0], args?: unknown) => {
    const reply = await app.call(channel, args);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as T;
  };
  const jobs = () => value<JobView[]>('jobs:list');
  const finished = async (id: string): Promise<JobView> => {
    await expect
      .poll(async () => (await jobs()).find((job) => job.id === id)?.state, { timeout: 15_000 })
      .toBe('succeeded');
    return (await jobs()).find((job) => job.id === id) as JobView;
  };
  const firstRun = async (): Promise<JobView> => {
    app.picks.recordings = await copyFixtures(work.path, ['conversation.wav']);
    const picked = await value<PickedFile[]>('files:pick');
    const [job] = await value<JobView[]>('jobs:add', {
      fileIds: picked.map((file) => file.id),
      options: DEFAULT_DIARIZE_OPTIONS,
    });
    return finished(job!.id);
  };

  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-rerun-');
    later = 0;
    app = await startApp(sim, join(work.path, 'data'), {
      engineOptions: { now: () => Date.now() + later },
    });
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  it('runs the recording again with other options: a new service job, no second upload, linked', async () => {
    const first = await firstRun();
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    const started = await value<JobView>('jobs:rerun', { id: first.id, options: OTHER });
    expect(started.id).not.toBe(first.id);
    expect(started.runOf).toBe(first.id);
    const second = await finished(started.id);
    expect(second.options).toEqual(OTHER);
    expect(second.sentAgain).toBe('reused');
    // A second job at the service, with the other options, on the same upload.
    expect(sim.jobs()).toHaveLength(2);
    expect(sim.countRequests({ method: 'PUT' })).toBe(1);
    const requests = sim.jobs().map((job) => job.request as { url: string; model?: string });
    expect(requests[1]!.url).toBe(requests[0]!.url);
    // A run of the second run is still a run of the recording: one group, named by the first.
    const third = await value<JobView>('jobs:rerun', { id: second.id, options: OTHER });
    expect(third.runOf).toBe(first.id);
  });

  it('uploads again by itself once pyannoteAI no longer keeps the file, and says so', async () => {
    const first = await firstRun();
    later = 25 * 60 * 60 * 1000;
    const started = await value<JobView>('jobs:rerun', { id: first.id, options: OTHER });
    const second = await finished(started.id);
    expect(second.sentAgain).toBe('uploaded');
    expect(sim.countRequests({ method: 'PUT' })).toBe(2);
  });

  it('removing the first run leaves the others one recording, with the same result chosen', async () => {
    const first = await firstRun();
    const second = await finished(
      (await value<JobView>('jobs:rerun', { id: first.id, options: OTHER })).id,
    );
    const third = await finished(
      (
        await value<JobView>('jobs:rerun', {
          id: first.id,
          options: { ...OTHER, speakers: { kind: 'exact', count: 3 } },
        })
      ).id,
    );
    await value('jobs:choose-run', { id: third.id });
    await value('jobs:remove', { id: first.id, deleteResult: true });
    const left = await jobs();
    const byId = new Map(left.map((job) => [job.id, job]));
    expect(byId.get(second.id)?.runOf).toBeUndefined();
    expect(byId.get(second.id)?.chosenRun).toBe(third.id);
    expect(byId.get(third.id)?.runOf).toBe(second.id);
    expect([...hiddenRuns(left)]).toEqual([second.id]);
  });

  it('refuses a job that has no result yet, and sends nothing', async () => {
    const reply = await app.call('jobs:rerun', { id: 'no-such-job', options: OTHER });
    expect(reply.ok).toBe(false);
    expect(sim.jobs()).toHaveLength(0);
  });

  it('chooses a run as the result: the list shows it, and the names carry over', async () => {
    const first = await firstRun();
    const before = await value<SavedResult>('results:get', { id: first.id });
    const [label] = before.speakers.map((s) => s.label);
    await value('results:rename-speaker', { id: first.id, label, name: 'Ada' });
    const second = await finished(
      (await value<JobView>('jobs:rerun', { id: first.id, options: OTHER })).id,
    );
    // Until chosen, the first run is the recording's result.
    expect([...hiddenRuns(await jobs())]).toEqual([second.id]);
    const chosen = await value<{ job: JobView; namesCarried: number }>('jobs:choose-run', {
      id: second.id,
    });
    expect(chosen.job.chosenRun).toBe(second.id);
    expect(chosen.namesCarried).toBe(1);
    expect([...hiddenRuns(await jobs())]).toEqual([first.id]);
    const after = await value<SavedResult>('results:get', { id: second.id });
    expect(Object.values(after.speakerNames)).toEqual(['Ada']);
    // Back to the first run: nothing named twice, the first keeps its own name.
    const back = await value<{ job: JobView; namesCarried: number }>('jobs:choose-run', {
      id: first.id,
    });
    expect(back.job.chosenRun).toBeUndefined();
    expect([...hiddenRuns(await jobs())]).toEqual([second.id]);
  });
});

describe('jobs:choose-run carries merges', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-rerun-merge-');
    app = await startApp(sim, join(work.path, 'data'));
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });
  const value = async <T>(channel: Parameters<TestApp['call']>[0], args?: unknown) => {
    const reply = await app.call(channel, args);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as T;
  };
  const finished = async (id: string) =>
    expect
      .poll(async () => (await value<JobView[]>('jobs:list')).find((job) => job.id === id)?.state, {
        timeout: 15_000,
      })
      .toBe('succeeded');

  it('gives the chosen run the merges made in the run chosen before', async () => {
    app.picks.recordings = await copyFixtures(work.path, ['conversation.wav']);
    const picked = await value<PickedFile[]>('files:pick');
    const [first] = await value<JobView[]>('jobs:add', {
      fileIds: picked.map((file) => file.id),
      options: DEFAULT_DIARIZE_OPTIONS,
    });
    await finished(first!.id);
    const a = await value<SavedResult>('results:get', { id: first!.id });
    const [into, from] = a.speakers.map((s) => s.label);
    await value('results:correct', {
      id: first!.id,
      change: { type: 'edit', edit: { kind: 'merge', from, into } },
    });
    await value('results:rename-speaker', { id: first!.id, label: into, name: 'Ada' });
    // The same number of speakers with the other model: every speaker has its match.
    const run = await value<JobView>('jobs:rerun', {
      id: first!.id,
      options: {
        ...DEFAULT_DIARIZE_OPTIONS,
        model: 'community-1',
        speakers: { kind: 'exact', count: a.speakers.length },
      },
    });
    await finished(run.id);
    const chosen = await value<{ namesCarried: number; correctionsCarried: number }>(
      'jobs:choose-run',
      { id: run.id },
    );
    expect(chosen.correctionsCarried).toBe(1);
    expect(chosen.namesCarried).toBe(1);
    const b = await value<SavedResult>('results:get', { id: run.id });
    expect(b.corrections?.edits).toHaveLength(1);
    expect(b.corrections?.edits[0]?.kind).toBe('merge');
    expect(Object.values(b.speakerNames)).toEqual(['Ada']);
  });

  it('carries moves and splits too: a run that found the same turns gets the same corrections', async () => {
    app.picks.recordings = await copyFixtures(work.path, ['conversation.wav']);
    const picked = await value<PickedFile[]>('files:pick');
    const [first] = await value<JobView[]>('jobs:add', {
      fileIds: picked.map((file) => file.id),
      options: DEFAULT_DIARIZE_OPTIONS,
    });
    await finished(first!.id);
    const a = await value<SavedResult>('results:get', { id: first!.id });
    const moved = a.segments[0];
    const longest = [...a.segments].sort((x, y) => y.end - y.start - (x.end - x.start))[0]!;
    const edits = [
      {
        kind: 'move',
        turns: [{ speaker: moved!.speaker, start: moved!.start, end: moved!.end }],
        to: a.speakers.find((s) => s.label !== moved!.speaker)!.label,
      },
      {
        kind: 'split',
        turn: { speaker: longest.speaker, start: longest.start, end: longest.end },
        at: (longest.start + longest.end) / 2,
      },
    ];
    for (const edit of edits)
      await value('results:correct', { id: first!.id, change: { type: 'edit', edit } });
    // Non-overlapping turns are an extra view: pyannoteAI's turns are the same as the first run's.
    const run = await value<JobView>('jobs:rerun', {
      id: first!.id,
      options: { ...DEFAULT_DIARIZE_OPTIONS, exclusive: true },
    });
    await finished(run.id);
    const chosen = await value<{ correctionsCarried: number }>('jobs:choose-run', { id: run.id });
    expect(chosen.correctionsCarried).toBe(2);
    const b = await value<SavedResult>('results:get', { id: run.id });
    expect(b.segments).toEqual(a.segments);
    expect(b.corrections?.edits).toEqual(edits);
  });
});
