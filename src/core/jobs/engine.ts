/**
 * The job engine: turns "these recordings, these options" into saved results, whatever happens
 * in between. Every transition is recorded in the store before its side effect, so a restart
 * resumes each job where it was: uploads start over (or reuse a recent upload), submitted jobs
 * are followed again by id, an unanswered submit is looked up rather than sent twice, and a
 * saved result is never fetched again.
 */

import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../shared/diarize-options';
import type { ErrorInfo } from '../../shared/errors';
import { isFinalState, type JobRecord, type JobState } from '../../shared/jobs';
import type { ExportFormat, SavedResult } from '../../shared/result';
import { classifyError, DiaristError, isDiaristError, toErrorInfo } from '../errors';
import { checkRecording, mapInOrder, type PreflightResult } from '../media/preflight';
import {
  planPreparation,
  prepareRecording,
  type PrepareCapabilities,
  type PreparePlan,
} from '../media/prepare';
import type { RecordingInfo } from '../media/preflight';
import type { PyannoteClient, ServiceJob } from '../pyannote/client';
import { normalizeResult } from '../results/normalize';
import { ResultsRepository } from '../results/repository';
import type { EngineGaveUp, EngineWait } from '../../shared/engine-status';
import { lockDataDir, type ReleaseLock } from '../storage/data-lock';
import { createUploader, isStorageError, type Uploader } from '../upload/uploader';
import { hashFile } from '../upload/media-key';
import type { AgentsFor } from '../network/agents';
import type { EngineContext, VoiceprintLookup } from './context';
import { voiceNamesForResult, voicesToSend } from './recognition';
import { jobNote, NO_NOTE } from './notes';
import { noticeInfo } from '../notices';
import type { NoticeInfo } from '../../shared/note-keys';
import { resultExpired, serviceFailure, serviceLostJob, submitUnconfirmed } from './messages';
import { PRIORITY, RateBudget, type Priority } from './rate-budget';
import type { TeamPacingOptions } from './team-pacing';
import { duplicateNote, findOriginal } from './duplicates';
import { deleteResult, readResult } from './result-files';
import { ResultSaver } from './result-saver';
import { PreflightQueue } from './preflight-queue';
import { IllegalTransitionError, checkTransition, type JobPatch } from './lifecycle';
import { JobStore, type StoreNotice } from './store';
import { runSubmitStep } from './submit-step';
import { DEFAULT_TRACKER_OPTIONS, Tracker, type TrackerOptions } from './tracker';
import { runUploadStep, UPLOAD_REUSE_WINDOW_MS, uploadStillUsable } from './upload-step';
import { BackoffGate, RecoveryWake } from './backoff-gate';
import { describeWaits, sameWaits, type ApiTrouble, type StorageTrouble } from './waits';
import { movesForward, ProgressWatchdog } from './progress-watchdog';
import { removeStrayTempFiles } from './temp-files';
import { Preparer, type RunPreparation } from './prepare-step';
import type { ExportWords } from '../exports/words';
import {
  preparedFilesInUse,
  removePreparedIfUnused,
  removeUnusedPreparedFiles,
} from './prepared-files';

export interface EngineStatus {
  /** Work that needs the key or the subscription waits until the person fixes it. */
  blocked?: ErrorInfo;
  /** The service could not be reached lately; work resumes on its own. */
  offline: boolean;
  /** What work waits for and until when, in words (the request limit, the network, storage). */
  waits?: EngineWait[];
  /** Nothing moved forward for `giveUpAfterMs`: the engine stopped trying (everything is kept). */
  gaveUp?: EngineGaveUp;
}

export type EngineEvent =
  | { type: 'job'; job: JobRecord }
  | { type: 'removed'; id: string }
  | ({ type: 'notice'; kind: StoreNotice['kind'] | 'save-failed' } & NoticeInfo)
  | { type: 'status'; status: EngineStatus }
  | {
      type: 'batch-finished';
      batchId: string;
      succeeded: number;
      failed: number;
      canceled: number;
    };

export interface EngineOptions {
  dataDir: string;
  client: PyannoteClient;
  uploadConcurrency?: number;
  /** Our own request budget; the service allows 100 per minute per team. */
  requestsPerMinute?: number;
  /** The team's window as the service counts it (tests scale it down); `false` turns pacing off. */
  teamPacing?: Partial<TeamPacingOptions> | false;
  preflight?: (path: string) => Promise<PreflightResult>;
  uploader?: Uploader;
  /** The agents (proxy, trusted CAs) for uploads; the client has its own for API calls. */
  agentsFor?: AgentsFor;
  tracking?: Partial<TrackerOptions>;
  /** Must exceed the client's request timeout; default 35 s for the client's 30 s. */
  submitDeadlineMs?: number;
  now?: () => number;
  /**
   * Told of every state change the lifecycle table refused (a late answer racing a cancel, say);
   * the change is dropped. Tests use it to prove no step ever asks for an illegal move.
   */
  onRefusedTransition?: (error: IllegalTransitionError) => void;
  /**
   * Subscribed from the first moment, so it hears what `subscribe` after `open` cannot: notices
   * raised while opening (a damaged job list set aside) and the updates of resuming jobs.
   */
  onEvent?: (event: EngineEvent) => void;
  /**
   * Stop trying when nothing moves forward for this long (the command's --give-up-after); the
   * status says so and every job keeps its state. Without it (the app), the engine keeps trying.
   */
  giveUpAfterMs?: number;
  /** While pyannoteAI cannot be reached, one cheap request this often notices its return. */
  offlineProbeMs?: number;
  /**
   * Preparing recordings on this computer (only the sound sent, made to fit); `false` sends every
   * recording as it is, as before. Defaults: plain Node's capabilities (no WebCodecs), the real
   * planner and preparer, fs.statfs for free space.
   */
  prepare?: PrepareSetup | false;
  /**
   * Told once when a job's result was saved and the job became "succeeded" (the app writes its
   * automatic exports then); not told for results found again on start or reused by a duplicate.
   */
  onResultSaved?: (job: JobRecord) => void;
  /**
   * The known voices (the voice library's `voiceprints`): read when an identification job is
   * sent, and for the names of its result. Without it, a job that recognises voices fails in
   * plain words ("Known voices are not available here").
   */
  voiceprints?: VoiceprintLookup;
}

