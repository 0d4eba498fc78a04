/**
 * One backoff for one kind of work (uploads, submits, status polls): each failure closes the gate
 * for longer, a success or a recovered network opens it at once. Replaces the engine's three
 * hand-written copies, so that "the network is back" can reset all of them in one place.
 */

import { backoffDelayMs, canceled, type BackoffPolicy } from '../retry/backoff';

export const ENGINE_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 60_000 };

export class BackoffGate {
  private failures = 0;
  private until = 0;

  constructor(
    private readonly now: () => number,
    private readonly policy: BackoffPolicy = ENGINE_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** Counts a failure and closes the gate; returns when it opens again. */
  fail(atLeastMs = 0): number {
    this.failures += 1;
    this.until =
      this.now() + Math.max(atLeastMs, backoffDelayMs(this.failures, this.policy, this.random));
    return this.until;
  }

  /** The work succeeded: the next failure starts from the shortest delay again. */
  succeed(): void {
    this.failures = 0;
  }

  /** The cause went away (the network came back): open now, and start over. */
  reset(): void {
    this.failures = 0;
    this.until = 0;
  }

  isOpen(): boolean {
    return this.now() >= this.until;
  }

  /** When the gate opens (in the past when it is open). */
  opensAt(): number {
    return this.until;
  }

  failureCount(): number {
    return this.failures;
  }
}

/**
 * Sleeps that a recovery cuts short: a step waiting between two attempts (the uploader's own
 * retries) goes on at once when the engine learns that the network is back.
 */
export class RecoveryWake {
  private readonly sleepers = new Set<() => void>();

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(canceled());
        return;
      }
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        reject(canceled());
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Ends every sleep now; returns how many were waiting. */
  wakeAll(): number {
    const sleepers = [...this.sleepers];
    for (const wake of sleepers) wake();
    return sleepers.length;
  }
}
