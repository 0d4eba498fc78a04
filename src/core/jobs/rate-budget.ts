/**
 * The team's request budget: a token bucket that paces every API call evenly and obeys 429 waits.
 *
 * Why a bucket and not a sliding window: a window of N per minute lets N requests go at once and
 * then starves for the rest of the minute, and the bursts repeat minute after minute; a result
 * that finishes during the starved part waits tens of seconds. A bucket refills steadily (one
 * slot every 60/N seconds) with a small burst, so no 60-second window ever holds more than
 * `burst + perMinute` requests, and urgent work waits at most a slot or two.
 *
 * The service's limit is per team, and other computers may use the same key: every answer's
 * rate-limit headers go to `observe`, and a grant also needs room in the team's window
 * (`TeamPacing`). Remaining 0 with a reset time pauses everything until that reset.
 */

import { setMaxListeners } from 'node:events';
import { canceled } from '../retry/backoff';
import { TeamPacing, type TeamObservation, type TeamPacingOptions } from './team-pacing';

/** Lower number goes first: saving results matters more than submitting, which matters more than polling. */
export const PRIORITY = { result: 0, submit: 1, upload: 2, poll: 3 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

export interface RateBudgetOptions {
  /** Steady rate; the service allows 100 per minute per team, we keep room to spare. */
  perMinute: number;
  /** Requests that may go at once after a quiet time. */
  burst: number;
  /** Pacing from the service's headers (see `TeamPacing`); `false` trusts the local bucket alone. */
  team?: Partial<TeamPacingOptions> | false;
  now?: () => number;
}

interface Waiter {
  priority: Priority;
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** Longest a waiting budget sleeps before it works its rate out again. */
const REVIEW_MS = 5_000;

export class RateBudget {
  private readonly waiters: Waiter[] = [];
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private readonly now: () => number;
  private readonly localMsPerToken: number;
  private readonly team: TeamPacing | undefined;

  constructor(private readonly options: RateBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = options.burst;
    this.refilledAt = this.now();
    this.localMsPerToken = 60_000 / options.perMinute;
    this.team = options.team === false ? undefined : new TeamPacing(options.team);
  }

  /** An answer's rate-limit headers: learn the team's use; at 0 left, wait for the reset. */
  observe(info: TeamObservation): void {
    if (!this.team) return;
    const now = this.now();
    this.team.observe(info, now);
    const waitMs = info.resetMs ?? info.retryAfterMs;
    if (info.remaining === 0 && waitMs !== undefined && waitMs > 0) {
      this.pause(waitMs);
    } else {
      this.pump();
    }
  }

  /** Requests per minute this computer can keep up now: its own rate, or less on a busy team. */
  sharePerMinute(): number {
    return Math.min(this.options.perMinute, this.team?.sharePerMinute(this.now()) ?? Infinity);
  }

  /** Waits for a slot (and past any pause), highest priority first. */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(canceled());
    // Many requests may wait on one engine-wide signal; that is expected, not a leak.
    if (signal) setMaxListeners(0, signal);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        seq: this.seq++,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.remove(waiter);
          reject(canceled());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.waiters.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      this.pump();
    });
  }

  /** Stops all traffic for `ms` (the service said 429 / Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.pump();
  }

  pendingCount(): number {
    return this.waiters.length;
  }

  /** One slot every 60/N s: N is our own rate, or our part of a busy team's. */
  private msPerToken(): number {
    if (!this.team) return this.localMsPerToken;
    return 60_000 / Math.min(this.options.perMinute, this.team.ratePerMinute(this.now()));
  }

  private refill(now: number): void {
    const earned = (now - this.refilledAt) / this.msPerToken();
    const burst = Math.min(this.options.burst, this.team?.burstLimit(now) ?? Infinity);
    this.tokens = Math.min(burst, this.tokens + earned);
    this.refilledAt = now;
  }

  private teamRoom(now: number): boolean {
    return !this.team || this.team.room(now) >= 1;
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    this.refill(now);
    while (now >= this.pausedUntil && this.tokens >= 1 && this.teamRoom(now)) {
      const waiter = this.waiters.shift();
      if (!waiter) return;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.tokens -= 1;
      this.team?.recordOwn(now);
      waiter.resolve();
    }
    if (this.waiters.length === 0) return;
    const nextToken = now + Math.ceil((1 - this.tokens) * this.msPerToken());
    let wakeAt = Math.max(nextToken, this.pausedUntil);
    if (this.team && !this.teamRoom(now)) wakeAt = Math.max(wakeAt, this.team.nextRoomAt(now));
    // The rate above was worked out from the team's view now; when that view changes by itself
    // (a reset passes), look again then, and in any case every few seconds.
    const change = this.team?.nextChangeAt(now);
    if (change !== undefined) wakeAt = Math.min(wakeAt, Math.max(change, this.pausedUntil));
    wakeAt = Math.min(wakeAt, Math.max(now + REVIEW_MS, this.pausedUntil));
    this.timer = setTimeout(() => this.pump(), Math.max(1, wakeAt - now));
  }

  /** Rejects everyone waiting (the engine is stopping). */
  close(): void {
    clearTimeout(this.timer);
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(canceled());
    }
  }
}
