/**
 * The job list's one store: every job by id plus a stable display order. Pushed updates are
 * coalesced and applied once per animation frame, so a burst of progress events from thousands of
 * uploads costs one render per frame instead of one per event.
 */

import type { JobView } from '../../shared/ipc-contract';
import { categoryOf, type JobFilter } from './job-filters';

export interface JobsSnapshot {
  readonly byId: ReadonlyMap<string, JobView>;
  /** Newest batch first, files in the order they were added; replaced only when jobs come or go. */
  readonly order: readonly string[];
  readonly counts: Readonly<Record<JobFilter, number>>;
  /** False until the first `jobs:list` answer, so the list can say "Loading" rather than "empty". */
  readonly loaded: boolean;
}

/** What is waiting for the next frame: the newest version of a job, or null when it was removed. */
type PendingChange = JobView | null;

export class JobsStore {
  private snapshot: JobsSnapshot = {
    byId: new Map(),
    order: [],
    counts: { all: 0, active: 0, done: 0, failed: 0 },
    loaded: false,
  };
  private readonly pending = new Map<string, PendingChange>();
  private readonly listeners = new Set<() => void>();
  /** Arrival order, so files of one batch keep the order the person chose them in. */
  private readonly arrival = new Map<string, number>();
  private nextArrival = 0;
  private frame: number | undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): JobsSnapshot => this.snapshot;

  /** The `jobs:list` answer; pushes that arrived while it was on its way still apply on top. */
  load(jobs: readonly JobView[]): void {
    const byId = new Map<string, JobView>();
    for (const job of jobs) {
      byId.set(job.id, job);
      this.noteArrival(job.id);
    }
    this.commit(byId, true, true);
    this.flush();
  }

  /** A job changed or appeared (from a push or an operation's answer); shown on the next frame. */
  update(job: JobView): void {
    // Two versions of one job in the same frame (a push and an older operation's answer) keep the
    // newer one, whatever order they came in; flush() then compares it with what is shown.
    const waiting = this.pending.get(job.id);
    if (waiting && waiting.revision >= job.revision) return;
    this.pending.set(job.id, job);
    this.schedule();
  }

  remove(id: string): void {
    this.pending.set(id, null);
    this.schedule();
  }

  /** Applies everything pending now; normally called by the frame callback. */
  flush(): void {
    if (this.frame !== undefined) {
      cancelAnimationFrame(this.frame);
      this.frame = undefined;
    }
    if (this.pending.size === 0) return;
    const byId = new Map(this.snapshot.byId);
    let membershipChanged = false;
    for (const [id, change] of this.pending) {
      const current = byId.get(id);
      if (change === null) {
        if (byId.delete(id)) membershipChanged = true;
        continue;
      }
      // A push can overtake the answer of the operation that caused it; keep the newer record.
      // Answers and pushes can arrive out of order; the engine's revision says which is newer.
      if (current && change.revision <= current.revision) continue;
      if (!current) {
        membershipChanged = true;
        this.noteArrival(id);
      }
      byId.set(id, change);
    }
    this.pending.clear();
    this.commit(byId, membershipChanged, this.snapshot.loaded);
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.flush();
    });
  }

  private noteArrival(id: string): void {
    if (!this.arrival.has(id)) this.arrival.set(id, this.nextArrival++);
  }

  private commit(byId: Map<string, JobView>, membershipChanged: boolean, loaded: boolean): void {
    const order = membershipChanged ? this.sortedIds(byId) : this.snapshot.order;
    if (membershipChanged) {
      for (const id of this.arrival.keys()) if (!byId.has(id)) this.arrival.delete(id);
    }
    // Progress pushes rarely move a job between filters; keeping the counts object when nothing
    // changed lets the (memoized) filter bar skip the frame's render.
    const counts = countJobs(byId);
    const before = this.snapshot.counts;
    const same = (Object.keys(counts) as JobFilter[]).every((key) => counts[key] === before[key]);
    this.snapshot = { byId, order, counts: same ? before : counts, loaded };
    for (const listener of this.listeners) listener();
  }

  private sortedIds(byId: ReadonlyMap<string, JobView>): string[] {
    // A batch is dated by its first job, so the newest batch comes first as a block.
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
