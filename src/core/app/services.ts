/**
 * The app's operations behind the IPC contract, over the core services. Electron and the
 * browser preview wire real or stand-in ports (key store, settings, dialogs, desktop) into it.
 */

import {
  CHANNELS,
  PYANNOTE_LINKS,
  type AppInfo,
  type EngineStatusView,
  type JobView,
  type FileCheck,
  type PickedFile,
  type PushEvent,
} from '../../shared/ipc-contract';
import { batchProgress } from '../../shared/batch-progress';
import type { JobRecord } from '../../shared/jobs';
import { chosenRunOf, editsToCarry, namesToCarry, runGroupOf } from '../../shared/runs';
import { describePreparation } from '../../shared/job-status-text';
import type { PreflightResult } from '../media/preflight';
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { DiaristError } from '../errors';
import { jobNote } from '../jobs/notes';
import { ensureChosenDir, writeChosenFileAtomic } from '../storage/files';
import { oneAtATime } from '../storage/one-at-a-time';
import { basename, extname, join } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/result';
import { JobEngine, type EngineEvent, type VoiceprintLookup } from '../jobs/engine';
import { ResultsRepository } from '../results/repository';
import { createPyannoteClient, type PyannoteClient } from '../pyannote/client';
import { checkBatch, HashCache } from './batch-check';
import { FileRegistry } from './file-registry';
import type { Handlers } from './invoke';
import type { Desktop, Dialogs, KeyStore, SecretBox, SettingsStore } from './ports';
import { batchFinishedNotification } from './words';
import { exportWords } from '../exports/words';
import { resolveLanguage, type Language } from '../../shared/i18n/languages';
import type { Settings } from '../../shared/settings';
import { silentLogger, type Logger } from '../logging/logger';
import { engineEventLogger } from '../logging/engine-log';
import { buildDiagnostics } from '../logging/diagnostics';
import { openNetwork } from '../network/open';
import type { ResolveProxy } from '../network/proxy-route';
import { VOICE_LIBRARY_FILE, VoiceLibrary } from '../voices/library';
import { createVoiceService } from '../voices/service';
import { rememberVoice } from '../voices/remember';
import { createUploader } from '../upload/uploader';

export interface AppServicesOptions {
  dataDir: string;
  apiUrl: string;
  version: string;
  shell: AppInfo['shell'];
  keyStore: KeyStore;
  settings: SettingsStore;
  dialogs: Dialogs;
  desktop: Desktop;
  /**
   * Keeps the voice library encrypted (the keychain in the app, a key in memory in the preview).
   * Without one, voices cannot be saved here and the Voices page says so.
   */
  secretBox?: SecretBox;
  /** The support log; the composition root decides where it lives. */
  logger?: Logger;
  /**
   * Exact secrets the logger must remove, shared with it: the services add the API key here
   * when it is loaded or set.
   */
  knownSecrets?: string[];
  /** Runtime versions for diagnostics (process.versions in Node and Electron). */
  versions?: Record<string, string | undefined>;
  /** Overrides for tests (fast tracking, small budgets). */
  engineOptions?: Partial<Parameters<typeof JobEngine.open>[0]>;
  clientTimeoutMs?: number;
  /**
   * The system's proxy for a URL as a PAC-style answer (Electron's `session.resolveProxy`); with
   * it, the operating system's certificates are trusted too. Without it (preview, tests), the
   * environment's HTTPS_PROXY / NO_PROXY and Node's certificates apply, as in the CLI.
   */
  resolveProxy?: ResolveProxy;
  /**
   * Told every event from the first moment, before the engine opens, so notices raised while
   * opening (a damaged job list) reach the page's buffer too. `subscribe` adds listeners later.
   */
  listener?: (event: PushEvent) => void;
  /**
   * The computer's languages, most wanted first (Electron's `app.getPreferredSystemLanguages()`),
   * for the "system" language setting; without it, "system" is English.
   */
  systemLanguages?: () => readonly string[];
  /** Told after the person changed settings (main rebuilds its menu when the language changes). */
  settingsChanged?: (saved: Settings, patch: Partial<Settings>) => void;
  /** The known voices for jobs that recognise them; by default the voice library's `voiceprints`. */
  voiceprints?: VoiceprintLookup;
}

