import { describe, expect, it } from 'vitest';
import { rememberVoice, type RememberDeps } from '../../../src/core/voices/remember';

describe('rememberVoice', () => {
  it('refuses a speaker without a name before anything else', async () => {
    const untouched = new Proxy({} as RememberDeps, {
      get: (_target, key) => {
        if (key === 'logger') return undefined;
        throw new Error(`${String(key)} may not be used`);
      },
    });
    await expect(
      rememberVoice(untouched, { jobId: 'j', speaker: 'SPEAKER_00', name: '   ' }),
    ).rejects.toMatchObject({ key: 'voices.speakerNotNamed' });
  });
});
