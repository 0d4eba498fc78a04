/** The shared mutable state of one running simulator, handed to every request handler. */

import type { FaultInjector } from './faults';
import type { JobStore } from './jobs';
import type { MediaStore } from './media-store';
import type { RateLimiter } from './rate-limiter';
import type { RequestLogEntry, SimulatorOptions } from './types';

export interface SimState {
  options: SimulatorOptions;
  /** Simulator time: options.now() plus any advanceTime. */
  clock(): number;
  /** Known once the server listens; pre-signed URLs are built from it. */
  baseUrl: string;
  media: MediaStore;
  jobs: JobStore;
  limiter: RateLimiter;
  faults: FaultInjector;
  /** Recent requests, oldest first (capped, see MAX_LOG_ENTRIES). */
  log: RequestLogEntry[];
  /** Every POST /v1/diarize received, and the object-store PUTs under way, apart from the log. */
  counters: { diarizePosts: number; uploadsInFlight: number };
  /** Aborted on close, so delayed requests stop waiting. */
  closing: AbortSignal;
}

/** A standalone simulator may run for days under polling; old log entries are dropped past this. */
export const MAX_LOG_ENTRIES = 100_000;

/** Which team an API key belongs to: 0 for the primary key, 1.. for the additional ones. */
export function teamOf(options: SimulatorOptions, key: string): number | undefined {
  if (key === options.apiKey) return 0;
  const index = options.additionalApiKeys.indexOf(key);
  return index === -1 ? undefined : index + 1;
}
