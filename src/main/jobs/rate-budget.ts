/** The team's request budget: a sliding window that paces every API call and obeys 429 waits. */

import { canceled } from '../retry/backoff';

/** Lower number goes first: saving results matters more than submitting, which matters more than polling. */
export const PRIORITY = { result: 0, submit: 1, upload: 2, poll: 3 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

export interface RateBudgetOptions {
  /** Requests allowed per window; the service allows 100 per minute, we keep room to spare. */
  limit: number;
  windowMs: number;
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

export class RateBudget {
  private readonly sent: number[] = [];
  private readonly waiters: Waiter[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private readonly now: () => number;

  constructor(private readonly options: RateBudgetOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Waits for a slot in the window (and past any pause), highest priority first. */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(canceled());
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

  /** Requests made in the current window, for display and tests. */
  usedInWindow(): number {
    this.expire();
    return this.sent.length;
  }

  pendingCount(): number {
    return this.waiters.length;
  }

  private expire(): void {
    const cutoff = this.now() - this.options.windowMs;
    while ((this.sent[0] ?? Infinity) <= cutoff) this.sent.shift();
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.expire();
    const now = this.now();
    while (now >= this.pausedUntil && this.sent.length < this.options.limit) {
      const waiter = this.waiters.shift();
      if (!waiter) return;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.sent.push(now);
      waiter.resolve();
    }
    if (this.waiters.length === 0) return;
    const oldest = this.sent[0];
    const nextSlot =
      this.sent.length >= this.options.limit && oldest !== undefined
        ? oldest + this.options.windowMs
        : now;
    const wakeAt = Math.max(nextSlot, this.pausedUntil);
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
