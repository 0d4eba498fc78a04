/**
 * The page's copy of the voice library and of "Remember this voice" under way: steps from the
 * pushes, the voice added when it is done, a cancel said as canceled, an error kept to be shown,
 * and the list kept in step with rename and delete.
 */
import { describe, expect, it } from 'vitest';
import type { VoicesState } from '../../../src/shared/ipc-contract';
import type { VoiceView } from '../../../src/shared/voices';
import {
  rememberKey,
  voiceFrom,
  VoicesStore,
  type VoicesBackend,
} from '../../../src/renderer/voices/voices-store';

const voice = (
  id: string,
  name: string,
  fromJobId = 'job-1',
  fromSpeaker = 'SPEAKER_00',
): VoiceView => ({
  id,
  name,
  fromRecording: 'meeting.wav',
  fromSpeaker,
  fromJobId,
  createdAt: '2026-12-04T09:00:00.000Z',
  clipSeconds: 12,
  model: 'precision-2',
});

/** A library in memory, with a remember the test finishes itself. */
function backend(initial: VoiceView[] = []) {
  const state: VoicesState = { voices: [...initial], storage: { ok: true } };
  let finish: ((voice: VoiceView) => void) | undefined;
  let fail: ((error: unknown) => void) | undefined;
  const calls: string[] = [];
  const api: VoicesBackend = {
    list: async () => structuredClone(state),
    consent: async () => {
      state.consentedAt = '2026-12-04T09:00:00.000Z';
      return structuredClone(state);
    },
    remember: (args) => {
      calls.push(`remember ${args.jobId} ${args.speaker} ${args.name}`);
      return new Promise<VoiceView>((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
    },
    cancelRemember: async (args) => {
      calls.push(`cancel ${args.jobId} ${args.speaker}`);
      fail?.(new Error('canceled'));
      return true;
    },
    rename: async ({ id, name }) => ({
      ...(state.voices.find((v) => v.id === id) as VoiceView),
      name,
    }),
    remove: async () => true,
    removeAll: async () => state.voices.length,
  };
  return { api, calls, finish: (v: VoiceView) => finish?.(v), fail: (e: unknown) => fail?.(e) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the voices store', () => {
  it('follows a remember step by step and adds the voice when it is done', async () => {
    const b = backend();
    const store = new VoicesStore(b.api);
    await store.load();
    let changes = 0;
    store.subscribe(() => (changes += 1));
    const done = store.remember('job-1', 'SPEAKER_00', 'Anna');
    const key = rememberKey('job-1', 'SPEAKER_00');
    expect(store.getSnapshot().remembering.get(key)).toEqual({ step: 'running', phase: undefined });
    store.progress('job-1', 'SPEAKER_00', 'uploading', 0.5);
    expect(store.getSnapshot().remembering.get(key)).toEqual({
      step: 'running',
      phase: 'uploading',
      fraction: 0.5,
    });
    // Another speaker's step changes nothing here.
    store.progress('job-1', 'SPEAKER_01', 'saving');
    expect(store.getSnapshot().remembering.has(rememberKey('job-1', 'SPEAKER_01'))).toBe(false);
    // A second click while it runs sends nothing more.
    void store.remember('job-1', 'SPEAKER_00', 'Anna');
    b.finish(voice('voice-aaaaaaaa', 'Anna'));
    await done;
    expect(b.calls).toEqual(['remember job-1 SPEAKER_00 Anna']);
    expect(store.getSnapshot().remembering.get(key)).toMatchObject({ step: 'done' });
    expect(voiceFrom(store.getSnapshot().state?.voices, 'job-1', 'SPEAKER_00')?.name).toBe('Anna');
    expect(changes).toBeGreaterThan(2);
  });

  it('says a cancel as canceled, and keeps an error to show', async () => {
    const b = backend();
    const store = new VoicesStore(b.api);
    await store.load();
    const first = store.remember('job-1', 'SPEAKER_00', 'Anna');
    await store.cancelRemember('job-1', 'SPEAKER_00');
    await first;
    expect(b.calls).toContain('cancel job-1 SPEAKER_00');
    expect(store.getSnapshot().remembering.get(rememberKey('job-1', 'SPEAKER_00'))).toEqual({
      step: 'canceled',
    });
    const second = store.remember('job-1', 'SPEAKER_01', 'Ben');
    const failure = new Error('Too little speech');
    b.fail(failure);
    await second;
    expect(store.getSnapshot().remembering.get(rememberKey('job-1', 'SPEAKER_01'))).toEqual({
      step: 'failed',
      error: failure,
    });
    store.dismissRemember('job-1', 'SPEAKER_01');
    expect(store.getSnapshot().remembering.size).toBe(1);
  });

  it('keeps the list in step with consent, rename, delete and delete all', async () => {
    const b = backend([voice('voice-aaaaaaaa', 'Anna'), voice('voice-bbbbbbbb', 'Ben', 'job-2')]);
    const store = new VoicesStore(b.api);
    expect(store.getSnapshot().state).toBeUndefined();
    await store.load();
    expect(store.getSnapshot().state?.consentedAt).toBeUndefined();
    await store.consent();
    expect(store.getSnapshot().state?.consentedAt).toBeDefined();
    await store.rename('voice-aaaaaaaa', 'Anna B.');
    expect(store.getSnapshot().state?.voices.map((v) => v.name)).toEqual(['Anna B.', 'Ben']);
    await store.remove('voice-bbbbbbbb');
    expect(store.getSnapshot().state?.voices.map((v) => v.id)).toEqual(['voice-aaaaaaaa']);
    await store.removeAll();
    expect(store.getSnapshot().state?.voices).toEqual([]);
    await tick();
  });
});
