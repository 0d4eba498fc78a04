/**
 * Naive baseline: the job list store without batching. Every pushed update is applied at once
 * (a new snapshot and a render per event), as a straightforward store would; the real one
 * (src/renderer/store/jobs-store.ts) coalesces them into one change per animation frame.
 * Ordering, counting and the revision check are the real store's, so both show the same list.
 */

import type { JobView } from '../../src/shared/ipc-contract';
import { categoryOf, type JobFilter } from '../../src/renderer/store/job-filters';

export interface JobsSnapshot {
  readonly byId: ReadonlyMap<string, JobView>;
  readonly order: readonly string[];
  readonly counts: Readonly<Record<JobFilter, number>>;
  readonly loaded: boolean;
}

export class JobsStore {
  private snapshot: JobsSnapshot = {
    byId: new Map(),
    order: [],
    counts: { all: 0, active: 0, done: 0, failed: 0 },
    loaded: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly arrival = new Map<string, number>();
  private nextArrival = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): JobsSnapshot => this.snapshot;

  load(jobs: readonly JobView[]): void {
    const byId = new Map<string, JobView>();
    for (const job of jobs) {
      byId.set(job.id, job);
      this.noteArrival(job.id);
    }
    this.commit(byId, true, true);
  }

  update(job: JobView): void {
    const current = this.snapshot.byId.get(job.id);
    if (current && job.revision <= current.revision) return;
    const byId = new Map(this.snapshot.byId);
    byId.set(job.id, job);
    if (!current) this.noteArrival(job.id);
    this.commit(byId, !current, this.snapshot.loaded);
  }

  remove(id: string): void {
    const byId = new Map(this.snapshot.byId);
    if (byId.delete(id)) this.commit(byId, true, this.snapshot.loaded);
  }

  /** Nothing is ever pending here. */
  flush(): void {}

  private noteArrival(id: string): void {
    if (!this.arrival.has(id)) this.arrival.set(id, this.nextArrival++);
  }

  private commit(byId: Map<string, JobView>, membershipChanged: boolean, loaded: boolean): void {
    const order = membershipChanged ? this.sortedIds(byId) : this.snapshot.order;
    this.snapshot = { byId, order, counts: countJobs(byId), loaded };
    for (const listener of this.listeners) listener();
  }

  private sortedIds(byId: ReadonlyMap<string, JobView>): string[] {
    const batchStart = new Map<string, string>();
    for (const job of byId.values()) {
      const known = batchStart.get(job.batchId);
      if (known === undefined || job.createdAt < known) batchStart.set(job.batchId, job.createdAt);
    }
    const arrival = (id: string) => this.arrival.get(id) ?? 0;
    return [...byId.values()]
      .sort((a, b) => {
        if (a.batchId !== b.batchId) {
          const startA = batchStart.get(a.batchId) ?? '';
          const startB = batchStart.get(b.batchId) ?? '';
          if (startA !== startB) return startA < startB ? 1 : -1;
          return a.batchId < b.batchId ? -1 : 1;
        }
        return arrival(a.id) - arrival(b.id);
      })
      .map((job) => job.id);
  }
}

function countJobs(byId: ReadonlyMap<string, JobView>): Record<JobFilter, number> {
  const counts = { all: byId.size, active: 0, done: 0, failed: 0 };
  for (const job of byId.values()) {
    const category = categoryOf(job.state);
    if (category) counts[category] += 1;
  }
  return counts;
}
