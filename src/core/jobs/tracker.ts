/**
 * Follows every job the service is running with as few requests as possible: one page of
 * GET /v2/jobs covers up to 100 jobs, and GET /v1/jobs/{id} is used only for a job that finished
 * (to fetch its output) or when a single job is being followed. Polls come fast right after a
 * submit and slow down for long runs, and never use more than half of the request budget.
 */

import type { JobRecord } from '../../shared/jobs';
import { isDiaristError } from '../errors';
import { isTerminalStatus, normalizeStatus } from '../pyannote/job-status';
import type { JobListItem, ServiceJob } from '../pyannote/client';
import { BackoffGate } from './backoff-gate';
import type { EngineContext } from './context';
import { PRIORITY } from './rate-budget';

export interface TrackerOptions {
  /** Poll intervals by how long ago the job was submitted. */
  fastIntervalMs: number;
  fastForMs: number;
  mediumIntervalMs: number;
  mediumForMs: number;
  slowIntervalMs: number;
  maxPagesPerSweep: number;
  /** Share of the request budget status polls may use, leaving room for results and submits. */
  pollShareOfBudget: number;
  budgetPerMinute: number;
}

/**
 * Fast right after a submit (short jobs finish in seconds), slower for long runs; the slowest
 * interval stays at 7 s because a result must be saved within 15 s of the service finishing it
 * (detection plus the result fetch, measured by npm run bench:tracking).
 */
export const DEFAULT_TRACKER_OPTIONS: TrackerOptions = {
  fastIntervalMs: 2_000,
  fastForMs: 20_000,
  mediumIntervalMs: 4_000,
  mediumForMs: 120_000,
  slowIntervalMs: 7_000,
  maxPagesPerSweep: 10,
  pollShareOfBudget: 0.5,
  budgetPerMinute: 56,
};

/** Sweeps in a row a job may be missing from the list before it is asked for by id. */
const MISSES_BEFORE_DIRECT_LOOKUP = 2;

export interface TrackerHooks {
  /** The job reached a final status at the service; `job` is the full GET /v1/jobs/{id} answer. */
  finish(record: JobRecord, job: ServiceJob): Promise<void>;
  /** The service does not know the job (404). */
  lost(record: JobRecord): void;
  /** The service reports the job as still pending or running (with its creation time, once). */
  progressed(record: JobRecord, status: string, createdAt?: string): void;
  setOffline(offline: boolean): void;
  /** The engine already holds this job's final answer and is saving it: stop following it. */
  isSaving?(id: string): boolean;
}

/** A job the service has: it always carries the service's id. */
type TrackedJob = JobRecord & { serviceJobId: string };

function isTracked(job: JobRecord): job is TrackedJob {
  return (
    (job.state === 'queued' || job.state === 'processing') && typeof job.serviceJobId === 'string'
  );
}

