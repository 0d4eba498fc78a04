/**
 * The desktop notification when a batch is done speaks the person's language: the Settings
 * choice, or the computer's for "system", and a change in Settings applies to the next one
 * without a restart. Main is told of the change too (it rebuilds its menu then).
 */

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/shared/settings';
import { copyFixtures, FAST_SIM, startSimulator, tempDir } from '../support/engine-harness';
import { addRecordings, startApp, type TestApp } from '../support/app-harness';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Shown {
  title: string;
  body: string;
}

async function notifyingApp(init: Parameters<typeof startApp>[2] = {}) {
  const sim = await startSimulator(FAST_SIM);
  cleanup.push(() => sim.close());
  const work = await tempDir('diarist-notify-');
  cleanup.push(work.remove);
  const shown: Shown[] = [];
  const app: TestApp = await startApp(sim, join(work.path, 'data'), {
    ...init,
    desktop: { notify: (title, body) => void shown.push({ title, body }) },
  });
  cleanup.push(() => app.close());
  /**
   * Adds recordings as one batch and waits for the notification that it is done (announced
   * once per batch, even when its jobs end in the same step: test/integration/engine.test.ts).
   */
  const runBatch = async (names: string[]): Promise<Shown> => {
    const before = shown.length;
    expect(await addRecordings(app, await copyFixtures(work.path, names))).toMatchObject({
      ok: true,
    });
    const deadline = Date.now() + 20_000;
    while (shown.length === before) {
      if (Date.now() > deadline) throw new Error('no notification');
      await sleep(20);
    }
    expect(shown, JSON.stringify(shown)).toHaveLength(before + 1);
    return shown.at(-1)!;
  };
  return { app, runBatch };
}

describe('the batch-finished notification', () => {
  it('is in English for "system" on an English computer', async () => {
    const { runBatch } = await notifyingApp({ hooks: { systemLanguages: () => ['en-US'] } });
    expect(await runBatch(['conversation.wav'])).toEqual({
      title: 'Diarist: recordings finished',
      body: '1 of 1 done',
    });
  }, 30_000);

  it('follows the computer for "system", and the setting over it', async () => {
    const { runBatch } = await notifyingApp({ hooks: { systemLanguages: () => ['de-AT', 'en'] } });
    expect(await runBatch(['conversation.wav'])).toEqual({
      title: 'Diarist: Aufnahmen fertig',
      body: '1 von 1 fertig',
    });
    const spanish = await notifyingApp({
      settings: { language: 'es' },
      hooks: { systemLanguages: () => ['de-AT'] },
    });
    expect(await spanish.runBatch(['conversation.ogg'])).toEqual({
      title: 'Diarist: grabaciones terminadas',
      body: '1 de 1 terminada',
    });
  }, 60_000);

  it('follows a change of the setting at once, and main is told of it', async () => {
    const told: Partial<Settings>[] = [];
    const { app, runBatch } = await notifyingApp({
      settings: { language: 'fr' },
      hooks: { settingsChanged: (_saved, patch) => void told.push(patch) },
    });
    expect(await runBatch(['conversation.wav'])).toEqual({
      title: 'Diarist : enregistrements terminés',
      body: '1 sur 1 terminé',
    });

    expect(await app.call('settings:update', { language: 'de' })).toMatchObject({ ok: true });
    expect(told).toEqual([{ language: 'de' }]);
    expect((await runBatch(['conversation.flac'])).title).toBe('Diarist: Aufnahmen fertig');

    // Back to the computer's language (none given here: English).
    expect(await app.call('settings:update', { language: 'system' })).toMatchObject({ ok: true });
    expect(await runBatch(['conversation.ogg'])).toEqual({
      title: 'Diarist: recordings finished',
      body: '1 of 1 done',
    });
    expect(told).toEqual([{ language: 'de' }, { language: 'system' }]);
  }, 60_000);
});
