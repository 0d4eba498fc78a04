/** Job store whose statuses follow from the clock, so thousands of jobs need no timers. */

import { randomUUID } from 'node:crypto';
import { toUploadInfo } from './media-store';
import type { MediaStore, StoredUpload } from './media-store';
import { hear } from './listen';
import type { Heard } from './listen';
import { jobOutput, mostTalkative } from './outputs';
import type { MediaSnapshot } from './outputs';
import type { JobParams } from './validation';
import type { JobInfo, JobKind, JobStatus, SimulatorOptions, Timing } from './types';

/** Service limits for diarize and identify input; beyond them the docs report "Could not load audio". */
const MAX_JOB_BYTES = 1024 ** 3;
const MAX_JOB_SECONDS = 24 * 60 * 60;

export const COULD_NOT_LOAD = 'Could not load audio';
export const PROCESSING_ERROR = 'An error occurred while processing the audio.';
/**
 * Listen mode's voiceprint failures. The docs limit a voiceprint's audio to 30 s and one speaker
 * but do not give the messages; these wordings are the simulator's own.
 */
export const VOICEPRINT_MAX_SECONDS = 30;
export const VOICEPRINT_TOO_LONG = 'Audio for a voiceprint must be at most 30 seconds long.';
export const NO_SPEECH = 'No speech was found in the audio.';
/** Listen mode keeps what it heard of this many recent uploads, so repeated jobs do not listen again. */
const HEARD_CACHE_SIZE = 16;

interface Resolution {
  /** When the job reaches its terminal status. */
  endAtMs: number;
  error?: string;
  media?: MediaSnapshot;
}

interface JobRecord {
  id: string;
  seq: number;
  team: number;
  kind: JobKind;
  request: Record<string, unknown>;
  params: JobParams;
  createdAtMs: number;
  queuedAtMs: number;
  runningAtMs: number;
  timing: Timing;
  /** Decided once the job has started running, from the state of the media at that moment. */
  resolution?: Resolution;
  canceledAtMs?: number;
  output?: Record<string, unknown>;
}

export interface JobEnvironment {
  options: SimulatorOptions;
  media: MediaStore;
  baseUrl: string;
}

export interface JobPage {
  items: { id: string; status: JobStatus; createdAt: string }[];
  nextCursor: string | null;
}

