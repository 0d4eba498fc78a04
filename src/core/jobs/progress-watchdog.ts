/**
 * Notices when work makes no progress for a bounded time (every upload link dead on arrival, an
 * API that always answers too late) so that a command stops instead of retrying forever. Progress
 * is a job moving forward in its lifecycle, bytes hashed or sent beyond what was already done, or
 * the service confirming that it still has a job; retrying the same step again is not.
 */

import type { JobState } from '../../shared/jobs';

const RANK: Record<JobState, number> = {
  checking: 0,
  waiting: 1,
  uploading: 1,
  submitting: 2,
  queued: 3,
  processing: 4,
  succeeded: 5,
  failed: 5,
  canceled: 5,
};

export function movesForward(from: JobState, to: JobState): boolean {
  return RANK[to] > RANK[from];
}

export interface WatchdogOptions {
  limitMs: number;
  now: () => number;
  /** Whether there is unfinished work at all (an idle engine never gives up). */
  hasWork: () => boolean;
  giveUp: (idleMs: number) => void;
}

export class ProgressWatchdog {
  private lastProgressAt: number;
  private readonly highWater = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private fired = false;

  constructor(private readonly options: WatchdogOptions) {
    this.lastProgressAt = options.now();
    const every = Math.max(50, Math.min(5_000, options.limitMs / 10));
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  progressed(): void {
    this.lastProgressAt = this.options.now();
  }

  /** Bytes hashed or sent: progress only beyond the most this job ever got in this phase. */
  bytes(key: string, doneBytes: number): void {
    if (doneBytes <= (this.highWater.get(key) ?? 0)) return;
    this.highWater.set(key, doneBytes);
    this.progressed();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const now = this.options.now();
    if (!this.options.hasWork()) {
      this.lastProgressAt = now;
      return;
    }
    const idle = now - this.lastProgressAt;
    if (!this.fired && idle >= this.options.limitMs) {
      this.fired = true;
      this.stop();
      this.options.giveUp(idle);
    }
  }
}
