/**
 * The check on this computer for jobs in 'checking': at most `concurrency` at once, each job once.
 * The engine offers every checking job on each of its passes; the queue starts as many as there
 * are free slots, skipping the ones already running (counting them against the free slots as
 * well was the bug that ran about 2.5 checks at a time with a limit of 4).
 */

export class PreflightQueue {
  private readonly running = new Set<string>();

  constructor(
    private readonly concurrency: number,
    private readonly check: (id: string) => Promise<void>,
    /** Called after each check ends, once its slot is free again. */
    private readonly settled: () => void,
  ) {}

  /** Checks running now. */
  get size(): number {
    return this.running.size;
  }

  /** Starts checks for `ids` (oldest first) while slots are free. */
  fill(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.running.size >= this.concurrency) return;
      if (this.running.has(id)) continue;
      this.running.add(id);
      void this.check(id)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(id);
          this.settled();
        });
    }
  }
}