const TERMINAL: readonly JobStatus[] = ['succeeded', 'failed', 'canceled'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class JobStore {
  private readonly all: JobRecord[] = [];
  private readonly byId = new Map<string, JobRecord>();
  private readonly unresolved = new Set<JobRecord>();
  private readonly heardCache = new Map<string, Heard | null>();
  private seq = 0;

  constructor(private readonly env: JobEnvironment) {}

  create(
    team: number,
    kind: JobKind,
    request: Record<string, unknown>,
    params: JobParams,
    now: number,
  ): JobRecord {
    const timing = { ...this.env.options.timing };
    const queuedAtMs = now + timing.createdMs;
    const job: JobRecord = {
      id: randomUUID(),
      seq: this.seq++,
      team,
      kind,
      request,
      params,
      createdAtMs: now,
      queuedAtMs,
      runningAtMs: queuedAtMs + timing.pendingMs,
      timing,
    };
    this.all.push(job);
    this.byId.set(job.id, job);
    this.unresolved.add(job);
    return job;
  }

  /**
   * Decides every job that has started running by `now`, using the media as it was when each job
   * started. Must run before anything changes media (uploads, sweeps), which keeps that view true.
   */
  settle(now: number): void {
    const due = [...this.unresolved].filter((job) => job.runningAtMs <= now);
    due.sort((a, b) => a.runningAtMs - b.runningAtMs || a.seq - b.seq);
    for (const job of due) {
      this.unresolved.delete(job);
      if (job.canceledAtMs !== undefined && job.canceledAtMs <= job.runningAtMs) continue;
      job.resolution = this.resolve(job);
    }
  }

  private uploadFor(job: JobRecord, at: number): StoredUpload | undefined {
    const url = job.params.url;
    if (url.startsWith('media://')) return this.env.media.live(job.team, url, at);
    // Our own pre-signed download URLs work as external URLs; the simulator has no other network.
    const prefix = `${this.env.baseUrl}/_download/`;
    if (!url.startsWith(prefix)) return undefined;
    const grant = this.env.media.grantOf(url.slice(prefix.length));
    if (!grant || grant.kind !== 'download' || at >= grant.expiresAtMs) return undefined;
    return this.env.media.live(grant.team, grant.key, at);
  }

  private resolve(job: JobRecord): Resolution {
    const at = job.runningAtMs;
    const failAt = at + job.timing.runningMs;
    const upload = this.uploadFor(job, at);
    const forced = this.env.options.failJob?.({
      id: job.id,
      kind: job.kind,
      team: job.team,
      request: job.request,
      upload: upload && toUploadInfo(upload),
    });
    if (forced !== undefined) return { endAtMs: failAt, error: forced };
    if (!upload) return { endAtMs: failAt, error: COULD_NOT_LOAD };
    const duration = upload.durationSeconds;
    if (upload.size > MAX_JOB_BYTES || (duration !== null && duration > MAX_JOB_SECONDS))
      return { endAtMs: failAt, error: COULD_NOT_LOAD };
    if (duration === null) return { endAtMs: failAt, error: PROCESSING_ERROR };
    const listening = this.env.options.listen;
    const heard = listening ? this.listenTo(upload) : undefined;
    if (listening && job.kind === 'voiceprint') {
      if (duration > VOICEPRINT_MAX_SECONDS) return { endAtMs: failAt, error: VOICEPRINT_TOO_LONG };
      if (heard && !mostTalkative(heard)) return { endAtMs: failAt, error: NO_SPEECH };
    }
    return {
      endAtMs: Math.round(
        at + job.timing.runningMs + job.timing.runningMsPerAudioSecond * duration,
      ),
      media: { sha256: upload.sha256, durationSeconds: duration, ...(heard && { heard }) },
    };
  }

  /** What listen mode hears in an upload; undefined when it cannot listen (not kept, not PCM WAV). */
  private listenTo(upload: StoredUpload): Heard | undefined {
    if (!upload.bytes) return undefined;
    let heard = this.heardCache.get(upload.sha256);
    if (heard === undefined) {
      heard = hear(upload.bytes) ?? null;
      this.heardCache.set(upload.sha256, heard);
      const oldest = this.heardCache.keys().next().value;
      if (this.heardCache.size > HEARD_CACHE_SIZE && oldest !== undefined)
        this.heardCache.delete(oldest);
    }
    return heard ?? undefined;
  }

  get(id: string): JobRecord | undefined {
    return this.byId.get(id);
  }

  /** Callers settle first, so a job past its start time is always resolved here. */
  status(job: JobRecord, now: number): JobStatus {
    if (job.canceledAtMs !== undefined && now >= job.canceledAtMs) return 'canceled';
    if (now < job.queuedAtMs) return 'created';
    if (now < job.runningAtMs || !job.resolution) return 'pending';
    if (now < job.resolution.endAtMs) return 'running';
    return job.resolution.error === undefined ? 'succeeded' : 'failed';
  }

  private updatedAt(job: JobRecord, status: JobStatus): number {
    switch (status) {
      case 'created':
        return job.createdAtMs;
      case 'pending':
        return job.queuedAtMs;
      case 'running':
        return job.runningAtMs;
      case 'canceled':
        return job.canceledAtMs ?? job.createdAtMs;
      default:
        return job.resolution?.endAtMs ?? job.createdAtMs;
    }
  }

  /** Cancels a job that is not terminal yet. */
  cancel(job: JobRecord, now: number): boolean {
    if (TERMINAL.includes(this.status(job, now))) return false;
    job.canceledAtMs = now;
    return true;
  }

  /** The job as GET /v1/jobs/{id} shows it; the output disappears `outputTtlMs` after completion. */
  view(job: JobRecord, now: number): Record<string, unknown> {
    const status = this.status(job, now);
    const body: Record<string, unknown> = {
      jobId: job.id,
      status,
      createdAt: iso(job.createdAtMs),
      updatedAt: iso(this.updatedAt(job, status)),
    };
    const resolution = job.resolution;
    if ((status === 'succeeded' || status === 'failed') && resolution) {
      if (now < resolution.endAtMs + this.env.options.outputTtlMs) {
        if (resolution.error !== undefined) body['output'] = { error: resolution.error };
        else if (resolution.media) {
          job.output ??= jobOutput(job.kind, resolution.media, job.params);
          body['output'] = job.output;
        }
      } else {
        job.output = undefined; // deleted at the service; free the memory too
      }
    }
    return body;
  }

  /** One page of GET /v2/jobs, newest first; the cursor is the id of the previous page's last item. */
  page(
    team: number,
    now: number,
    limit: number,
    cursor: string | undefined,
    status: JobStatus | undefined,
  ): JobPage {
    let before = Infinity;
    if (cursor !== undefined) {
      const anchor = this.byId.get(cursor);
      if (!anchor || anchor.team !== team) return { items: [], nextCursor: null };
      before = anchor.seq;
    }
    const items: JobPage['items'] = [];
    let more = false;
    for (let i = this.all.length - 1; i >= 0; i--) {
      const job = this.all[i];
      if (!job || job.team !== team || job.seq >= before) continue;
      const jobStatus = this.status(job, now);
      if (status !== undefined && jobStatus !== status) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push({ id: job.id, status: jobStatus, createdAt: iso(job.createdAtMs) });
    }
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? last.id : null };
  }

  info(job: JobRecord, now: number): JobInfo {
    const status = this.status(job, now);
    const info: JobInfo = {
      id: job.id,
      kind: job.kind,
      team: job.team,
      request: job.request,
      status,
      createdAt: iso(job.createdAtMs),
    };
    if (TERMINAL.includes(status)) info.completedAt = iso(this.updatedAt(job, status));
    if (status === 'failed' && job.resolution?.error !== undefined)
      info.error = job.resolution.error;
    return info;
  }

  list(): JobRecord[] {
    return [...this.all];
  }
}
