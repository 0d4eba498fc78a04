/** Which voices an identification job sends, and which names its result gives them. */
import { describe, expect, it } from 'vitest';
import { DiaristError } from '../../../src/core/errors';
import type { VoiceprintLookup } from '../../../src/core/jobs/context';
import { voiceNamesForResult, voicesToSend } from '../../../src/core/jobs/recognition';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobRecord } from '../../../src/shared/jobs';

const A = 'voice-aaaa0001';
const B = 'voice-bbbb0002';
const C = 'voice-cccc0003';

const lookupOf =
  (voices: Record<string, string>): VoiceprintLookup =>
  async () =>
    // Answers more than asked, and out of order: only what was asked counts, in its order.
    Object.entries(voices)
      .reverse()
      .map(([id, name]) => ({ id, name, voiceprint: `vp-${id}` }));

describe('the voices a job sends', () => {
  it('are the chosen ones still in the library, once each, in the order chosen', async () => {
    const sent = await voicesToSend(lookupOf({ [A]: 'Anna', [B]: 'Ben', [C]: 'Clara' }), [C, A, C]);
    expect(sent).toEqual({
      ok: true,
      voices: [
        { id: C, name: 'Clara', voiceprint: `vp-${C}` },
        { id: A, name: 'Anna', voiceprint: `vp-${A}` },
      ],
    });
  });

  it('are refused in plain words when none is left, or there is no library', async () => {
    const none = await voicesToSend(lookupOf({ [A]: 'Anna' }), [B]);
    expect(none.ok || none.error.toInfo()).toMatchObject({
      code: 'invalid-request',
      key: 'voices.recogniseDeleted',
    });
    const nowhere = await voicesToSend(undefined, [A]);
    expect(nowhere.ok || nowhere.error.key).toBe('voices.recogniseUnavailable');
  });

  it('pass the library’s own words on when it refuses, and hide anything else it throws', async () => {
    const refusing: VoiceprintLookup = () =>
      Promise.reject(
        new DiaristError('write-failed', 'Voices cannot be kept on this computer.', {
          key: 'other.unexpected',
          detail: 'no keyring',
        }),
      );
    const refused = await voicesToSend(refusing, [A]);
    expect(refused.ok || refused.error.toInfo()).toEqual({
      code: 'invalid-request',
      message: 'Voices cannot be kept on this computer.',
      key: 'other.unexpected',
      detail: 'no keyring',
      retryable: false,
    });
    const crashing: VoiceprintLookup = () => Promise.reject(new Error('secret /home/x/voices.bin'));
    const crashed = await voicesToSend(crashing, [A]);
    expect(crashed.ok || crashed.error.key).toBe('voices.recogniseUnreadable');
    expect(JSON.stringify(crashed.ok || crashed.error.toInfo())).not.toContain('voices.bin');
  });
});

describe('the names a result gives its voices', () => {
  const job: Pick<JobRecord, 'options' | 'recognisedVoices'> = {
    options: { ...DEFAULT_DIARIZE_OPTIONS, recognise: { voiceIds: [A, B], match: 'strict' } },
    recognisedVoices: [
      { id: A, name: 'Anna' },
      { id: B, name: 'Ben' },
    ],
  };

  it('are the library’s now, else those the job was sent with', async () => {
    const names = await voiceNamesForResult(lookupOf({ [A]: 'Anna Schmidt' }), job);
    expect([...names]).toEqual([
      [A, 'Anna Schmidt'],
      [B, 'Ben'],
    ]);
  });

  it('are those it was sent with when the library cannot be read, or is not there', async () => {
    const broken: VoiceprintLookup = () => Promise.reject(new Error('locked'));
    for (const lookup of [broken, undefined]) {
      expect([...(await voiceNamesForResult(lookup, job))]).toEqual([
        [A, 'Anna'],
        [B, 'Ben'],
      ]);
    }
  });
});