export class Tracker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private readonly failures: BackoffGate;
  private readonly misses = new Map<string, number>();
  private readonly finishing = new Set<string>();
  private lastSweepRequests = 1;
  private readonly controller = new AbortController();

  constructor(
    private readonly ctx: EngineContext,
    private readonly hooks: TrackerHooks,
    private readonly options: TrackerOptions = DEFAULT_TRACKER_OPTIONS,
  ) {
    this.failures = new BackoffGate(ctx.now);
  }

  /** The network is back: forget the failures' backoff and sweep now. */
  recover(): void {
    if (this.failures.failureCount() === 0) return;
    this.failures.reset();
    if (this.stopped || this.running) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.wake(0);
  }

  /** Jobs the service has and we still follow. */
  tracked(): TrackedJob[] {
    return this.ctx.store
      .all()
      .filter(
        (job): job is TrackedJob =>
          isTracked(job) && !this.finishing.has(job.id) && !this.hooks.isSaving?.(job.id),
      );
  }

  /** Something was submitted or resumed: sweep soon. */
  wake(delayMs = this.options.fastIntervalMs): void {
    if (this.stopped || this.running) return;
    const at = Math.max(0, delayMs);
    if (this.timer) return;
    this.timer = setTimeout(() => void this.sweep(), at);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller.abort();
  }

  private nextDelay(jobs: JobRecord[]): number {
    const now = this.ctx.now();
    const o = this.options;
    let interval = o.slowIntervalMs;
    for (const job of jobs) {
      const age = now - (job.submitIntent?.atMs ?? Date.parse(job.updatedAt));
      interval = Math.min(
        interval,
        age < o.fastForMs
          ? o.fastIntervalMs
          : age < o.mediumForMs
            ? o.mediumIntervalMs
            : o.slowIntervalMs,
      );
    }
    // On a key shared with other computers our share of the team's limit may be smaller.
    const perMinute = Math.min(o.budgetPerMinute, this.ctx.budget.sharePerMinute());
    const budgetFloor = (this.lastSweepRequests * 60_000) / (perMinute * o.pollShareOfBudget);
    return Math.max(interval, budgetFloor);
  }

  private async sweep(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || this.ctx.isBlocked()) return;
    const jobs = this.tracked();
    if (jobs.length === 0) return;
    this.running = true;
    let requests = 0;
    try {
      requests = await this.poll(jobs);
      this.failures.succeed();
      this.hooks.setOffline(false);
    } catch (error) {
      if (
        this.stopped ||
        (isDiaristError(error) && (error.code === 'canceled' || !error.retryable))
      ) {
        // Blocked (key, subscription) or stopping: the engine decides what happens next.
      } else {
        this.failures.fail();
        this.hooks.setOffline(true);
      }
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    this.lastSweepRequests = Math.max(1, requests);
    const delay =
      this.failures.failureCount() > 0
        ? this.failures.opensAt() - this.ctx.now()
        : this.nextDelay(this.tracked());
    if (this.tracked().length > 0) this.wake(delay);
  }

  /** One status round over every followed job; returns how many requests it made. */
  private async poll(jobs: TrackedJob[]): Promise<number> {
    const signal = this.controller.signal;
    const direct = jobs.filter(
      (job) => (this.misses.get(job.id) ?? 0) >= MISSES_BEFORE_DIRECT_LOOKUP,
    );
    const listed = jobs.filter((job) => !direct.includes(job));
    let requests = 0;
    if (listed.length === 1 && direct.length === 0) direct.push(...listed.splice(0));
    if (listed.length > 0) {
      const { items, pages } = await this.readList(listed, signal);
      requests += pages;
      for (const job of listed) {
        const item = items.get(job.serviceJobId);
        if (!item) {
          this.misses.set(job.id, (this.misses.get(job.id) ?? 0) + 1);
          continue;
        }
        this.misses.delete(job.id);
        this.apply(job, item.status, item.createdAt);
      }
    }
    for (const job of direct) {
      requests += 1;
      await this.lookUp(job, signal);
    }
    return requests;
  }

  /** Reads list pages until every followed job was seen, or the list is older than all of them. */
  private async readList(
    jobs: TrackedJob[],
    signal: AbortSignal,
  ): Promise<{ items: Map<string, JobListItem>; pages: number }> {
    const wanted = new Set(jobs.map((job) => job.serviceJobId));
    const oldest = Math.min(
      ...jobs.map(
        (job) => Date.parse(job.serviceCreatedAt ?? '') || (job.submitIntent?.serverTimeMs ?? 0),
      ),
    );
    const items = new Map<string, JobListItem>();
    let cursor: string | undefined;
    let pages = 0;
    while (pages < this.options.maxPagesPerSweep) {
      const page = await this.ctx.api(
        PRIORITY.poll,
        () => this.ctx.client.listJobs({ limit: 100, ...(cursor ? { cursor } : {}) }, signal),
        signal,
      );
      pages += 1;
      let older = false;
      for (const item of page.items) {
        if (wanted.has(item.id)) items.set(item.id, item);
        const created = Date.parse(item.createdAt);
        if (!Number.isNaN(created) && created < oldest - 60_000) older = true;
      }
      if (items.size === wanted.size || older || !page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { items, pages };
  }

  private async lookUp(record: TrackedJob, signal: AbortSignal): Promise<void> {
    try {
      const job = await this.ctx.api(
        PRIORITY.poll,
        () => this.ctx.client.getJob(record.serviceJobId, signal),
        signal,
      );
      this.misses.delete(record.id);
      const status = normalizeStatus(job.status);
      if (isTerminalStatus(status)) await this.finishWith(record, job);
      else this.apply(record, status, job.createdAt);
    } catch (error) {
      if (isDiaristError(error) && error.code === 'not-found') {
        this.misses.delete(record.id);
        this.hooks.lost(record);
        return;
      }
      throw error;
    }
  }

  private apply(record: JobRecord, rawStatus: string, createdAt: string | undefined): void {
    const status = normalizeStatus(rawStatus);
    const current = this.ctx.store.get(record.id);
    if (!current || !isTracked(current)) return;
    if (isTerminalStatus(status)) {
      void this.fetchAndFinish(current);
      return;
    }
    this.hooks.progressed(current, status, createdAt);
  }

  /** A job the list reports as finished: fetch its output with priority and hand it over. */
  private async fetchAndFinish(record: TrackedJob): Promise<void> {
    if (this.finishing.has(record.id)) return;
    this.finishing.add(record.id);
    try {
      const job = await this.ctx.api(
        PRIORITY.result,
        () => this.ctx.client.getJob(record.serviceJobId, this.controller.signal),
        this.controller.signal,
      );
      if (isTerminalStatus(normalizeStatus(job.status))) await this.hooks.finish(record, job);
    } catch (error) {
      if (isDiaristError(error) && error.code === 'not-found') this.hooks.lost(record);
      // Anything else: the job stays followed and the next sweep tries again.
    } finally {
      this.finishing.delete(record.id);
      if (!this.stopped && this.tracked().length > 0) this.wake(this.options.fastIntervalMs);
    }
  }

  private async finishWith(record: JobRecord, job: ServiceJob): Promise<void> {
    if (this.finishing.has(record.id)) return;
    this.finishing.add(record.id);
    try {
      await this.hooks.finish(record, job);
    } finally {
      this.finishing.delete(record.id);
    }
  }
}