export type { VoiceprintLookup } from './context';

export interface PrepareSetup {
  capabilities?: PrepareCapabilities;
  plan?: (info: RecordingInfo, caps: PrepareCapabilities) => PreparePlan;
  run?: RunPreparation;
  freeBytes?: (dir: string) => Promise<number>;
}

const PREFLIGHT_CONCURRENCY = 4;
/**
 * The service allows 100 requests per minute per team. Our steady 56 plus a burst of 3 keeps
 * every 60-second window at 59 or fewer, leaving the rest of the team's budget to others.
 */
const DEFAULT_REQUESTS_PER_MINUTE = 56;
const BUDGET_BURST = 3;

export class JobEngine {
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly uploads = new Map<string, AbortController>();
  private readonly cancelRequested = new Set<string>();
  private readonly stopping = new AbortController();
  private readonly ctx: EngineContext;
  private readonly tracker: Tracker;
  private readonly uploader: Uploader;
  private readonly budget: RateBudget;
  private readonly results: ResultsRepository;
  private readonly unwatchRateLimit: (() => void) | undefined;
  private readonly now: () => number;
  private statusValue: EngineStatus = { offline: false };
  /**
   * Batches whose end was announced: several jobs that end in the same step each see the batch
   * finished, and the person gets one notification, not one per job. A job that starts again
   * (Retry) takes its batch out, so its new end is announced.
   */
  private readonly announcedBatches = new Set<string>();
  private submitting: string | undefined;
  private readonly uploadGate: BackoffGate;
  private readonly submitGate: BackoffGate;
  /** Ends the uploader's waits between attempts when the network comes back. */
  private readonly recoveryWake = new RecoveryWake();
  private apiTrouble: ApiTrouble | undefined;
  private storageTrouble: StorageTrouble | undefined;
  private rateLimitedUntil = 0;
  private probeTimer: NodeJS.Timeout | undefined;
  private probeNextAt: number | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private readonly watchdog: ProgressWatchdog | undefined;
  /** The last problem seen, for the give-up message. */
  private lastTrouble: string | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  /** Writes results, and writes them again when the disk refused (full, no access). */
  private readonly saver: ResultSaver;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private uploadConcurrency: number | undefined;
  private readonly preparer: Preparer | undefined;
  private readonly check: (path: string) => Promise<PreflightResult>;

  private constructor(
    private readonly options: EngineOptions,
    private readonly store: JobStore,
    private readonly releaseLock: ReleaseLock,
  ) {
    if (options.onEvent) this.listeners.add(options.onEvent);
    this.now = options.now ?? Date.now;
    const prepare = options.prepare === false ? undefined : (options.prepare ?? {});
    this.preparer = prepare
      ? new Preparer({
          dataDir: options.dataDir,
          run: prepare.run ?? prepareRecording,
          ...(prepare.freeBytes ? { freeBytes: prepare.freeBytes } : {}),
        })
      : undefined;
    const planning = prepare && {
      plan: prepare.plan ?? planPreparation,
      capabilities: prepare.capabilities ?? { webCodecs: false },
    };
    this.check =
      options.preflight ?? ((path) => checkRecording(path, planning ? { prepare: planning } : {}));
    this.results = new ResultsRepository(options.dataDir, (id) => store.get(id) !== undefined);
    this.uploadGate = new BackoffGate(this.now);
    this.submitGate = new BackoffGate(this.now);
    this.saver = new ResultSaver({
      dataDir: options.dataDir,
      now: this.now,
      onSaveFailed: (reason) =>
        this.emit({
          type: 'notice',
          kind: 'save-failed',
          ...noticeInfo('notices.saveFailed', {}, reason),
        }),
    });
    if (options.giveUpAfterMs !== undefined) {
      this.watchdog = new ProgressWatchdog({
        limitMs: options.giveUpAfterMs,
        now: this.now,
        hasWork: () => !this.closed && this.store.all().some((job) => !isFinalState(job.state)),
        giveUp: (idleMs) => this.giveUp(idleMs),
      });
    }
    const perMinute = options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
    this.budget = new RateBudget({
      perMinute,
      burst: BUDGET_BURST,
      now: this.now,
      ...(options.teamPacing !== undefined ? { team: options.teamPacing } : {}),
    });
    // The limit is per team: other computers on this key show in every answer's headers.
    this.unwatchRateLimit = options.client.watchRateLimit?.((info) => this.budget.observe(info));
    this.ctx = {
      dataDir: options.dataDir,
      store,
      client: options.client,
      budget: this.budget,
      now: this.now,
      startedAtMs: this.now(),
      submitDeadlineMs: options.submitDeadlineMs ?? 35_000,
      update: (id, patch) => this.update(id, patch),
      api: (priority, call, signal) => this.api(priority, call, signal),
      block: (error) => this.block(error),
      isBlocked: () => this.statusValue.blocked !== undefined,
      kick: () => this.kick(),
      recordHash: (id, hash) => this.recordHash(id, hash),
      ...(options.voiceprints ? { voiceprints: options.voiceprints } : {}),
    };
    // Upload links come through the same budget: they count against the team's limit too.
    const budgetedClient: Pick<PyannoteClient, 'createUploadUrl'> = {
      createUploadUrl: (mediaUrl, signal) =>
        this.api(PRIORITY.upload, () => options.client.createUploadUrl(mediaUrl, signal), signal),
    };
    this.uploader =
      options.uploader ??
      createUploader({
        client: budgetedClient,
        ...(options.agentsFor ? { agentsFor: options.agentsFor } : {}),
      });
    this.tracker = new Tracker(
      this.ctx,
      {
        finish: (record, job) => this.finish(record.id, job),
        lost: (record) => this.fail(record.id, serviceLostJob(record.serviceJobId ?? '?')),
        progressed: (record, status, createdAt) =>
          this.serviceProgressed(record.id, status, createdAt),
        setOffline: (offline) => {
          if (!offline) this.apiRecovered();
          else if (!this.apiTrouble) this.apiFailed('service');
        },
        isSaving: (id) => this.saver.isSaving(id),
      },
      { ...DEFAULT_TRACKER_OPTIONS, budgetPerMinute: perMinute, ...options.tracking },
    );
  }

