import { describe, expect, it } from 'vitest';
import {
  parseResetMs,
  parseRetryAfterMs,
  readRateLimit,
} from '../../../src/core/pyannote/rate-limit';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('rate-limit headers', () => {
  it('reads Retry-After in seconds', () => {
    expect(parseRetryAfterMs('7', NOW)).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(parseRetryAfterMs(new Date(NOW + 12_000).toUTCString(), NOW)).toBe(12_000);
  });

  it('reads X-RateLimit-Reset as epoch seconds', () => {
    expect(parseResetMs(String(NOW / 1000 + 30), NOW)).toBe(30_000);
  });

  it('reads X-RateLimit-Reset as seconds until reset', () => {
    expect(parseResetMs('45', NOW)).toBe(45_000);
  });

  it('never asks to wait a negative or absurd time', () => {
    expect(parseResetMs(String(NOW / 1000 - 30), NOW)).toBe(0);
    expect(parseRetryAfterMs('99999999', NOW)).toBe(15 * 60 * 1000);
    expect(parseRetryAfterMs('soon', NOW)).toBeUndefined();
  });

  it('prefers Retry-After and falls back to the reset header', () => {
    expect(readRateLimit({ 'retry-after': '3', 'x-ratelimit-reset': '50' }, NOW).retryAfterMs).toBe(
      3000,
    );
    expect(readRateLimit({ 'x-ratelimit-reset': '50' }, NOW).retryAfterMs).toBe(50_000);
  });

  it('reports the reset time on any answer, apart from Retry-After', () => {
    const info = readRateLimit(
      { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': String(NOW / 1000 + 20) },
      NOW,
    );
    expect(info).toEqual({ remaining: 12, resetMs: 20_000, retryAfterMs: 20_000 });
    expect(readRateLimit({ 'retry-after': '3', 'x-ratelimit-reset': '50' }, NOW).resetMs).toBe(
      50_000,
    );
  });

  it('reads limit and remaining, also from a Headers-like object', () => {
    const headers = new Headers({ 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '42' });
    expect(readRateLimit(headers, NOW)).toEqual({ limit: 100, remaining: 42 });
  });
});
