/** Public types of the pyannoteAI simulator: its options, its inspection records and its handle. */

export type JobStatus = 'created' | 'pending' | 'running' | 'succeeded' | 'failed' | 'canceled';
export type JobKind = 'diarize' | 'identify' | 'voiceprint';

export const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'created',
  'succeeded',
  'canceled',
  'failed',
  'running',
];

/** How long a job spends in each phase; snapshotted per job so later changes never move a job backwards. */
export interface Timing {
  /** Time between the POST and the job being queued (status `created`). */
  createdMs: number;
  /** Time in the queue (status `pending`). */
  pendingMs: number;
  /** Fixed part of the processing time (status `running`). */
  runningMs: number;
  /** Extra processing time per second of audio, so long recordings take longer. */
  runningMsPerAudioSecond: number;
}

export interface RateLimitOptions {
  /** Requests allowed per team (API key) within the sliding window, over all connections. */
  limit: number;
  windowMs: number;
}

interface FaultMatch {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Pathname to match: a string matches exactly, or as a prefix when it ends with `*`. */
  path?: string | RegExp;
  /** Apply this many times, then stop matching. */
  times?: number;
  /** Chance (0..1) to apply on each matching request, drawn from the seeded PRNG. */
  probability?: number;
}

/**
 * A fault to inject. `status` answers with that code instead of handling the request; `reset`
 * destroys the socket (after `afterBytes` body bytes when given); `slow` delays the request and
 * combines with other rules; `drop-after-handling` performs the request's effect and then destroys
 * the socket instead of answering (a lost answer).
 */
export type FaultRule = FaultMatch &
  (
    | {
        kind: 'status';
        /** A code, or several to pick from with the seeded PRNG. */
        status: number | number[];
        /** JSON value or raw string; defaults to an ApiError (API) or S3 XML error (object store). */
        body?: unknown;
        /** Extra headers. When absent, a 429 on the API gets `Retry-After: 1` (if `retryAfterHeader`); pass `{}` for none. */
        headers?: Record<string, string>;
      }
    | { kind: 'reset'; afterBytes?: number }
    /** Upload only: the body stops arriving after `afterBytes` (the store stops reading it). */
    | { kind: 'stall'; afterBytes: number }
    | { kind: 'slow'; delayMs: number }
    | { kind: 'drop-after-handling' }
  );

/** What a test hook sees of a job when the job starts running. */
export interface JobRequestInfo {
  id: string;
  kind: JobKind;
  team: number;
  /** The request body exactly as received. */
  request: Record<string, unknown>;
  /** The upload behind a `media://` URL when it was present at the moment the job started. */
  upload?: UploadInfo;
}

export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** The accepted API key (team 0). Changing it live revokes the old key. */
  apiKey: string;
  /** More accepted keys, each its own team (1, 2, …) with separate media and jobs. */
  additionalApiKeys: string[];
  /** Seed for the fault PRNG, so probabilistic faults repeat run to run. */
  seed: number;
  /** Wall clock; `Simulator.advanceTime` adds to it. */
  now: () => number;
  timing: Timing;
  uploadUrlTtlMs: number;
  /**
   * The object store answers 400 RequestTimeout (as S3 does after about 20–30 s) when an upload's
   * body stops arriving for this long. Default 30 s; tests set it short.
   */
  uploadIdleTimeoutMs: number;
  downloadUrlTtlMs: number;
  /** Uploaded media disappears this long after its upload. */
  mediaTtlMs: number;
  /** A job's output is deleted this long after the job completes. */
  outputTtlMs: number;
  /** Largest PUT accepted by the object store; null for no limit. */
  maxUploadBytes: number | null;
  /** Upload bytes kept in memory (for audio parsing and downloads); larger uploads keep only a hash. */
  maxRetainedBytes: number;
  rateLimit: RateLimitOptions | null;
  /** Send `Retry-After` on 429 (some servers in the wild omit it). */
  retryAfterHeader: boolean;
  /** `X-RateLimit-Reset` as epoch seconds (documented) or seconds until reset (seen in the wild). */
  rateLimitResetStyle: 'epoch' | 'delta';
  /** Answer every API request with 402 "Subscription is required". */
  mode402: boolean;
  /** Reject `_` in media keys, as the SDK's docs and a community report suggest. */
  strictKeys: boolean;
  /** Accepted `model` values per endpoint; the official list changes over time. */
  models: Record<JobKind, string[]>;
  /** `numSpeakers` above this gets a `warning` in the submit answer. */
  plausibleMaxSpeakers: number;
  /** Live list of fault rules, checked in order. */
  faults: FaultRule[];
  /**
   * Listen mode (default off): for media that is PCM WAV (16-bit or more, any rate and channel
   * count, mixed down) kept in memory (`maxRetainedBytes`) and at most 20 minutes long, the
   * simulator decides voices from the sound itself. Speech is found by energy (a pause of 0.46 s
   * or more ends a turn), each turn's voice is its pitch (lower quartile, by autocorrelation), and
   * turns are grouped into speakers (`SPEAKER_00`, `01`… in order of first appearance), so
   * diarize and identify report the real turns. A voiceprint encodes the clip's voice (decodable
   * only here); identify scores each speaker against each voiceprint by pitch distance (same
   * fixture voice about 85 or more, another one 25 or less) and honours `matching`. A voiceprint
   * job fails on a clip over 30 s or with no speech. Other media get the seeded random outputs;
   * with listen off every output is exactly as without it. `fixtureTurns` gives the fixtures'
   * true turns. The standalone simulator takes it from `SIMULATOR_LISTEN`.
   */
  listen: boolean;
  /** Called when a job starts running; a returned string fails the job with that `output.error`. */
  failJob?: (job: JobRequestInfo) => string | undefined;
}