  /** Opens the data folder (one process at a time), loads the job list and resumes every job. */
  static async open(options: EngineOptions): Promise<JobEngine> {
    const lockedAt = Date.now();
    const release = await lockDataDir(options.dataDir);
    // Raised before the engine exists; told to options.onEvent as soon as it does.
    const openingNotices: StoreNotice[] = [];
    let engine: JobEngine | undefined;
    try {
      // A crash between writing a temporary file and renaming it leaves the temporary file.
      await removeStrayTempFiles(options.dataDir, lockedAt);
      const store = await JobStore.open(options.dataDir, {
        onNotice: (notice) => openingNotices.push(notice),
        onSaveError: (error) => {
          const { message, key, params } = toErrorInfo(error);
          engine?.saver.report({ message, ...(key ? { key } : {}), ...(params ? { params } : {}) });
        },
      });
      // Prepared files of jobs that are done (or gone), and halves a crash left while preparing.
      await removeUnusedPreparedFiles(options.dataDir, preparedFilesInUse(store.all()));
      engine = new JobEngine(options, store, release);
    } catch (error) {
      await release();
      throw error;
    }
    for (const notice of openingNotices)
      engine.emit({
        type: 'notice',
        kind: notice.kind,
        ...noticeInfo('notices.jobListSetAside', { movedTo: notice.movedTo }),
      });
    try {
      await engine.resume();
    } catch (error) {
      // E.g. the job list cannot be saved: do not keep the folder locked by an engine nobody holds.
      await engine.close();
      throw error;
    }
    return engine;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): JobRecord[] {
    return this.store.all();
  }

  /**
   * The check a job would get, before any job exists: the batch panel shows each file's length,
   * what is wrong with it, or what is sent instead of it, while the person chooses the options.
   */
  checkFiles(paths: readonly string[]): Promise<PreflightResult[]> {
    return mapInOrder(paths, PREFLIGHT_CONCURRENCY, this.check);
  }

  get(id: string): JobRecord | undefined {
    return this.store.get(id);
  }

  status(): EngineStatus {
    return this.statusValue;
  }

  /**
   * Adds recordings as one batch; each is checked before anything leaves the machine. A copy of
   * a recording already under way or done with the same options is not sent again (see
   * duplicates.ts) unless `rerun` says the person asked to run it again.
   */
  async add(
    paths: string[],
    options: DiarizeOptions = DEFAULT_DIARIZE_OPTIONS,
    extra: { rerun?: boolean; runOf?: string } = {},
  ): Promise<JobRecord[]> {
    this.assertOpen();
    const batchId = randomUUID();
    const stamp = new Date(this.now()).toISOString();
    const records = paths.map((path): JobRecord => {
      const absolute = resolve(path);
      return {
        id: randomUUID(),
        revision: 1,
        batchId,
        createdAt: stamp,
        updatedAt: stamp,
        state: 'checking',
        source: { path: absolute, name: basename(absolute), sizeBytes: 0, mtimeMs: 0 },
        options,
        ...(extra.rerun ? { rerun: true } : {}),
        ...(extra.runOf ? { runOf: extra.runOf } : {}),
      };
    });
    // Announced as they are put, before the save: a check that starts during the save (another
    // job's kick) must not announce "waiting" before this "checking".
    for (const record of records) {
      this.store.put(record);
      this.emit({ type: 'job', job: record });
    }
    await this.store.flush();
    this.kick();
    return records;
  }

  /**
   * Makes a run the recording's result: the first run of the recording records which one, so the
   * job list shows that one and the others stay listed as runs.
   */
  async chooseRun(id: string): Promise<JobRecord | undefined> {
    this.assertOpen();
    const job = this.store.get(id);
    if (!job) return undefined;
    const first = this.store.get(job.runOf ?? job.id);
    if (!first) return undefined;
    const chosen = this.update(first.id, { chosenRun: first.id === id ? undefined : id });
    await this.store.flush();
    return chosen;
  }

  /**
   * A recording's first run was removed: its oldest other run becomes the first, so the rest stay
   * one recording's runs, and the choice of result stays as it was (unless it was the removed run).
   */
  private relinkRuns(removed: JobRecord): void {
    const [next, ...rest] = this.store.all().filter((job) => job.runOf === removed.id);
    if (!next) return;
    const chosen = removed.chosenRun;
    const keep = chosen && chosen !== next.id && this.store.get(chosen) ? chosen : undefined;
    this.update(next.id, { runOf: undefined, chosenRun: keep });
    for (const other of rest) this.update(other.id, { runOf: next.id });
  }

  /** Stops a job: an upload at once (file closed); a job the service runs is no longer followed. */
  async cancel(id: string): Promise<JobRecord | undefined> {
    const job = this.store.get(id);
    if (!job || isFinalState(job.state)) return job;
    if (job.state === 'uploading') {
      this.cancelRequested.add(id);
      this.uploads.get(id)?.abort();
      return job;
    }
    if (job.state === 'submitting' && this.submitting === id) {
      // The request may already be at the service: its answer decides what is recorded.
      this.cancelRequested.add(id);
      return job;
    }
    const atService = job.state === 'queued' || job.state === 'processing';
    this.move(id, 'canceled', atService ? jobNote('notes.canceledAtService') : {});
    await this.store.flush();
    this.afterFinal(id);
    return this.store.get(id);
  }

