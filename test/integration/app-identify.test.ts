/**
 * "Recognise known voices" through the app's operations, as the page calls them: the services
 * hand the voice library's lookup (or the one they were given) to the engine, and the result
 * arrives with names and matches.
 */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import type { JobView } from '../../src/shared/ipc-contract';
import type { SavedResult } from '../../src/shared/result';
import type { VoiceView } from '../../src/shared/voices';
import { memorySecretBox } from '../../src/core/voices/aes-box';
import { VoiceLibrary, VOICE_LIBRARY_FILE } from '../../src/core/voices/library';
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

  it('reads the voice library itself: its voiceprints are sent, a deleted voice is not', async () => {
    const dataDir = join(work.path, 'data');
    const box = memorySecretBox();
    // Voices saved earlier (the same box: the same keychain).
    const library = await VoiceLibrary.open({ file: join(dataDir, VOICE_LIBRARY_FILE), box });
    await library.consent();
    const saved: VoiceView[] = [];
    for (const name of ['Anna', 'Ben', 'Clara'])
      saved.push(
        await library.add({
          name,
          voiceprint: `print-of-${name}`,
          fromRecording: 'meeting.wav',
          fromSpeaker: 'SPEAKER_00',
          clipSeconds: 12,
          model: 'precision-2',
        }),
      );
    app = await startApp(sim, dataDir, { secretBox: box });
    const [anna, ben, clara] = saved as [VoiceView, VoiceView, VoiceView];
    expect(await app.call('voices:remove', { id: ben.id })).toMatchObject({ ok: true });
    const added = (await addRecordings(app, await copyFixtures(work.path, ['conversation.wav']), {
      ...options,
      recognise: { voiceIds: [anna.id, ben.id, clara.id], match: 'lenient' },
    })) as { ok: true; value: JobView[] };
    const job = await finished(app, added.value[0]!.id);
    expect(job.state).toBe('succeeded');
    expect(sim.jobs()[0]!.request['voiceprints']).toEqual([
      { label: anna.id, voiceprint: 'print-of-Anna' },
      { label: clara.id, voiceprint: 'print-of-Clara' },
    ]);
    const result = (await app.call('results:get', { id: job.id })) as { value: SavedResult };
    const names = new Map(saved.map((voice) => [voice.id, voice.name]));
    const matched = result.value.matches!.filter((m) => m.voiceId);
    expect(matched.length).toBeGreaterThan(0);
    for (const match of matched)
      expect(result.value.speakerNames[match.speaker]).toBe(names.get(match.voiceId!));
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
