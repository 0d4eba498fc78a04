/**
 * Saves a finished job's result the moment it is known, and keeps trying when the disk refuses
 * (full, no permission): the service's answer is kept in memory and written again with backoff,
 * without asking the service again. The engine only hears "saved here" or "not yet, because…".
 */

import type { ReasonInfo } from '../../shared/note-keys';
import type { SavedResult } from '../../shared/result';
import { toErrorInfo } from '../errors';
import { backoffDelayMs } from '../retry/backoff';
import { writeResult } from './result-files';

export interface ResultSaverOptions {
  dataDir: string;
  now: () => number;
  /** Told that saving failed: once per problem per minute, as every save then fails alike. */
  onSaveFailed: (reason: ReasonInfo) => void;
  /** First wait before writing again; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

export type SaveOutcome =
  { saved: true; resultFile: string } | { saved: false; message: string; error: ReasonInfo };

/** How often one problem is told again while every save keeps failing alike. */
const NOTICE_EVERY_MS = 60_000;

export class ResultSaver {
  private readonly pending = new Map<
    string,
    { attempts: number; timer: NodeJS.Timeout | undefined }
  >();
  private lastNotice: { message: string; atMs: number } | undefined;
  private closed = false;

  constructor(private readonly options: ResultSaverOptions) {}

  /**
   * Writes the result. When that fails, `again` runs after a backoff (the engine's own finish
   * step, so the job's state is re-checked first); a later save of the same job replaces it.
   */
  async save(id: string, result: SavedResult, again: () => void): Promise<SaveOutcome> {
    try {
      const resultFile = await writeResult(this.options.dataDir, result);
      this.forget(id);
      return { saved: true, resultFile };
    } catch (error) {
      const { message, key, params } = toErrorInfo(error);
      const reason: ReasonInfo = {
        message,
        ...(key ? { key } : {}),
        ...(params ? { params } : {}),
      };
      this.retryLater(id, again);
      this.report(reason);
      return { saved: false, message, error: reason };
    }
  }

  /** A result of this job is waiting to be written again. */
  isSaving(id: string): boolean {
    return this.pending.has(id);
  }

  /** Drops a waiting retry (the job was saved, removed or became final another way). */
  forget(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
  }

  private retryLater(id: string, again: () => void): void {
    const entry = this.pending.get(id) ?? { attempts: 0, timer: undefined };
    entry.attempts += 1;
    clearTimeout(entry.timer);
    entry.timer = undefined;
    if (!this.closed) {
      const delay = backoffDelayMs(entry.attempts, {
        baseMs: this.options.retryMs ?? 1_000,
        maxMs: this.options.maxRetryMs ?? 30_000,
      });
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        again();
      }, delay);
    }
    this.pending.set(id, entry);
  }

  /** Tells of a failed save (also the job list's own): once per problem per minute. */
  report(reason: ReasonInfo): void {
    const { message } = reason;
    const now = this.options.now();
    if (this.lastNotice?.message === message && now - this.lastNotice.atMs < NOTICE_EVERY_MS)
      return;
    this.lastNotice = { message, atMs: now };
    this.options.onSaveFailed(reason);
  }
}