  /** Runs a failed or canceled job again, without uploading again when the upload is still usable. */
  async retry(id: string): Promise<JobRecord | undefined> {
    this.assertOpen();
    const job = this.store.get(id);
    if (!job || (job.state !== 'failed' && job.state !== 'canceled')) return job;
    const base: JobPatch = {
      error: undefined,
      ...NO_NOTE,
      warning: undefined,
      finishedAt: undefined,
      duplicateOf: undefined,
      relocatedAt: undefined,
    };
    let state: JobState;
    if (job.state === 'canceled' && job.serviceJobId && !job.resultFile) {
      // The service kept running it; following it again costs nothing.
      state = 'queued';
    } else if (
      !job.sha256 ||
      job.error?.code === 'unsupported-file' ||
      job.error?.code === 'source-changed' ||
      job.error?.code === 'source-missing'
    ) {
      state = 'checking';
      Object.assign(base, {
        sha256: undefined,
        mediaUrl: undefined,
        preparation: undefined,
        prepared: undefined,
        serviceJobId: undefined,
        serviceStatus: undefined,
        serviceCreatedAt: undefined,
        submitIntent: undefined,
      });
    } else {
      state = uploadStillUsable(this.ctx, job.mediaUrl) ? 'submitting' : 'waiting';
      Object.assign(base, {
        serviceJobId: undefined,
        serviceStatus: undefined,
        serviceCreatedAt: undefined,
        submitIntent: undefined,
      });
    }
    this.move(id, state, base);
    await this.store.flush();
    this.kick();
    return this.store.get(id);
  }

  /**
   * Points a finished job at its recording's new place, after the file was moved or renamed,
   * when the chosen file is the same recording: the same content (its SHA-256) when the job
   * hashed the file itself, else the same size and length (a prepared job hashed what it sent,
   * not the file). Playback and Retry use the new place from then on. Any other file changes
   * nothing and is refused in words that say so.
   */
  async relocate(id: string, path: string): Promise<JobRecord> {
    this.assertOpen();
    const job = this.store.get(id);
    if (!job)
      throw new DiaristError('not-found', 'This job no longer exists.', { key: 'calls.jobGone' });
    if (!isFinalState(job.state)) {
      throw new DiaristError(
        'invalid-request',
        'This job is still under way. Its recording can be located once it has finished or stopped.',
        { key: 'locate.underWay' },
      );
    }
    const absolute = resolve(path);
    const checked = await this.check(absolute);
    const notSame = () =>
      new DiaristError(
        'invalid-request',
        'This is not the same recording: its content differs from the one this job was made for. Choose the file that was moved or renamed; nothing was changed.',
        { key: 'locate.notSame' },
      );
    if (!checked.ok) throw notSame();
    const { info } = checked;
    // Measured by the job's own check (a file missing from the start was never measured).
    const measured = job.source.mtimeMs !== 0;
    if (measured && info.sizeBytes !== job.source.sizeBytes) throw notSame();
    if (job.sha256 !== undefined && !job.preparation && !job.prepared) {
      const { sha256 } = await hashFile(absolute);
      if (sha256 !== job.sha256) throw notSame();
    } else if (
      measured &&
      job.source.durationSeconds !== undefined &&
      Math.abs(info.durationSeconds - job.source.durationSeconds) > 0.05
    ) {
      throw notSame();
    }
    const current = this.store.get(id);
    if (!current || !isFinalState(current.state)) throw notSame();
    const next = this.update(id, {
      source: {
        path: absolute,
        name: basename(absolute),
        sizeBytes: info.sizeBytes,
        mtimeMs: info.mtimeMs,
        durationSeconds: info.durationSeconds,
        container: info.container,
      },
      relocatedAt: new Date(this.now()).toISOString(),
    });
    await this.store.flush();
    return next ?? current;
  }

  /** Deletes a job's record and, when asked, its saved result. */
  async remove(id: string, options: { deleteResult?: boolean } = {}): Promise<boolean> {
    const job = this.store.get(id);
    if (!job) return false;
    if (!isFinalState(job.state)) {
      this.cancelRequested.add(id);
      this.uploads.get(id)?.abort();
    }
    this.store.delete(id);
    this.relinkRuns(job);
    await this.store.flush();
    if (job.prepared)
      await removePreparedIfUnused(this.options.dataDir, job.prepared.file, this.store.all());
    if (options.deleteResult) await deleteResult(this.options.dataDir, id);
    this.emit({ type: 'removed', id });
    return true;
  }

  async getResult(id: string): Promise<SavedResult | undefined> {
    return this.results.get(id);
  }

  /** Names a speaker; every export uses the name from then on. An empty name goes back to the default. */
  renameSpeaker(id: string, label: string, name: string): Promise<SavedResult> {
    return this.results.renameSpeaker(id, label, name);
  }

  exportJob(
    id: string,
    format: ExportFormat,
    words?: ExportWords,
  ): Promise<{ fileName: string; content: string | Uint8Array }> {
    return this.results.export(id, format, words);
  }

  /** A note on a finished job (what became of its automatic exports); its state stays. */
  noteJob(id: string, note: ReturnType<typeof jobNote>): void {
    if (this.store.get(id)?.state === 'succeeded') this.update(id, { ...NO_NOTE, ...note });
  }

  /** The key or subscription was fixed: resume the work that waited for it. */
  unblock(): void {
    if (!this.statusValue.blocked) return;
    this.setStatus({ ...this.statusValue, blocked: undefined });
    this.kick();
  }

  /**
   * Uploads at the same time, changed while running (the setting applies at once): more start
   * now if slots opened; when lowered, running uploads finish and no new one starts until fewer run.
   */
  setUploadConcurrency(count: number): void {
    this.uploadConcurrency = count;
    this.kick();
  }

