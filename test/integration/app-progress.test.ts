/**
 * The taskbar or dock shows how far the work under way has come: told once per job finished, not
 * on every upload byte, and cleared when the batch is done.
 */

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchProgress } from '../../src/shared/batch-progress';
import { copyFixtures, FAST_SIM, startSimulator, tempDir } from '../support/engine-harness';
import { addRecordings, startApp, type TestApp } from '../support/app-harness';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('progress on the taskbar', () => {
  it('counts finished recordings of the batch, then goes back to rest', async () => {
    const sim = await startSimulator(FAST_SIM);
    cleanup.push(() => sim.close());
    const work = await tempDir('diarist-progress-');
    cleanup.push(work.remove);
    const shown: (BatchProgress | undefined)[] = [];
    const app: TestApp = await startApp(sim, join(work.path, 'data'), {
      desktop: { showProgress: (progress) => void shown.push(progress) },
    });
    cleanup.push(() => app.close());
    const files = await copyFixtures(work.path, [
      'conversation.wav',
      'conversation.flac',
      'conversation.ogg',
    ]);
    expect(await addRecordings(app, files)).toMatchObject({ ok: true });
    const deadline = Date.now() + 20_000;
    while (shown.at(-1) !== undefined || shown.length === 0) {
      if (Date.now() > deadline) throw new Error(`still under way: ${JSON.stringify(shown)}`);
      await sleep(20);
    }
    // The batch grows as its jobs are added (0 of 1, 0 of 2, 0 of 3), then counts each finished
    // recording (two may finish in one step), told only when the figure changes; then nothing.
    const during = shown.slice(0, -1).map((progress) => `${progress?.done}/${progress?.total}`);
    expect(during).toContain('0/3');
    const afterAdding = during.slice(during.indexOf('0/3'));
    expect(afterAdding.every((said) => /^[0-2]\/3$/.test(said))).toBe(true);
    expect(afterAdding).toEqual([...new Set(afterAdding)].sort());
    expect(afterAdding.length).toBeGreaterThan(1);
    expect(shown.at(-1)).toBeUndefined();
  }, 30_000);
});