/** What `startSimulator` accepts: any subset of the options, with timing and rate limit partial too. */
export type SimulatorInit = Partial<Omit<SimulatorOptions, 'timing' | 'rateLimit'>> & {
  timing?: Partial<Timing>;
  rateLimit?: Partial<RateLimitOptions> | null;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP, like the real service. */
  tls?: { key: string; cert: string };
};

export interface UploadInfo {
  key: string;
  team: number;
  size: number;
  sha256: string;
  uploadedAt: string;
  expiresAt: string;
  /** Parsed audio duration, or null when the bytes are not audio the parser understands. */
  durationSeconds: number | null;
}

export interface JobInfo {
  id: string;
  kind: JobKind;
  team: number;
  /** The request body exactly as received. */
  request: Record<string, unknown>;
  status: JobStatus;
  createdAt: string;
  /** When the job reached (or will reach) its terminal state, once known. */
  completedAt?: string;
  error?: string;
}

export type RequestOutcome = 'answered' | 'reset' | 'dropped' | 'aborted';

export interface RequestLogEntry {
  /** Simulator clock (ms since epoch) when the request arrived. */
  at: number;
  method: string;
  /** Pathname with pre-signed tokens replaced by `:token`. */
  path: string;
  /** Route pattern such as `GET /v1/jobs/{jobId}`, or `unknown`. */
  route: string;
  /** Status sent (or, for a dropped answer, the status that would have been sent). */
  status: number | null;
  outcome: RequestOutcome;
  /** Kind of the fault rule that decided the request, if any. */
  fault?: FaultRule['kind'];
  /** For an upload PUT: how many other uploads were under way at the store when it arrived. */
  uploadsInFlight?: number;
}

export interface RequestFilter {
  route?: string;
  method?: string;
  status?: number;
  outcome?: RequestOutcome;
  /** Only requests at or after this simulator time. */
  since?: number;
}

export interface Simulator {
  readonly baseUrl: string;
  readonly port: number;
  /** The current primary key (`options.apiKey`). */
  readonly apiKey: string;
  /** Live settings: mutate fields to change behaviour of later requests. */
  readonly options: SimulatorOptions;
  /** Simulator clock (options.now plus any advanceTime). */
  now(): number;
  /** Move the simulator clock forward, to reach expiries without waiting. */
  advanceTime(ms: number): void;
  /** All jobs, oldest first, with their status at the current simulator time. */
  jobs(): JobInfo[];
  job(id: string): JobInfo | undefined;
  /** Number of POST /v1/diarize requests received, whatever their outcome. */
  readonly diarizePosts: number;
  /** Upload PUTs the object store is receiving right now (from arrival to answer). */
  readonly uploadsInFlight: number;
  /** Live uploads of one team (default 0), keyed by `media://` key. */
  uploads(team?: number): Map<string, UploadInfo>;
  /**
   * The bytes received for a `media://` key (one team, default 0), as stored: a test probes them
   * to prove what reached the service (only sound, no picture). Undefined when nothing live is
   * stored under the key, or it was larger than `maxRetainedBytes` (only its hash was kept).
   */
  uploadedBytes(key: string, team?: number): Buffer | undefined;
  /** Recent requests, oldest first (the last 100 000). */
  requestLog(): RequestLogEntry[];
  countRequests(filter?: RequestFilter): number;
  addFault(rule: FaultRule): FaultRule;
  clearFaults(): void;
  /** How many times a rule has been applied. */
  faultHits(rule: FaultRule): number;
  /** Cancel a job that has not finished yet; returns false otherwise. */
  cancelJob(id: string): boolean;
  /** Close the server and destroy open sockets. */
  close(): Promise<void>;
}