  /** Resolves when every job is final, or when work is blocked on the person. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops all work; jobs under way resume from their recorded state on the next open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.wakeTimer);
    clearTimeout(this.probeTimer);
    clearTimeout(this.statusTimer);
    this.watchdog?.stop();
    this.stopping.abort();
    for (const controller of this.uploads.values()) controller.abort();
    this.tracker.stop();
    this.unwatchRateLimit?.();
    this.budget.close();
    this.saver.close();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    // Let aborted steps settle so that no file handle stays open after close.
    const deadline = Date.now() + 5_000;
    while ((this.uploads.size > 0 || this.submitting) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    await this.store.close().catch(() => undefined);
    await this.releaseLock();
  }

  // ——— internals ———

  private async resume(): Promise<void> {
    // Uploads pyannoteAI no longer keeps are of no use: forgotten, so jobs.json does not grow
    // with every recording ever sent.
    this.store.pruneUploads(this.now() - UPLOAD_REUSE_WINDOW_MS);
    for (const job of this.store.all()) {
      if (job.state === 'uploading') this.move(job.id, 'waiting', { progress: undefined });
      if ((job.state === 'queued' || job.state === 'processing') && job.serviceJobId) {
        const saved = await readResult(this.options.dataDir, job.id);
        // Saved just before a crash, but not yet recorded: adopt it instead of fetching again.
        if (saved)
          this.move(job.id, 'succeeded', {
            resultFile: `results/${job.id}.json`,
            finishedAt: saved.savedAt,
          });
      }
    }
    await this.store.flush();
    this.kick();
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not stop the engine.
      }
    }
  }

  /** Changes a job's state: the one way to do it, checked against the lifecycle table. */
  private move(id: string, to: JobState, patch: JobPatch = {}): JobRecord | undefined {
    const current = this.store.get(id);
    if (!current) return undefined;
    try {
      checkTransition(current, to);
    } catch (error) {
      if (!(error instanceof IllegalTransitionError)) throw error;
      this.options.onRefusedTransition?.(error);
      return undefined;
    }
    if (movesForward(current.state, to)) this.watchdog?.progressed();
    if (!isFinalState(to)) this.announcedBatches.delete(current.batchId);
    return this.write(current, { ...patch, state: to });
  }

  /** Changes a job's other fields (notes, progress, hashes); never its state. */
  private update(id: string, patch: JobPatch): JobRecord | undefined {
    const current = this.store.get(id);
    if (!current) return undefined;
    return this.write(current, patch);
  }

  private write(current: JobRecord, patch: Partial<JobRecord>): JobRecord {
    const onlyLive = Object.keys(patch).every((key) => key === 'progress');
    if (patch.progress)
      this.watchdog?.bytes(`${current.id}:${patch.progress.phase}`, patch.progress.doneBytes);
    // A field patched to undefined is removed, so records on disk carry no empty keys.
    const next = Object.fromEntries(
      Object.entries({ ...current, ...patch }).filter(([, value]) => value !== undefined),
    ) as unknown as JobRecord;
    next.revision = (current.revision ?? 0) + 1;
    if (!onlyLive) next.updatedAt = new Date(this.now()).toISOString();
    this.store.put(next, !onlyLive);
    this.emit({ type: 'job', job: next });
    return next;
  }

  private setStatus(status: EngineStatus): void {
    const previous = this.statusValue;
    const next: EngineStatus = {
      ...(status.blocked ? { blocked: status.blocked } : {}),
      offline: status.offline,
      ...(status.waits && status.waits.length > 0 ? { waits: status.waits } : {}),
      ...(status.gaveUp ? { gaveUp: status.gaveUp } : {}),
    };
    const same =
      next.offline === previous.offline &&
      next.blocked?.code === previous.blocked?.code &&
      next.gaveUp === previous.gaveUp &&
      sameWaits(next.waits ?? [], previous.waits ?? []);
    this.statusValue = next;
    if (!same) this.emit({ type: 'status', status: this.statusValue });
    if (next.blocked || next.gaveUp) this.resolveIdleIfNeeded();
  }

  /** Recomputes what work waits for (and when it will try again), and tells listeners of a change. */
  private refreshStatus(): void {
    if (this.closed) return;
    const now = this.now();
    const waits = describeWaits({
      now,
      rateLimitedUntil: this.rateLimitedUntil,
      ...(this.apiTrouble
        ? {
            api: {
              cause: this.apiTrouble,
              retryAt:
                this.probeNextAt ??
                (this.submitGate.opensAt() > now ? this.submitGate.opensAt() : undefined),
            },
          }
        : {}),
      ...(this.storageTrouble
        ? {
            storage: {
              cause: this.storageTrouble,
              retryAt: this.uploadGate.opensAt() > now ? this.uploadGate.opensAt() : undefined,
            },
          }
        : {}),
      jobs: this.store.all(),
    });
    const offline = this.apiTrouble !== undefined || this.storageTrouble === 'offline';
    this.setStatus({ ...this.statusValue, offline, waits });
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    const next = Math.min(
      ...waits.map((wait) => wait.untilMs ?? Infinity).filter((until) => until > now),
    );
    if (next !== Infinity)
      this.statusTimer = setTimeout(() => this.refreshStatus(), next - now + 20);
  }

  /** A request to pyannoteAI failed in a way that passes (no connection, or trouble on its side). */
  private apiFailed(cause: ApiTrouble, message?: string): void {
    if (message) this.lastTrouble = message;
    if (this.apiTrouble !== 'offline' || cause === 'offline') this.apiTrouble = cause;
    if (this.apiTrouble === 'offline') this.startProbe();
    this.refreshStatus();
  }

  /**
   * A request to pyannoteAI succeeded. After a lost connection, everything that backed off
   * (uploads, submits, status polls, the uploader between attempts) goes on at once: waiting out
   * a backoff that grew during the outage would leave work idle long after the network is back.
   * Trouble on the service's side clears without that: one endpoint working says little of another.
   */
  private apiRecovered(): void {
    const was = this.apiTrouble;
    if (!was) return;
    this.apiTrouble = undefined;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.probeNextAt = undefined;
    if (was === 'offline') {
      this.storageTrouble = undefined;
      this.uploadGate.reset();
      this.submitGate.reset();
      this.tracker.recover();
      this.recoveryWake.wakeAll();
    }
    this.kick();
  }

