/** Reads the service's rate-limit headers into "wait this long" and "this much budget left". */

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** How long the service asked us to wait, from Retry-After or X-RateLimit-Reset. */
  retryAfterMs?: number;
  /** Time until the service's window resets, from X-RateLimit-Reset alone (any answer). */
  resetMs?: number;
}

type HeaderBag = Record<string, unknown> | { get?(name: string): unknown };

function header(headers: HeaderBag, name: string): string | undefined {
  const raw =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): unknown }).get(name)
      : (headers as Record<string, unknown>)[name.toLowerCase()];
  if (raw === undefined || raw === null) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return String(value).trim() || undefined;
}

function finiteNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Epoch seconds are above this; smaller values are "seconds until reset" (both forms exist). */
const EPOCH_THRESHOLD_SECONDS = 1e9;

/** Upper bound for any wait the server asks for, so a hostile header cannot stall us for days. */
const MAX_WAIT_MS = 15 * 60 * 1000;

export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = finiteNumber(value);
  if (seconds !== undefined) return clampWait(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : clampWait(date - nowMs);
}

export function parseResetMs(value: string | undefined, nowMs: number): number | undefined {
  const n = finiteNumber(value);
  if (n === undefined) return undefined;
  return clampWait(n > EPOCH_THRESHOLD_SECONDS ? n * 1000 - nowMs : n * 1000);
}

function clampWait(ms: number): number {
  return Math.min(Math.max(0, Math.ceil(ms)), MAX_WAIT_MS);
}

export function readRateLimit(headers: HeaderBag, nowMs: number = Date.now()): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = finiteNumber(header(headers, 'x-ratelimit-limit'));
  const remaining = finiteNumber(header(headers, 'x-ratelimit-remaining'));
  if (limit !== undefined) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  const resetMs = parseResetMs(header(headers, 'x-ratelimit-reset'), nowMs);
  const retryAfterMs = parseRetryAfterMs(header(headers, 'retry-after'), nowMs) ?? resetMs;
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  if (resetMs !== undefined) info.resetMs = resetMs;
  return info;
}
