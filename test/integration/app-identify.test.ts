/**
 * "Recognise known voices" through the app's operations, as the page calls them: the services
 * hand the voice library's lookup to the engine, and the result arrives with names and matches.
 */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import type { JobView } from '../../src/shared/ipc-contract';
import type { SavedResult } from '../../src/shared/result';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { addRecordings, startApp, type TestApp } from '../support/app-harness';

const ANNA = 'voice-aaaa0001';
const BEN = 'voice-bbbb0002';
const NAMES: Record<string, string> = { [ANNA]: 'Anna', [BEN]: 'Ben' };

async function finished(app: TestApp, id: string): Promise<JobView> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const jobs = ((await app.call('jobs:list')) as { value: JobView[] }).value;
    const job = jobs.find((j) => j.id === id);
    if (job && ['succeeded', 'failed', 'canceled'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error('the job did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('recognising known voices through the app', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp | undefined;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-app-identify-');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await sim.close();
    await work.remove();
  });

  const options = {
    ...DEFAULT_DIARIZE_OPTIONS,
    recognise: { voiceIds: [ANNA, BEN], match: 'lenient' as const },
  };

  it('sends the voices the services were given and names the recognised speakers', async () => {
    app = await startApp(sim, join(work.path, 'data'), {
      hooks: {
        voiceprints: async (ids) =>
          ids.map((id) => ({ id, name: NAMES[id]!, voiceprint: `print-${id.slice(-4)}` })),
      },
    });
    const added = (await addRecordings(
      app,
      await copyFixtures(work.path, ['conversation.wav']),
      options,
    )) as { ok: true; value: JobView[] };
    const job = await finished(app, added.value[0]!.id);
    expect(job.state).toBe('succeeded');
    expect(sim.jobs().map((j) => j.kind)).toEqual(['identify']);
    expect(sim.jobs()[0]!.request['voiceprints']).toEqual([
      { label: ANNA, voiceprint: 'print-0001' },
      { label: BEN, voiceprint: 'print-0002' },
    ]);
    const result = (await app.call('results:get', { id: job.id })) as {
      ok: true;
      value: SavedResult;
    };
    const { matches, speakerNames } = result.value;
    expect(matches?.length).toBe(result.value.speakers.length);
    for (const match of matches!.filter((m) => m.voiceId))
      expect(speakerNames[match.speaker]).toBe(NAMES[match.voiceId!]);
  });

  it('fails such a job in plain words, before its upload, when its voices are not in the library', async () => {
    app = await startApp(sim, join(work.path, 'data'));
    const added = (await addRecordings(
      app,
      await copyFixtures(work.path, ['conversation.wav']),
      options,
    )) as { ok: true; value: JobView[] };
    const job = await finished(app, added.value[0]!.id);
    expect(job.state).toBe('failed');
    expect(job.error?.key).toBe('voices.recogniseDeleted');
    expect(sim.jobs()).toEqual([]);
    expect(sim.countRequests({ method: 'PUT' })).toBe(0);
  });
});