  /** While pyannoteAI cannot be reached, one cheap request every few seconds notices its return. */
  private startProbe(): void {
    if (this.probeTimer || this.closed || this.apiTrouble !== 'offline') return;
    if (!this.store.all().some((job) => !isFinalState(job.state))) return;
    const interval = this.options.offlineProbeMs ?? 2_000;
    this.probeNextAt = this.now() + interval;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.closed || this.apiTrouble !== 'offline') return;
      const signal = this.stopping.signal;
      void this.api(PRIORITY.poll, () => this.options.client.listJobs({ limit: 1 }, signal), signal)
        .catch(() => undefined)
        .finally(() => this.startProbe());
    }, interval);
  }

  /** The upload step failed for a reason that passes: note whether storage (not the API) was the cause. */
  private uploadTrouble(error: DiaristError): void {
    this.lastTrouble = error.message;
    if (!isStorageError(error)) return; // the API's own failures are noted by api()
    this.storageTrouble = classifyError(error) === 'offline' ? 'offline' : 'refused';
    this.refreshStatus();
  }

  /** Nothing moved forward for too long: stop trying and say so; every job keeps its state. */
  private giveUp(idleMs: number): void {
    const minutes = Math.round(idleMs / 60_000);
    const span = minutes >= 1 ? `${minutes} min` : `${Math.max(1, Math.round(idleMs / 1000))} s`;
    const waits = this.statusValue.waits?.map((wait) => wait.message).join(' ');
    const cause = waits || this.lastTrouble;
    this.setStatus({
      ...this.statusValue,
      gaveUp: {
        idleMs,
        message: `Nothing moved forward for ${span}, so Diarist stopped trying.${cause ? ` The last problem: ${cause}` : ''} Nothing was lost: every recording keeps its place, and running again continues.`,
      },
    });
  }

  private block(error: ErrorInfo): void {
    this.setStatus({ ...this.statusValue, blocked: error });
  }

  private async api<T>(
    priority: Priority,
    call: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    for (;;) {
      await this.budget.acquire(priority, signal ?? this.stopping.signal);
      try {
        const value = await call();
        this.apiRecovered();
        return value;
      } catch (error) {
        if (isDiaristError(error) && error.code === 'rate-limited') {
          const waitMs = error.retryAfterMs ?? 60_000;
          this.budget.pause(waitMs);
          this.rateLimitedUntil = Math.max(this.rateLimitedUntil, this.now() + waitMs);
          this.refreshStatus();
          continue;
        }
        if (isDiaristError(error)) {
          const kind = classifyError(error);
          if (kind === 'blocking') this.block(error.toInfo());
          else if (error.retryable && !this.closed)
            this.apiFailed(kind === 'offline' ? 'offline' : 'service', error.message);
        }
        throw error;
      }
    }
  }

  private assertOpen(): void {
    if (this.closed)
      throw new DiaristError('canceled', 'Diarist is shutting down.', {
        key: 'other.shuttingDown',
      });
  }

  /** Every job is final, or work is blocked on the person and nothing is still under way. */
  private isIdle(): boolean {
    if (this.statusValue.gaveUp) return true;
    if (this.statusValue.blocked)
      return this.uploads.size === 0 && !this.submitting && this.checks.size === 0;
    return this.store.all().every((job) => isFinalState(job.state));
  }

  private resolveIdleIfNeeded(): void {
    if (this.idleWaiters.length > 0 && this.isIdle())
      for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Looks for work to start. Cheap; called after every change that may free or create work. */
  private kick(): void {
    if (this.closed) return;
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    const jobs = this.list();
    this.checks.fill(jobs.filter((job) => job.state === 'checking').map((job) => job.id));
    const blocked = this.statusValue.blocked !== undefined || this.statusValue.gaveUp !== undefined;
    const now = this.now();
    let wakeAt = Infinity;
    if (!blocked) {
      const concurrency = Math.max(
        1,
        this.uploadConcurrency ?? this.options.uploadConcurrency ?? 2,
      );
      if (this.uploadGate.isOpen()) {
        for (const job of jobs) {
          if (this.uploads.size >= concurrency) break;
          if (job.state === 'waiting') this.startUpload(job.id);
        }
      } else if (jobs.some((job) => job.state === 'waiting')) {
        wakeAt = Math.min(wakeAt, this.uploadGate.opensAt());
      }
      if (!this.submitting) {
        const next = jobs.find((job) => job.state === 'submitting');
        if (next && this.submitGate.isOpen()) void this.runSubmit(next.id);
        else if (next) wakeAt = Math.min(wakeAt, this.submitGate.opensAt());
      }
      if (this.apiTrouble === 'offline') this.startProbe();
      if (this.tracker.tracked().length > 0) this.tracker.wake(0);
    }
    if (wakeAt !== Infinity)
      this.wakeTimer = setTimeout(() => this.kick(), Math.max(10, wakeAt - now));
    this.refreshStatus();
    this.resolveIdleIfNeeded();
  }

  private readonly checks = new PreflightQueue(
    PREFLIGHT_CONCURRENCY,
    (id) => this.runCheck(id),
    () => this.kick(),
  );

  /** One job's check on this computer; the queue runs it and looks for more work after it. */
  private async runCheck(id: string): Promise<void> {
    try {
      const job = this.store.get(id);
      if (!job) return;
      const result = await this.check(job.source.path);
      // Voices to recognise are looked for now too, so a job with none left is not uploaded for
      // nothing; they are read again when it is sent (see submit-step.ts).
      const voices =
        result.ok && job.options.recognise
          ? await voicesToSend(this.options.voiceprints, job.options.recognise.voiceIds)
          : undefined;
      const current = this.store.get(id);
      if (!current || current.state !== 'checking') return;
      if (result.ok) {
        const { info } = result;
        const source = {
          path: current.source.path,
          name: current.source.name,
          sizeBytes: info.sizeBytes,
          mtimeMs: info.mtimeMs,
          durationSeconds: info.durationSeconds,
          container: info.container,
        };
        if (voices && !voices.ok) {
          this.fail(id, voices.error.toInfo(), { source });
          return;
        }
        this.move(id, 'waiting', {
          source,
          preparation: result.preparation
            ? {
                action: result.preparation.action,
                recipe: result.preparation.recipe,
                estimatedBytes: result.preparation.estimatedBytes,
              }
            : undefined,
        });
      } else {
        const code =
          result.reason === 'not-found'
            ? 'source-missing'
            : result.reason === 'unreadable'
              ? 'source-unreadable'
              : 'unsupported-file';
        this.fail(
          id,
          {
            code,
            message: result.message,
            key: result.key,
            ...(result.params ? { params: result.params } : {}),
            retryable: false,
            ...(result.detail ? { detail: result.detail } : {}),
          },
          // The row and Copy diagnostics show the file's real size, not 0, even when it is refused.
          result.file ? { source: { ...current.source, ...result.file } } : {},
        );
      }
    } catch (error) {
      this.fail(id, toErrorInfo(error));
    }
  }

  private startUpload(id: string): void {
    const controller = new AbortController();
    this.uploads.set(id, controller);
    const job = this.move(id, 'uploading', NO_NOTE);
    if (!job) return;
    void (async () => {
      try {
        const outcome = await runUploadStep(
          this.ctx,
          this.uploader,
          job,
          AbortSignal.any([controller.signal, this.stopping.signal]),
          (error, attempt) => {
            this.update(
              id,
              jobNote(
                isStorageError(error) ? 'notes.retryingStorage' : 'notes.retryingConnection',
                { attempt },
              ),
            );
            this.uploadTrouble(error);
          },
          this.recoveryWake.sleep,
          this.preparer,
        );
        this.uploadGate.succeed();
        if (this.storageTrouble) {
          this.storageTrouble = undefined;
          this.refreshStatus();
        }
        if (outcome) this.markDuplicate(id, outcome.duplicateOf);
        else this.move(id, 'submitting', { progress: undefined, ...NO_NOTE });
      } catch (error) {
        this.uploadFailed(id, error);
      } finally {
        this.uploads.delete(id);
        this.kick();
      }
    })();
  }

  private uploadFailed(id: string, error: unknown): void {
    const failure = isDiaristError(error) ? error : undefined;
    if (this.cancelRequested.delete(id)) {
      this.move(id, 'canceled', { progress: undefined });
      this.afterFinal(id);
      return;
    }
    if (this.closed || failure?.code === 'canceled') {
      this.move(id, 'waiting', { progress: undefined });
      return;
    }
    // Blocked on the person, offline, or a passing failure: the job waits instead of failing.
    if (this.statusValue.blocked || (failure && classifyError(failure) !== 'final')) {
      this.uploadGate.fail();
      this.move(id, 'waiting', {
        progress: undefined,
        ...(failure && !this.statusValue.blocked
          ? jobNote('notes.uploadRetried', {}, toErrorInfo(failure))
          : {}),
      });
      if (failure) this.uploadTrouble(failure);
      return;
    }
    this.fail(id, toErrorInfo(error));
  }

  private async runSubmit(id: string): Promise<void> {
    const job = this.store.get(id);
    if (!job) return;
    // Checked again here, the one place jobs are sent (one at a time): a retried or resumed job
    // whose recording another job has meanwhile sent or finished is not sent a second time. An
    // intent already written may have reached the service, so that job is looked up as before.
    const original = job.submitIntent ? undefined : findOriginal(this.store.all(), job);
    if (original) {
      this.markDuplicate(id, original);
      this.kick();
      return;
    }
    this.submitting = id;
    try {
      const outcome = await runSubmitStep(this.ctx, job, this.stopping.signal);
      const canceledMeanwhile = this.cancelRequested.delete(id);
      if (outcome.kind === 'submitted') {
        this.submitGate.succeed();
        const state: JobState = canceledMeanwhile
          ? 'canceled'
          : outcome.status === 'running'
            ? 'processing'
            : 'queued';
        this.move(id, state, {
          serviceJobId: outcome.serviceJobId,
          serviceStatus: outcome.status,
          submitIntent: undefined,
          ...(outcome.warning ? { warning: outcome.warning } : {}),
          ...(canceledMeanwhile ? jobNote('notes.canceledAtService') : {}),
        });
        // A failed save is reported and retried by the store; should Diarist stop before it
        // succeeds, the saved intent makes the next start find this job instead of sending it again.
        await this.store.flush().catch(() => undefined);
        if (canceledMeanwhile) this.afterFinal(id);
        else this.tracker.wake(0);
      } else if (outcome.kind === 'unconfirmed') {
        this.fail(id, submitUnconfirmed(outcome.candidates), { submitIntent: undefined });
      } else {
        const { error } = outcome;
        if (canceledMeanwhile) {
          this.move(id, 'canceled', { submitIntent: undefined });
          this.afterFinal(id);
        } else if (error.code === 'invalid-request') {
          this.fail(id, error.toInfo(), { submitIntent: undefined });
        } else {
          // Key, subscription or network: nothing was created; the job waits its turn again.
          this.update(id, { submitIntent: undefined });
          // After a lookup (itself a few seconds' wait) it goes again at once; otherwise it backs off.
          if (error.retryable && !outcome.lookedUp) this.submitGate.fail();
        }
      }
    } catch {
      // Stopping, or the lookup itself failed: the recorded intent makes the next attempt look first.
      // (A failed request already told api(), which notes the lost connection.)
      if (!this.closed) this.submitGate.fail();
    } finally {
      this.submitting = undefined;
      this.kick();
    }
  }

  /** Records the hash and decides, in one synchronous step, whether the job copies another. */
  private recordHash(
    id: string,
    hash: { sha256: string; mediaUrl: string },
  ): JobRecord | undefined {
    const current = this.store.get(id);
    if (!current) return undefined;
    const original = findOriginal(this.store.all(), { ...current, ...hash });
    this.update(id, { ...hash, ...(original ? { duplicateOf: original.id } : {}) });
    return original;
  }

  /** Not sent: the same recording with the same options is another job's (the note says whose). */
  private markDuplicate(id: string, original: JobRecord): void {
    this.cancelRequested.delete(id);
    this.move(id, 'canceled', {
      duplicateOf: original.id,
      ...duplicateNote(original),
      progress: undefined,
      submitIntent: undefined,
    });
    this.afterFinal(id);
  }

  /** The service still has the job (pending or running): follow what it says, never backwards. */
  private serviceProgressed(id: string, status: string, createdAt: string | undefined): void {
    const current = this.store.get(id);
    if (!current) return;
    const patch: JobPatch = {};
    if (current.serviceStatus !== status) patch.serviceStatus = status;
    if (createdAt && !current.serviceCreatedAt) patch.serviceCreatedAt = createdAt;
    // The service confirms it has the job: that is progress, even while its state stays the same.
    this.watchdog?.progressed();
    const state: JobState = status === 'running' ? 'processing' : 'queued';
    // An older list page can still say "pending" for a job already seen running.
    const backwards = current.state === 'processing' && state === 'queued';
    if (current.state === state || backwards) {
      if (Object.keys(patch).length > 0)
        this.update(id, backwards ? { ...patch, serviceStatus: current.serviceStatus } : patch);
      return;
    }
    this.move(id, state, patch);
  }

  /** The service finished the job: save its result (or its failure) the moment it is known. */
  private async finish(id: string, job: ServiceJob): Promise<void> {
    const record = this.store.get(id);
    if (!record || isFinalState(record.state)) {
      this.saver.forget(id);
      return;
    }
    const finishedAt = new Date(this.now()).toISOString();
    const status = job.status === 'cancelled' ? 'canceled' : job.status;
    if (status === 'succeeded') {
      if (job.output === undefined) {
        this.fail(id, resultExpired(job.jobId), { serviceStatus: status });
        return;
      }
      let voiceNames: Map<string, string> | undefined;
      if (record.options.recognise) {
        voiceNames = await voiceNamesForResult(this.options.voiceprints, record);
        // Reading the library took a moment: the job may have been canceled or removed meanwhile.
        const now = this.store.get(id);
        if (!now || isFinalState(now.state)) return;
      }
      let result: SavedResult;
      try {
        result = normalizeResult({
          jobId: id,
          serviceJobId: job.jobId,
          source: {
            name: record.source.name,
            sizeBytes: record.source.sizeBytes,
            ...(record.source.durationSeconds !== undefined
              ? { durationSeconds: record.source.durationSeconds }
              : {}),
          },
          options: record.options,
          ...(record.prepared ? { offsetSeconds: record.prepared.offsetSeconds } : {}),
          ...(job.updatedAt ? { completedAt: job.updatedAt } : {}),
          output: job.output,
          now: new Date(this.now()),
          ...(voiceNames ? { voiceNames } : {}),
        });
      } catch (error) {
        this.fail(id, toErrorInfo(error), { serviceStatus: status });
        return;
      }
      // Written before the record says "succeeded": a crash in between is healed on the next start.
      const saved = await this.saver.save(id, result, () => void this.finish(id, job));
      if (!saved.saved) {
        // The job and a notice say why it is not done yet; the saver writes it again by itself.
        const note = jobNote('notes.resultNotSaved', {}, saved.error);
        if (this.store.get(id)?.note !== note.note) this.update(id, note);
        return;
      }
      this.move(id, 'succeeded', {
        serviceStatus: status,
        resultFile: saved.resultFile,
        finishedAt,
        progress: undefined,
        ...NO_NOTE,
        ...(result.warning ? { warning: result.warning } : {}),
      });
      // The result is safe on disk; a failed save of the list is reported and retried by the
      // store (and a crash before then is healed on the next start from the result file).
      await this.store.flush().catch(() => undefined);
      const done = this.store.get(id);
      if (done?.state === 'succeeded') this.options.onResultSaved?.(done);
      this.afterFinal(id);
      return;
    }
    if (status === 'canceled') {
      this.move(id, 'canceled', {
        serviceStatus: status,
        finishedAt,
        ...jobNote('notes.canceledByService'),
      });
      await this.store.flush().catch(() => undefined); // reported and retried by the store
      this.afterFinal(id);
      return;
    }
    const output = job.output as { error?: unknown } | undefined;
    this.fail(
      id,
      serviceFailure(
        typeof output?.error === 'string' ? output.error : undefined,
        job.jobId,
        this.store.get(id)?.source,
      ),
      { serviceStatus: status, finishedAt },
    );
  }

  private fail(id: string, error: ErrorInfo, extra: JobPatch = {}): void {
    const job = this.store.get(id);
    if (!job || isFinalState(job.state)) return;
    this.move(id, 'failed', { ...extra, error, progress: undefined });
    this.afterFinal(id);
  }

  /**
   * Tells listeners when the last job of a batch became final. A copy merged into another job
   * (`duplicateOf`) ends with its original: its batch is not finished while the original still
   * runs, and it counts as the original's outcome, not as a canceled job.
   */
  private afterFinal(id: string): void {
    const job = this.store.get(id);
    if (!job) return;
    // Done with its prepared file (unless another job under way shares it): removed now.
    if (job.prepared)
      void removePreparedIfUnused(this.options.dataDir, job.prepared.file, this.store.all());
    const jobs = this.store.all();
    const batches = new Set([job.batchId]);
    for (const other of jobs) if (other.duplicateOf === id) batches.add(other.batchId);
    for (const batchId of batches) {
      const outcomes = jobs
        .filter((other) => other.batchId === batchId)
        .map((other) => this.outcomeOf(other));
      if (!outcomes.every((state) => state !== undefined)) continue;
      if (this.announcedBatches.has(batchId)) continue;
      this.announcedBatches.add(batchId);
      const count = (state: JobState) => outcomes.filter((other) => other === state).length;
      this.emit({
        type: 'batch-finished',
        batchId,
        succeeded: count('succeeded'),
        failed: count('failed'),
        canceled: count('canceled'),
      });
    }
    this.resolveIdleIfNeeded();
  }

  /** A final job's outcome for its batch (a copy's is its original's); undefined while under way. */
  private outcomeOf(job: JobRecord): JobState | undefined {
    if (!isFinalState(job.state)) return undefined;
    const original = job.duplicateOf ? this.store.get(job.duplicateOf) : undefined;
    if (!original) return job.state;
    return isFinalState(original.state) ? original.state : undefined;
  }
}
