/**
 * Known voices through the app's services (issue 13, item 3): the voice library's operations as
 * the page calls them, and "Remember this voice" against the simulator.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, VoicesState } from '../../src/shared/ipc-contract';
import type { VoiceView } from '../../src/shared/voices';
import { memorySecretBox } from '../../src/core/voices/aes-box';
import { VoiceLibrary, VOICE_LIBRARY_FILE } from '../../src/core/voices/library';
import { FAST_SIM, startSimulator, tempDir, type Simulator } from '../support/engine-harness';
import { startApp, type TestApp } from '../support/app-harness';

const value = <T>(reply: Reply<unknown>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
};

describe('the voice library through the services', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  const box = memorySecretBox();
  let seeded: VoiceView[];
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-voices-');
    const dataDir = join(work.path, 'data');
    // Two voices saved earlier (the same box: the same keychain).
    const library = await VoiceLibrary.open({ file: join(dataDir, VOICE_LIBRARY_FILE), box });
    await library.consent();
    seeded = [];
    for (const name of ['Anna', 'Ben']) {
      seeded.push(
        await library.add({
          name,
          voiceprint: `print-of-${name}`,
          fromRecording: 'meeting.wav',
          fromSpeaker: 'SPEAKER_00',
          clipSeconds: 12,
          model: 'precision-2',
        }),
      );
    }
    app = await startApp(sim, dataDir, { secretBox: box });
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  it('lists, renames, removes and removes all, never showing a voiceprint', async () => {
    const state = value<VoicesState>(await app.call('voices:list'));
    expect(state.storage).toEqual({ ok: true });
    expect(state.consentedAt).toBeDefined();
    expect(state.voices.map((v) => v.name)).toEqual(['Anna', 'Ben']);
    expect(JSON.stringify(state)).not.toContain('print-of');

    const renamed = value<VoiceView>(
      await app.call('voices:rename', { id: seeded[0]!.id, name: '  Anna S.  ' }),
    );
    expect(renamed).toMatchObject({ id: seeded[0]!.id, name: 'Anna S.' });
    const bad = await app.call('voices:rename', { id: 'SPEAKER_00', name: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const gone = await app.call('voices:rename', { id: 'voice-00000000', name: 'x' });
    expect(gone).toMatchObject({ ok: false, error: { key: 'voices.notFound' } });

    expect(value<boolean>(await app.call('voices:remove', { id: seeded[1]!.id }))).toBe(true);
    expect(value<boolean>(await app.call('voices:remove', { id: seeded[1]!.id }))).toBe(false);
    expect(value<number>(await app.call('voices:remove-all'))).toBe(1);
    expect(value<VoicesState>(await app.call('voices:list')).voices).toEqual([]);
    expect(
      value<boolean>(await app.call('voices:cancel-remember', { jobId: 'j', speaker: 'S' })),
    ).toBe(false);
  });
});

describe('voices where the shell has no secure storage', () => {
  it('says why, and consenting is refused in plain words', async () => {
    const sim = await startSimulator(FAST_SIM);
    const work = await tempDir('diarist-voices-nobox-');
    const app = await startApp(sim, join(work.path, 'data'), {
      secretBox: {
        available: async () => ({ ok: false, reason: 'No keyring.', reasonKey: 'linuxNoKeyring' }),
        encrypt: async () => Buffer.alloc(0),
        decrypt: async () => '',
      },
    });
    try {
      const state = value<VoicesState>(await app.call('voices:list'));
      expect(state.storage).toEqual({
        ok: false,
        reason: 'No keyring.',
        reasonKey: 'linuxNoKeyring',
      });
      expect(await app.call('voices:consent')).toMatchObject({
        ok: false,
        error: { key: 'voices.noStorage' },
      });
    } finally {
      await app.close();
      await sim.close();
      await work.remove();
    }
  });
});
