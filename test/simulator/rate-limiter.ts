/** Per-team sliding-window rate limiter, as the docs describe (100 requests per sliding minute). */

import type { RateLimitOptions, SimulatorOptions } from './types';

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  /** Times of the requests let through, per team, oldest first. */
  private readonly hits = new Map<string, number[]>();

  take(
    key: string,
    now: number,
    options: Pick<SimulatorOptions, 'rateLimit' | 'retryAfterHeader' | 'rateLimitResetStyle'>,
  ): RateDecision {
    const limits: RateLimitOptions | null = options.rateLimit;
    if (!limits) return { allowed: true, headers: {} };
    const times = this.hits.get(key) ?? [];
    this.hits.set(key, times);
    while (times.length > 0 && (times[0] ?? 0) <= now - limits.windowMs) times.shift();
    if (times.length < limits.limit) {
      times.push(now);
      return {
        allowed: true,
        headers: {
          'X-RateLimit-Limit': String(limits.limit),
          'X-RateLimit-Remaining': String(limits.limit - times.length),
        },
      };
    }
    // The window frees a slot when the oldest counted request leaves it.
    const resetAt = (times[0] ?? now) + limits.windowMs;
    const waitSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limits.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset':
        options.rateLimitResetStyle === 'epoch'
          ? String(Math.ceil(resetAt / 1000))
          : String(waitSeconds),
    };
    if (options.retryAfterHeader) headers['Retry-After'] = String(waitSeconds);
    return { allowed: false, headers };
  }
}
