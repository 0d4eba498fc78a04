/** Default settings (faithful to the docs where they say something) merged with what the caller gave. */

import { randomBytes } from 'node:crypto';
import { OFFICIAL_MODELS } from './schemas';
import type { SimulatorInit, SimulatorOptions } from './types';

const HOUR = 60 * 60 * 1000;

export const DEFAULT_TIMING = {
  createdMs: 500,
  pendingMs: 1500,
  runningMs: 3000,
  runningMsPerAudioSecond: 10,
};

export const DEFAULT_RATE_LIMIT = { limit: 100, windowMs: 60_000 };

/** Keys seen in public code are `sk_` plus hex; the value is opaque to the service. */
export function randomApiKey(): string {
  return `sk_${randomBytes(16).toString('hex')}`;
}

export function resolveOptions(init: SimulatorInit = {}): SimulatorOptions {
  const { timing, rateLimit, models, ...rest } = init;
  return {
    port: 0,
    apiKey: randomApiKey(),
    additionalApiKeys: [],
    seed: 1,
    now: Date.now,
    // Pre-signed URL lifetime is undocumented; one hour is the usual S3 choice.
    uploadUrlTtlMs: HOUR,
    uploadIdleTimeoutMs: 30_000,
    downloadUrlTtlMs: HOUR,
    mediaTtlMs: 48 * HOUR,
    outputTtlMs: 24 * HOUR,
    maxUploadBytes: 1024 ** 3,
    maxRetainedBytes: 64 * 1024 ** 2,
    retryAfterHeader: true,
    rateLimitResetStyle: 'epoch',
    mode402: false,
    strictKeys: false,
    listen: false,
    plausibleMaxSpeakers: 20,
    faults: [],
    ...rest,
    timing: { ...DEFAULT_TIMING, ...timing },
    rateLimit: rateLimit === null ? null : { ...DEFAULT_RATE_LIMIT, ...rateLimit },
    models: {
      diarize: [...(models?.diarize ?? OFFICIAL_MODELS.diarize)],
      identify: [...(models?.identify ?? OFFICIAL_MODELS.identify)],
      voiceprint: [...(models?.voiceprint ?? OFFICIAL_MODELS.voiceprint)],
    },
  };
}
