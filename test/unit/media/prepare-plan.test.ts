/** What is done with a recording before sending, decided from the pre-flight facts alone. */
import { describe, expect, it } from 'vitest';
import type { RecordingInfo } from '../../../src/core/media/preflight';
import { parseRecipe, planPreparation } from '../../../src/core/media/prepare/plan';
import { MAX_DURATION_SECONDS, MAX_FILE_BYTES } from '../../../src/shared/limits';

const GIB = 1024 ** 3;

function info(over: Partial<RecordingInfo>): RecordingInfo {
  return {
    path: '/r/x',
    resolvedPath: '/r/x',
    name: 'x',
    sizeBytes: 10_000_000,
    mtimeMs: 0,
    durationSeconds: 600,
    container: 'WAVE',
    hasVideo: false,
    ...over,
  };
}

const node = { webCodecs: false };
const app = { webCodecs: true };

describe('planPreparation', () => {
  it('copies the sound out of a 2 GB meeting video, estimating far less than the video', () => {
    const plan = planPreparation(
      info({
        container: 'isom/iso2/avc1/mp41',
        codec: 'MPEG-4/AAC',
        hasVideo: true,
        sizeBytes: 2 * GIB,
        durationSeconds: 3600,
        sampleRate: 48_000,
        channels: 2,
      }),
      node,
    );
    expect(plan).toMatchObject({ action: 'extract-audio', recipe: 'extract-copy@1:aac>m4a' });
    expect(plan.action === 'extract-audio' && plan.estimatedBytes).toBeLessThan(100 * 1024 ** 2);
  });

  it('makes a 2 GB 48 kHz stereo 24-bit field recording 16 kHz mono (about 230 MB for 2 hours)', () => {
    const plan = planPreparation(
      info({
        codec: 'non-PCM (65534)',
        sizeBytes: 2 * GIB,
        durationSeconds: 7200,
        sampleRate: 48_000,
        channels: 2,
      }),
      node,
    );
    expect(plan).toEqual({
      action: 'downmix-resample',
      recipe: 'pcm-16k-mono@1',
      estimatedBytes: 7200 * 32_000 + 44,
    });
  });

  it('sends a 16 kHz mono 16-bit WAV as it is, and a small MP3', () => {
    expect(
      planPreparation(
        info({ codec: 'PCM', sampleRate: 16_000, channels: 1, sizeBytes: 600 * 32_000 + 44 }),
        node,
      ),
    ).toEqual({ action: 'send-as-is' });
    expect(planPreparation(info({ container: 'MPEG', codec: 'MPEG 1 Layer 3' }), node)).toEqual({
      action: 'send-as-is',
    });
  });

  it('refuses what cannot fit, in plain words', () => {
    const long = planPreparation(info({ durationSeconds: MAX_DURATION_SECONDS + 60 }), node);
    expect(long).toMatchObject({ action: 'refuse', reason: 'too-long' });
    // 10 hours of 16 kHz mono 16-bit is 1.07 GiB: still over the limit.
    const huge = planPreparation(
      info({
        codec: 'PCM',
        sizeBytes: 20 * GIB,
        durationSeconds: 10 * 3600,
        sampleRate: 96_000,
        channels: 2,
      }),
      node,
    );
    expect(huge).toMatchObject({ action: 'refuse', reason: 'still-too-large' });
    expect(huge.action === 'refuse' && huge.message).toMatch(/Split it into shorter parts/);
  });

  it('says plainly what no part of Diarist can take out yet, in the app as on the command line', () => {
    const ac3 = info({ container: 'isom', codec: 'AC-3', hasVideo: true });
    const refusal = planPreparation(ac3, node);
    expect(refusal).toMatchObject({ action: 'refuse', reason: 'unsupported' });
    expect(refusal.action === 'refuse' && refusal.message).not.toMatch(/Diarist app/);
    expect(planPreparation(ac3, app)).toMatchObject({ action: 'refuse', reason: 'unsupported' });
    const bigMp3 = info({
      container: 'MPEG',
      codec: 'MPEG 1 Layer 3',
      sizeBytes: MAX_FILE_BYTES + 1,
    });
    expect(planPreparation(bigMp3, node)).toMatchObject({
      action: 'refuse',
      reason: 'unsupported',
    });
    expect(planPreparation(info({ container: 'isom', hasVideo: true }), node)).toMatchObject({
      action: 'refuse',
      reason: 'no-audio-track',
    });
  });

  it('names recipes that prepareRecording can read back', () => {
    expect(parseRecipe('extract-copy@1:opus>ogg')).toEqual({ kind: 'extract', target: 'ogg' });
    expect(parseRecipe('pcm-16k-mono@1')).toEqual({ kind: 'resample' });
    expect(parseRecipe('extract-copy@2:opus>ogg')).toBeUndefined();
  });
});
