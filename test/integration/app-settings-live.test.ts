/**
 * Settings apply at once: the number of uploads at the same time is changed in the running app
 * and the engine follows it without a restart, counted at the simulator's object store.
 */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import type { PickedFile } from '../../src/shared/ipc-contract';
import type { RequestLogEntry } from '../simulator';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { startApp, type TestApp } from '../support/app-harness';

const RECORDINGS = [
  'conversation.wav',
  'conversation.flac',
  'conversation.ogg',
  'conversation.opus',
  'conversation.webm',
  'conversation-cbr.mp3',
];
/** Every upload takes this long at the store, so the ones under way can be counted. */
const UPLOAD_MS = 1_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

describe('uploads at the same time, changed while recordings wait', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    sim.addFault({ kind: 'slow', method: 'PUT', path: '/_upload/*', delayMs: UPLOAD_MS });
    work = await tempDir('diarist-live-');
    app = await startApp(sim, join(work.path, 'data'), { settings: { uploadConcurrency: 1 } });
    app.picks.recordings = await copyFixtures(work.path, RECORDINGS);
    const picked = (await app.call('files:pick')) as { ok: true; value: PickedFile[] };
    const added = await app.call('jobs:add', {
      fileIds: picked.value.map((file) => file.id),
      options: DEFAULT_DIARIZE_OPTIONS,
    });
    expect(added.ok).toBe(true);
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  const puts = (): RequestLogEntry[] =>
    sim.requestLog().filter((entry) => entry.method === 'PUT' && entry.path === '/_upload/:token');

  it('raised: more uploads start at once; lowered: none starts until fewer run', async () => {
    await until(() => sim.uploadsInFlight === 1, 'the first upload', 10_000);
    await sleep(300);
    expect(sim.uploadsInFlight).toBe(1);
    expect(puts()).toHaveLength(1);

    // Raised while the first upload is still under way: two more start now, not after it.
    expect(await app.call('settings:update', { uploadConcurrency: 3 })).toMatchObject({ ok: true });
    await until(() => sim.uploadsInFlight === 3, 'three uploads at once', UPLOAD_MS - 400);
    expect(sim.uploads().size).toBe(0);

    // Lowered to one: the three under way finish, and the rest go one at a time after them.
    expect(await app.call('settings:update', { uploadConcurrency: 1 })).toMatchObject({ ok: true });
    const before = puts().length;
    expect(before).toBe(3);
    await until(() => sim.uploads().size === RECORDINGS.length, 'every upload', 20_000);
    const later = puts().slice(before);
    expect(later).toHaveLength(RECORDINGS.length - before);
    expect(later.map((entry) => entry.uploadsInFlight)).toEqual(later.map(() => 0));
  }, 30_000);
});
