/**
 * Main refuses options the service would refuse, by the shared schema, before a file is
 * uploaded: the page is told which field and why, and the simulator sees nothing.
 */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DIARIZE_OPTIONS,
  OPTION_MESSAGES,
  type DiarizeOptions,
} from '../../src/shared/diarize-options';
import type { PickedFile } from '../../src/shared/ipc-contract';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { startApp, type TestApp } from '../support/app-harness';

describe('jobs:add with options the service would refuse', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  let picked: PickedFile[];
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-options-');
    app = await startApp(sim, join(work.path, 'data'));
    app.picks.recordings = await copyFixtures(work.path, ['conversation.wav']);
    const reply = await app.call('files:pick');
    if (!reply.ok) throw new Error(reply.error.message);
    picked = reply.value as PickedFile[];
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  it.each<[string, Partial<DiarizeOptions>, string, string]>([
    [
      'smallest above largest',
      { speakers: { kind: 'range', min: 5, max: 2 } },
      'options.speakers.min',
      OPTION_MESSAGES.minAboveMax(5, 2),
    ],
    [
      'transcription with community-1',
      { model: 'community-1', transcription: true },
      'options.transcription',
      OPTION_MESSAGES.transcriptionModel,
    ],
  ])(
    '%s: invalid-arguments naming the field, nothing uploaded',
    async (_what, patch, field, message) => {
      const reply = await app.call('jobs:add', {
        fileIds: picked.map((file) => file.id),
        options: { ...DEFAULT_DIARIZE_OPTIONS, ...patch },
      });
      expect(reply).toEqual({
        ok: false,
        error: { code: 'invalid-arguments', message, fields: [{ field, message }] },
      });
      expect((await app.call('jobs:list')) as unknown).toEqual({ ok: true, value: [] });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sim.requestLog()).toEqual([]);
    },
  );

  it('an exact count with a range is refused on the speakers field', async () => {
    const reply = await app.call('jobs:add', {
      fileIds: picked.map((file) => file.id),
      options: { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact', count: 2, min: 1 } },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-arguments',
        fields: [{ field: 'options.speakers', message: OPTION_MESSAGES.exactAndRange }],
      },
    });
  });

  it('the same file with fine options is sent', async () => {
    const reply = await app.call('jobs:add', {
      fileIds: picked.map((file) => file.id),
      options: { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'range', min: 2, max: 5 } },
    });
    expect(reply.ok).toBe(true);
    await expect.poll(() => sim.uploads().size, { timeout: 10_000 }).toBe(1);
  });
});
