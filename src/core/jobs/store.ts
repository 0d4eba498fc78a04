/** The durable job list: one JSON file in the data folder, written atomically and coalesced. */

import { NOTICE_ENGLISH } from '../notices';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JOB_STATES, type JobRecord } from '../../shared/jobs';
import { ensurePrivateDir, readTextIfExists, writePrivateFileAtomic } from '../storage/files';

export const STORE_FILE = 'jobs.json';

export interface StoreNotice {
  kind: 'store-set-aside';
  message: string;
  movedTo: string;
}

/**
 * Only what loading must trust is checked strictly; the rest of each record is kept as written,
 * so a newer Diarist's extra fields survive an older one.
 */
const recordSchema = z.looseObject({
  id: z.string().min(1),
  batchId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  state: z.enum(JOB_STATES),
  source: z.looseObject({
    path: z.string(),
    name: z.string(),
    sizeBytes: z.number(),
    mtimeMs: z.number(),
  }),
  options: z.looseObject({ model: z.string(), speakers: z.looseObject({ kind: z.string() }) }),
});

const fileSchema = z.object({
  formatVersion: z.literal(1),
  jobs: z.array(recordSchema),
  /** `media://` key → when its upload completed (ms), to reuse uploads within the storage window. */
  uploads: z.record(z.string(), z.number()).default({}),
});

export interface JobStoreOptions {
  /** Told when the store file was damaged and set aside, so the person hears about it. */
  onNotice?: (notice: StoreNotice) => void;
  /** Told whenever a save fails (disk full, permissions); the store tries again on its own. */
  onSaveError?: (error: unknown) => void;
  /** Delay that lets several changes share one write. */
  coalesceMs?: number;
  /** First wait before saving again after a failed save; doubles up to 30 s. */
  saveRetryMs?: number;
  now?: () => Date;
}

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly uploads = new Map<string, number>();
  private dirty = false;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failedSaves = 0;
  private closed = false;

  private constructor(
    readonly dataDir: string,
    private readonly options: JobStoreOptions,
  ) {}

  get path(): string {
    return join(this.dataDir, STORE_FILE);
  }

  /** Loads the store, or starts empty; a damaged file is renamed aside with a timestamp, never lost. */
  static async open(dataDir: string, options: JobStoreOptions = {}): Promise<JobStore> {
    const store = new JobStore(dataDir, options);
    await ensurePrivateDir(dataDir);
    const text = await readTextIfExists(store.path);
    if (text === undefined) return store;
    let parsed: z.infer<typeof fileSchema> | undefined;
    try {
      const result = fileSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      parsed = undefined;
    }
    if (!parsed) {
      await store.setAside();
      return store;
    }
    // Kept in creation order from here on (new jobs are appended, replaced ones keep their
    // place), so callers never sort; a file written in another order is sorted once, here.
    const jobs = [...parsed.jobs].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const job of jobs) store.jobs.set(job.id, job as unknown as JobRecord);
    for (const [url, at] of Object.entries(parsed.uploads)) store.uploads.set(url, at);
    return store;
  }

  private async setAside(): Promise<void> {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const movedTo = join(this.dataDir, `jobs.damaged-${stamp}.json`);
    await rename(this.path, movedTo);
    this.options.onNotice?.({
      kind: 'store-set-aside',
      movedTo,
      message: NOTICE_ENGLISH['notices.jobListSetAside']({ movedTo }),
    });
  }

  /** Every job, oldest first (creation order; see open()). */
  all(): JobRecord[] {
    return [...this.jobs.values()];
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /**
   * Inserts or replaces a record and schedules a save (unless only live fields changed). A new
   * record goes last, a replaced one keeps its place: records are created with the current time.
   */
  put(record: JobRecord, persist = true): void {
    this.jobs.set(record.id, record);
    if (persist) this.markDirty();
  }

  delete(id: string): boolean {
    const existed = this.jobs.delete(id);
    if (existed) this.markDirty();
    return existed;
  }

  recordUpload(mediaUrl: string, atMs: number): void {
    this.uploads.set(mediaUrl, atMs);
    this.markDirty();
  }

  uploadedAt(mediaUrl: string): number | undefined {
    return this.uploads.get(mediaUrl);
  }

  /** Forgets uploads older than `olderThanMs`; the service has deleted them by then. */
  pruneUploads(olderThanMs: number): void {
    for (const [url, at] of this.uploads) {
      if (at < olderThanMs) {
        this.uploads.delete(url);
        this.dirty = true;
      }
    }
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failure is reported (and retried) by flush itself.
      this.flush().catch(() => undefined);
    }, this.options.coalesceMs ?? 25);
  }

  /**
   * After a failed save, saves again later even if nothing else changes: otherwise the last
   * changes before a quiet period (a batch's final results) would reach the disk only on close.
   */
  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const base = this.options.saveRetryMs ?? 1_000;
    const delay = Math.min(30_000, base * 2 ** Math.min(this.failedSaves - 1, 10));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.flush().catch(() => undefined);
    }, delay);
    // A pending retry alone must not keep a finished command alive; close() saves once more.
    this.retryTimer.unref();
  }

  /** Resolves once everything changed so far is on disk; rejects if it could not be written. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.writing) {
        await this.writing.catch(() => undefined);
        continue;
      }
      if (!this.dirty) return;
      this.dirty = false;
      const snapshot = this.serialize();
      this.writing = writePrivateFileAtomic(this.path, snapshot).finally(() => {
        this.writing = undefined;
      });
      try {
        await this.writing;
        this.failedSaves = 0;
      } catch (error) {
        this.dirty = true;
        this.failedSaves += 1;
        this.options.onSaveError?.(error);
        this.scheduleRetry();
        throw error;
      }
    }
  }

  private serialize(): string {
    const jobs = [...this.jobs.values()].map(({ progress: _progress, ...rest }) => rest);
    return JSON.stringify({ formatVersion: 1, jobs, uploads: Object.fromEntries(this.uploads) });
  }

  /** Stops background saves after writing what is pending. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.retryTimer = undefined;
    await this.flush();
  }
}
