// Unit checks of the simulator's pure parts: schema repairs, null tolerance, segments, env parsing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../simulator/env';
import { seededRandom } from '../simulator/prng';
import {
  MEDIA_URL_PATTERN,
  OFFICIAL_MODELS,
  normalisePattern,
  validateSchema,
  withoutNulls,
} from '../simulator/schemas';
import { exclusiveTurns, generateTurns, planSpeakers } from '../simulator/segments';
import { validateJobRequest } from '../simulator/validation';

const rules = { strictKeys: false, models: OFFICIAL_MODELS };

describe('media key pattern from the official file', () => {
  const official = JSON.parse(
    readFileSync(new URL('../../test/simulator/openapi-schemas.json', import.meta.url), 'utf8'),
  ) as { schemas: { GetMediaUploadUrl: { properties: { url: { pattern: string } } } } };
  const raw = official.schemas.GetMediaUploadUrl.properties.url.pattern;

  it('is written as a slash-delimited regex literal that, taken literally, matches no key', () => {
    expect(raw.startsWith('/^') && raw.endsWith('$/')).toBe(true);
    expect(new RegExp(raw, 'u').test('media://meetings/call.wav')).toBe(false);
  });

  it('is normalised by stripping the delimiters', () => {
    expect(normalisePattern(raw)).toBe(raw.slice(1, -1));
    expect(normalisePattern('^a$')).toBe('^a$');
    expect(MEDIA_URL_PATTERN.source).toBe(raw.slice(1, -1));
    for (const key of ['media://meetings/2024-01-15/call.wav', 'media://my_file', 'media://a.b-c'])
      expect(validateSchema('GetMediaUploadUrl', { url: key }), key).toEqual([]);
    for (const key of ['media://bad key', 'media://é', 'media:/x', 'MEDIA://x'])
      expect(validateSchema('GetMediaUploadUrl', { url: key }), key).not.toEqual([]);
  });

  it('keeps the OAS model enums as the default allowed models', () => {
    expect(OFFICIAL_MODELS).toEqual({
      diarize: ['precision-2', 'community-1'],
      identify: ['precision-2'],
      voiceprint: ['precision-2'],
    });
  });
});

describe('null tolerance', () => {
  it('drops null-valued keys at any depth but keeps other falsy values', () => {
    expect(
      withoutNulls({ a: null, b: 0, c: false, d: { e: null, f: '' }, g: [{ h: null }] }),
    ).toEqual({
      b: 0,
      c: false,
      d: { f: '' },
      g: [{}],
    });
  });

  it('treats nulls as absent even where the schema does not say nullable', () => {
    const checked = validateJobRequest(
      'diarize',
      { url: 'media://x', numSpeakers: null, exclusive: null, transcriptionConfig: null },
      rules,
    );
    expect(checked).toEqual({ ok: true, value: { url: 'media://x' } });
    // Without the stripping, the schema would refuse the same body.
    expect(validateSchema('DiarizeRequest', { url: 'media://x', numSpeakers: null })).not.toEqual(
      [],
    );
  });

  it('still requires url when it is null', () => {
    const checked = validateJobRequest('diarize', { url: null }, rules);
    expect(checked.ok).toBe(false);
  });
});

describe('synthetic segments', () => {
  it('plans the requested speaker count or warns when the audio is too short', () => {
    const rng = seededRandom('plan');
    expect(planSpeakers(rng, 60, { numSpeakers: 4 })).toEqual({ count: 4 });
    expect(planSpeakers(rng, 3, { numSpeakers: 5 })).toEqual({
      count: 3,
      warning: 'Could not find exactly 5 speakers.',
    });
    for (let i = 0; i < 20; i++) {
      const { count } = planSpeakers(rng, 60, { minSpeakers: 2, maxSpeakers: 3 });
      expect(count).toBeGreaterThanOrEqual(2);
      expect(count).toBeLessThanOrEqual(3);
    }
    expect(planSpeakers(rng, 0.1, {}).count).toBe(0);
  });

  it('covers every speaker, stays in bounds, sorts, and never overlaps a speaker with itself', () => {
    for (let seed = 0; seed < 50; seed++) {
      const rng = seededRandom(seed);
      const duration = 5 + seed * 3;
      const count = 1 + (seed % 5);
      const turns = generateTurns(rng, duration, count);
      expect(new Set(turns.map((t) => t.speaker)).size).toBe(count);
      for (let i = 0; i < turns.length; i++) {
        const turn = turns[i];
        const previous = turns[i - 1];
        expect(turn && turn.start >= 0 && turn.end <= duration && turn.end > turn.start).toBe(true);
        if (turn && previous) {
          expect(turn.start).toBeGreaterThan(previous.start);
          if (turn.start < previous.end) expect(turn.speaker).not.toBe(previous.speaker);
        }
      }
      const exclusive = exclusiveTurns(turns);
      for (let i = 1; i < exclusive.length; i++)
        expect(exclusive[i]?.start).toBeGreaterThanOrEqual(exclusive[i - 1]?.end ?? Infinity);
    }
  });
});

describe('environment of the standalone simulator', () => {
  it('reads port, key, timings, rate limit and fault rate', () => {
    const init = optionsFromEnv({
      SIMULATOR_PORT: '4010',
      SIMULATOR_API_KEY: 'sk_env',
      SIMULATOR_PENDING_MS: '100',
      SIMULATOR_RUNNING_MS: '200',
      SIMULATOR_RATE_LIMIT: 'off',
      SIMULATOR_FAULT_5XX_RATE: '0.1',
      SIMULATOR_STRICT_KEYS: 'true',
    });
    expect(init).toMatchObject({
      port: 4010,
      apiKey: 'sk_env',
      timing: { pendingMs: 100, runningMs: 200 },
      rateLimit: null,
      strictKeys: true,
    });
    expect(init.faults?.[0]).toMatchObject({
      kind: 'status',
      status: [500, 502, 503],
      probability: 0.1,
    });
    expect(optionsFromEnv({})).toEqual({});
  });

  it('refuses nonsense values with the variable name', () => {
    expect(() => optionsFromEnv({ SIMULATOR_PORT: 'abc' })).toThrow(/SIMULATOR_PORT/);
    expect(() => optionsFromEnv({ SIMULATOR_FAULT_5XX_RATE: '2' })).toThrow(
      /SIMULATOR_FAULT_5XX_RATE/,
    );
    expect(() => optionsFromEnv({ SIMULATOR_MODE_402: 'maybe' })).toThrow(/SIMULATOR_MODE_402/);
  });
});
