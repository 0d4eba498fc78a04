/** What the engine's steps share: the store, the budgeted client, the clock and change reporting. */

import type { JobRecord } from '../../shared/jobs';
import type { ErrorInfo } from '../../shared/errors';
import type { PyannoteClient } from '../pyannote/client';
import type { JobPatch } from './lifecycle';
import type { JobStore } from './store';
import type { Priority, RateBudget } from './rate-budget';

/**
 * The known voices still in the library among `ids`, in that order, with their voiceprints (the
 * voice library's `voiceprints`). Deleted voices are simply missing from the answer.
 */
export type VoiceprintLookup = (
  ids: readonly string[],
) => Promise<{ id: string; name: string; voiceprint: string }[]>;

export interface EngineContext {
  dataDir: string;
  store: JobStore;
  client: PyannoteClient;
  budget: RateBudget;
  now: () => number;
  /** When this engine started (local clock); intents older than this come from an earlier run. */
  startedAtMs: number;
  /** Longest a submit request can take (the client's timeout plus margin); bounds the lookup window. */
  submitDeadlineMs: number;
  /**
   * Applies a patch to a record's fields, stamps it, schedules a save and tells listeners. A
   * step never changes a state itself: it reports its outcome and the engine moves the job.
   */
  update(id: string, patch: JobPatch): JobRecord | undefined;
  /** Runs one API call inside the rate budget; a 429 pauses all traffic for as long as asked. */
  api<T>(priority: Priority, call: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Stops work that needs the key or the subscription until the person fixes it. */
  block(error: ErrorInfo): void;
  isBlocked(): boolean;
  /**
   * Records a job's content hash and, in the same step, whether another job already covers this
   * content with these options (see duplicates.ts); returns that job. One synchronous decision,
   * so two copies hashed at the same time cannot both go on to be sent.
   */
  recordHash(id: string, hash: { sha256: string; mediaUrl: string }): JobRecord | undefined;
  /** Tells the scheduler that something changed and it should look for work. */
  kick(): void;
  /** Where identification jobs find their voices; without it, they fail in plain words. */
  voiceprints?: VoiceprintLookup;
}