export interface AppServices {
  handlers: Handlers;
  subscribe(listener: (event: PushEvent) => void): () => void;
  /**
   * Checks paths main did not choose itself (a drop, files opened with Diarist) as main's own
   * picks are checked, and gives out ids for the files kept. Not an operation of the contract.
   */
  acceptPaths(paths: string[]): Promise<PickedFile[]>;
  /** The recording behind a job, for the media protocol only; never sent to the page. */
  recordingPath(jobId: string): string | undefined;
  close(): Promise<void>;
}

/**
 * Handlers that wait for the services to finish opening: the window and its page load while the
 * data folder and the job list open, and the page's first calls are answered once they are.
 */
export function handlersOnceReady(ready: Promise<AppServices>): Handlers {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (args: never) => ((await ready).handlers[channel] as (args: never) => unknown)(args),
    ]),
  ) as unknown as Handlers;
}

/** A file's check in the page's terms: its length and what is sent, or why it cannot be. */
export function toFileCheck(fileId: string, result: PreflightResult): FileCheck {
  if (!result.ok) {
    const { message, key, params } = result;
    return { fileId, ok: false, message, key, ...(params ? { params } : {}) };
  }
  const sentAs = describePreparation({
    preparation: result.preparation,
    prepared: undefined,
    source: { sizeBytes: result.info.sizeBytes },
  });
  const { preparation } = result;
  return {
    fileId,
    ok: true,
    durationSeconds: result.info.durationSeconds,
    ...(sentAs && preparation
      ? {
          sentAs,
          sizeBytes: result.info.sizeBytes,
          preparation: { action: preparation.action, estimatedBytes: preparation.estimatedBytes },
        }
      : {}),
  };
}

/** The page learns a job's file name and size, never where the file lives. */
export function toJobView(job: JobRecord): JobView {
  const { source, sha256: _sha, mediaUrl: _media, submitIntent: _intent, ...rest } = job;
  const { path: _path, ...sourceView } = source;
  return { ...rest, source: sourceView };
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const { keyStore, settings, dialogs, desktop } = options;
  const logger = options.logger ?? silentLogger;
  const secrets = options.knownSecrets ?? [];
  const remember = (key: string | undefined) => {
    if (key && !secrets.includes(key)) secrets.push(key);
  };
  // Not awaited: reading the saved key may wait for the keychain (an unlock prompt), and the
  // window comes first. Every use of the key passes through getApiKey, which remembers it.
  void keyStore.get().then(remember, () => undefined);
  const network = openNetwork(logger, options.resolveProxy);
  const client: PyannoteClient = createPyannoteClient({
    baseUrl: options.apiUrl,
    getApiKey: async () => {
      const key = await keyStore.get();
      remember(key);
      return key;
    },
    userAgent: `Diarist/${options.version}`,
    agentsFor: network.agentsFor,
    ...(options.clientTimeoutMs ? { timeoutMs: options.clientTimeoutMs } : {}),
  });
  const listeners = new Set<(event: PushEvent) => void>();
  if (options.listener) listeners.add(options.listener);
  const push = (event: PushEvent) => {
    for (const listener of listeners) listener(event);
  };
  // Before the engine: identification jobs read their voiceprints from it (voiceprints(ids)).
  const voiceLibrary = await VoiceLibrary.open({
    file: join(options.dataDir, VOICE_LIBRARY_FILE),
    box: options.secretBox ?? NO_SECRET_BOX,
    logger,
    onNotice: (notice) => push({ type: 'notice', ...notice }),
  });
  let engine: JobEngine;
  try {
    engine = await JobEngine.open({
      dataDir: options.dataDir,
      client,
      agentsFor: network.agentsFor,
      uploadConcurrency: settings.get().uploadConcurrency,
      voiceprints: options.voiceprints ?? ((ids) => voiceLibrary.voiceprints(ids)),
      ...options.engineOptions,
      onEvent: (event) => {
        options.engineOptions?.onEvent?.(event);
        forward(event);
      },
      onResultSaved: (job) => void autoExport(job),
    });
  } catch (error) {
    network.close();
    throw error;
  }
  // The same files the engine's own repository reads and writes, one change at a time.
  const results = new ResultsRepository(options.dataDir, (id) => engine.get(id) !== undefined);
  const files = new FileRegistry([options.dataDir]);
  const hashes = new HashCache();
  logger.info('started', {
    version: options.version,
    shell: options.shell,
    service: client.baseUrl,
  });
  engine.subscribe(engineEventLogger(logger));
  let shownProgress = '';
  /** Each job's last state: only a change of state (or a removal) can move the batch's count. */
  const lastState = new Map<string, JobRecord['state']>();
  /** Tells the taskbar when the share of work done changes (not on every upload byte). */
  function showProgress(event: EngineEvent): void {
    if (!desktop.showProgress) return;
    if (event.type === 'job') {
      if (lastState.get(event.job.id) === event.job.state) return;
      lastState.set(event.job.id, event.job.state);
    } else if (event.type === 'removed') lastState.delete(event.id);
    const progress = batchProgress(engine.list());
    const said = progress ? `${progress.done}/${progress.total}` : '';
    if (said === shownProgress) return;
    shownProgress = said;
    desktop.showProgress(progress);
  }
  /** The engine's events as the page sees them (from before open: see onEvent above). */
  function forward(event: EngineEvent): void {
    if (event.type === 'job' || event.type === 'removed') showProgress(event);
    if (event.type === 'job') push({ type: 'job', job: toJobView(event.job) });
    else if (event.type === 'removed') push(event);
    else if (event.type === 'status') push({ type: 'status', status: statusView(event.status) });
    else if (event.type === 'notice') {
      const { type: _type, kind: _kind, ...notice } = event;
      push({ type: 'notice', ...notice });
    } else if (event.type === 'batch-finished') {
      push({
        type: 'batch-finished',
        succeeded: event.succeeded,
        failed: event.failed,
        canceled: event.canceled,
      });
      const { notifyWhenBatchFinishes, language } = settings.get();
      if (notifyWhenBatchFinishes) {
        // In the language set now: a change in Settings applies to the next notification.
        const words = batchFinishedNotification(
          event,
          resolveLanguage(language, options.systemLanguages?.() ?? []),
        );
        desktop.notify(words.title, words.body);
      }
    }
  }

  /**
   * The formats chosen in Settings, written into the export folder as each result arrives, in
   * the settings' language; the row's note says where they went, or why they could not be.
   */
  async function autoExport(job: JobRecord): Promise<void> {
    const { autoExportFormats, exportFolder } = settings.get();
    const formats = EXPORT_FORMATS.filter((format) => autoExportFormats.includes(format));
    if (formats.length === 0) return;
    if (!exportFolder) {
      engine.noteJob(job.id, jobNote('notes.autoSaveNoFolder'));
      return;
    }
    try {
      const written = await writeInto(exportFolder, job.id, formats, currentLanguage());
      engine.noteJob(
        job.id,
        jobNote('notes.autoSaved', {
          files: written.map((path) => basename(path)).join(', '),
          folder: basename(exportFolder) || exportFolder,
        }),
      );
      logger.info('Automatic export written', { formats: formats.join(',') });
    } catch (error) {
      // The mapped writer's words are plain and name no path; anything else is not shown. The
      // reason goes by its key too, so the page says it in its language.
      const reason =
        error instanceof DiaristError
          ? error.toInfo()
          : new DiaristError('write-failed', 'the files could not be written.', {
              key: 'autoExport.notWritten',
            }).toInfo();
      engine.noteJob(job.id, jobNote('notes.autoSaveFailed', {}, reason));
      logger.warn('Automatic export failed', { code: (error as { code?: string }).code });
    }
  }

  /** Writes into each folder one after another (see writeInto). */
  const inFolder = oneAtATime();

  /**
   * Writes a job's result in each format into a folder, each file under a free name (an export
   * into a folder never overwrites a file), through the mapped writer: a full disk or a
   * read-only folder gets plain words. Answers the files' paths.
   */
  async function writeInto(
    folder: string,
    jobId: string,
    formats: readonly ExportFormat[],
    language: Language,
  ): Promise<string[]> {
    const words = exportWords(language);
    const files: Awaited<ReturnType<typeof engine.exportJob>>[] = [];
    for (const format of formats) files.push(await engine.exportJob(jobId, format, words));
    // Finding a free name and taking it is one step per folder: two exports at once (several
    // recordings, or one arriving automatically) would otherwise both take the same name.
    return inFolder(folder, async () => {
      await ensureChosenDir(folder);
      const written: string[] = [];
      for (const { fileName, content } of files) {
        const target = await freePath(folder, fileName);
        await writeChosenFileAtomic(target, content);
        written.push(target);
      }
      return written;
    });
  }

  /** Files exported in this session, by the id the page was given for each. */
  const exported = new Map<string, string>();
  /** Remembers an exported file for "Show in folder" and answers the id the page asks by. */
  const rememberExport = (path: string): string => {
    const exportId = randomUUID();
    exported.set(exportId, path);
    return exportId;
  };
  /**
   * Folders the person chose for exporting several recordings, by the id the page was given:
   * the page names the folder it writes into, never a path of its own making.
   */
  const exportFolders = new Map<string, string>();

  /** The language the settings mean now ("system" is the computer's). */
  const currentLanguage = () =>
    resolveLanguage(settings.get().language, options.systemLanguages?.() ?? []);

  const jobOrThrow = (id: string): JobRecord => {
    const job = engine.get(id);
    if (!job)
      throw new DiaristError('not-found', 'This job no longer exists.', { key: 'calls.jobGone' });
    return job;
  };
  /** A job that has its result: the only kind that can be run again or chosen. */
  const finishedOrThrow = (id: string): JobRecord => {
    const job = jobOrThrow(id);
    if (job.state !== 'succeeded')
      throw new DiaristError('invalid-request', 'This job has no saved result yet.', {
        key: 'calls.noResultYet',
      });
    return job;
  };
  const viewOrNull = (job: JobRecord | undefined) => (job ? toJobView(job) : null);
  const pathsOf = (fileIds: string[]): string[] => {
    const paths = fileIds.map((fileId) => files.pathOf(fileId));
    if (paths.some((path) => path === undefined)) {
      throw new DiaristError(
        'invalid-request',
        'Some files are no longer available; add them again.',
        { key: 'calls.filesGone' },
      );
    }
    return paths as string[];
  };

  const voices = createVoiceService({
    library: voiceLibrary,
    push,
    remember: ({ jobId, speaker, name, signal, push: tell }) =>
      rememberVoice(
        {
          dataDir: options.dataDir,
          client,
          uploader: createUploader({ client, agentsFor: network.agentsFor }),
          library: voiceLibrary,
          job: (id) => engine.get(id),
          result: (id) => engine.getResult(id),
          logger,
        },
        {
          jobId,
          speaker,
          name,
          signal,
          onProgress: (phase, fraction) =>
            tell({
              type: 'voice-progress',
              jobId,
              speaker,
              phase,
              ...(fraction !== undefined ? { fraction } : {}),
            }),
        },
      ),
  });

  const handlers: Handlers = {
    'app:info': async () => ({
      version: options.version,
      apiUrl: client.baseUrl,
      shell: options.shell,
    }),
    // The shell that delivers pushes answers this with its own (withPageReady in page-events.ts).
    'app:ready': async () => null,
    'key:status': () => keyStore.status(),
    'key:set': async ({ key }) => {
      // Checked with the service before it is kept: a typo is caught now, not mid-batch.
      remember(key);
      await client.testKey(key);
      const status = await keyStore.set(key);
      logger.info('API key set', { kept: status.state });
      engine.unblock();
      return status;
    },
    'key:clear': () => keyStore.clear(),
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => {
      const saved = settings.update(patch);
      // Settings apply at once. The others are read where they are used (notifications, the
      // export folder, update checks, the defaults the page starts a batch from); this one
      // lives in the running engine, so it is told.
      if (patch.uploadConcurrency !== undefined)
        engine.setUploadConcurrency(saved.uploadConcurrency);
      // The shell is told too: main's menu is built once, in the language of the moment.
      options.settingsChanged?.(saved, patch);
      return saved;
    },
    'files:pick': async () => files.accept(await dialogs.pickRecordings()),
    'files:pick-folder': async () => {
      const folder = await dialogs.pickFolder();
      return folder ? files.accept([folder]) : [];
    },
    'files:check': async ({ fileIds }) => {
      const checked = await engine.checkFiles(pathsOf(fileIds));
      return checked.map((result, index) => toFileCheck(fileIds[index] as string, result));
    },
    'jobs:add': async ({ fileIds, options: diarizeOptions, rerun }) => {
      const paths = pathsOf(fileIds);
      const jobs = await engine.add(paths, diarizeOptions, rerun ? { rerun } : {});
      for (const fileId of fileIds) files.forget(fileId);
      return jobs.map(toJobView);
    },
    'jobs:check-batch': async ({ fileIds, options: diarizeOptions }) => {
      const paths = pathsOf(fileIds);
      const chosen = fileIds.map((fileId, index) => ({ fileId, path: paths[index] as string }));
      return checkBatch(chosen, diarizeOptions, engine.list(), hashes);
    },
    'jobs:rerun': async ({ id, options: diarizeOptions }) => {
      const job = finishedOrThrow(id);
      const [run] = await engine.add([job.source.path], diarizeOptions, {
        rerun: true,
        runOf: runGroupOf(job),
      });
      return toJobView(run as JobRecord);
    },
    'jobs:choose-run': async ({ id }) => {
      const job = finishedOrThrow(id);
      const before = chosenRunOf(engine.list(), job);
      const chosen = await engine.chooseRun(id);
      let namesCarried = 0;
      let correctionsCarried = 0;
      const from = before && before.id !== id ? await results.get(before.id) : undefined;
      let to = from ? await results.get(id) : undefined;
      if (from && to) {
        // Corrections first (one that would change nothing here is refused, and skipped), then
        // the names, matched on both runs as corrected.
        for (const edit of editsToCarry(from, to)) {
          try {
            to = await results.correct(id, { type: 'edit', edit });
            correctionsCarried += 1;
          } catch (error) {
            if (!(error instanceof DiaristError)) throw error;
          }
        }
        for (const [label, name] of Object.entries(namesToCarry(from, to))) {
          await results.renameSpeaker(id, label, name);
          namesCarried += 1;
        }
      }
      return { job: toJobView(chosen ?? job), namesCarried, correctionsCarried };
    },
    'jobs:list': async () => engine.list().map(toJobView),
    'jobs:status': async () => statusView(engine.status()),
    'jobs:cancel': async ({ id }) => viewOrNull(await engine.cancel(id)),
    'jobs:retry': async ({ id }) => viewOrNull(await engine.retry(id)),
    'jobs:remove': async ({ id, deleteResult }) => engine.remove(id, { deleteResult }),
    'jobs:show-file': async ({ id }) => {
      desktop.showInFolder(jobOrThrow(id).source.path);
      return null;
    },
    'jobs:locate': async ({ id }) => {
      const path = await dialogs.pickRecording(jobOrThrow(id).source.name);
      return path ? toJobView(await engine.relocate(id, path)) : null;
    },
    'results:get': async ({ id }) => {
      const result = await engine.getResult(id);
      if (!result)
        throw new DiaristError('not-found', 'This job has no saved result yet.', {
          key: 'calls.noResultYet',
        });
      return result;
    },
    'results:rename-speaker': ({ id, label, name }) => engine.renameSpeaker(id, label, name),
    'results:correct': ({ id, change }) => results.correct(id, change),
    'results:export': async ({ id, format, language }) => {
      // In the page's language; without one (an older page), in the language of the settings.
      const words = exportWords(language ?? currentLanguage());
      const { fileName, content } = await engine.exportJob(id, format, words);
      const target = await dialogs.pickExportPath(fileName, settings.get().exportFolder);
      if (!target) return null;
      // Through the mapped writer: a full disk or a read-only folder gets plain words, not errno.
      await writeChosenFileAtomic(target, content);
      // The page gets a name for the file, never its path: "Show in folder" asks by this id.
      return { fileName: basename(target) || fileName, exportId: rememberExport(target) };
    },
    'exports:pick-folder': async () => {
      const folder = await dialogs.pickExportFolder(settings.get().exportFolder);
      if (!folder) return null;
      const folderId = randomUUID();
      exportFolders.set(folderId, folder);
      return { folderId, folderName: basename(folder) || folder };
    },
    'results:export-into': async ({ id, formats, folderId, language }) => {
      const folder = exportFolders.get(folderId);
      if (!folder)
        throw new DiaristError(
          'not-found',
          'The folder chosen for this export is no longer known. Export again and choose the folder.',
          { key: 'calls.exportFolderGone' },
        );
      jobOrThrow(id);
      const chosen = EXPORT_FORMATS.filter((format) => formats.includes(format));
      const written = await writeInto(folder, id, chosen, language ?? currentLanguage());
      logger.info('Export into a folder written', { formats: chosen.join(',') });
      const first = written[0];
      return { files: written.length, exportId: first === undefined ? '' : rememberExport(first) };
    },
    'exports:show': async ({ exportId }) => {
      const path = exported.get(exportId);
      if (!path || !(await exists(path)))
        throw new DiaristError(
          'not-found',
          'This exported file is no longer there. It may have been moved or deleted; export it again.',
          {
            key: 'calls.exportGone',
          },
        );
      desktop.showInFolder(path);
      return null;
    },
    'files:pick-export-folder': async () =>
      (await dialogs.pickExportFolder(settings.get().exportFolder)) ?? null,
    'results:media-url': async ({ id }) => {
      jobOrThrow(id);
      return desktop.mediaUrl(id);
    },
    'diagnostics:copy': async () => {
      const text = buildDiagnostics({
        appVersion: options.version,
        shell: options.shell,
        apiUrl: client.baseUrl,
        versions: options.versions ?? { node: process.versions.node },
        platform: `${process.platform} ${process.arch}`,
        settings: settings.get(),
        key: await keyStore.status(),
        engine: {
          offline: engine.status().offline,
          ...(engine.status().blocked ? { blocked: engine.status().blocked?.code } : {}),
        },
        jobs: engine.list(),
        logLines: await logger.tail(200),
        now: new Date(),
        secrets,
      });
      return { text, copied: await desktop.copyText(text) };
    },
    'clipboard:write': async ({ text }) => desktop.copyText(text),
    'links:open': async ({ target }) => {
      await desktop.openExternal(PYANNOTE_LINKS[target]);
      return null;
    },
    ...voices.handlers,
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    acceptPaths: (paths) => files.accept(paths),
    recordingPath: (jobId) => engine.get(jobId)?.source.path,
    async close() {
      voices.cancelAll();
      await engine.close();
      network.close();
    },
  };
}

/** Where the shell offers no secret box: voices cannot be kept, and the page says why. */
const NO_SECRET_BOX: SecretBox = {
  available: async () => ({
    ok: false,
    reason: 'This computer offers no secure place to save voices.',
    reasonKey: 'otherUnavailable',
  }),
  encrypt: async () => {
    throw new Error('no secret box');
  },
  decrypt: async () => {
    throw new Error('no secret box');
  },
};

function statusView(status: {
  blocked?: EngineStatusView['blocked'];
  offline: boolean;
  waits?: EngineStatusView['waits'];
}): EngineStatusView {
  return {
    ...(status.blocked ? { blocked: status.blocked } : {}),
    offline: status.offline,
    ...(status.waits && status.waits.length > 0 ? { waits: status.waits } : {}),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** `name` in `folder`, or "name (2).ext" and so on: an automatic export never overwrites a file. */
async function freePath(folder: string, name: string): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let n = 1; ; n += 1) {
    const candidate = join(folder, n === 1 ? name : `${stem} (${n})${extension}`);
    if (!(await exists(candidate))) return candidate;
  }
}
