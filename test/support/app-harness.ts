/** The app's services (as Electron and the preview wire them) over a simulator, for tests. */

import { join } from 'node:path';
import {
  createAppServices,
  type AppServices,
  type AppServicesOptions,
} from '../../src/core/app/services';
import { invoke } from '../../src/core/app/invoke';
import { MemoryKeyStore, MemorySettingsStore } from '../../src/core/app/memory-stores';
import type { Logger, LogFields } from '../../src/core/logging/logger';
import type { Desktop, Dialogs, SecretBox } from '../../src/core/app/ports';
import { memorySecretBox } from '../../src/core/voices/aes-box';
import type { Channel, JobView, PickedFile, Reply } from '../../src/shared/ipc-contract';
import { DEFAULT_DIARIZE_OPTIONS, type DiarizeOptions } from '../../src/shared/diarize-options';
import type { Settings } from '../../src/shared/settings';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { JobEngine } from '../../src/core/jobs/engine';
import { FAST_TRACKING, type Simulator } from './engine-harness';

/** A logger that keeps its lines, so tests can see what reached the log. */
export interface MemoryLogger extends Logger {
  lines: string[];
}

export function memoryLogger(): MemoryLogger {
  const lines: string[] = [];
  const line = (level: string) => (message: string, fields?: LogFields) =>
    void lines.push(`[${level}] ${message} ${JSON.stringify(fields ?? {})}`);
  return {
    lines,
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    tail: async (count) => lines.slice(-count),
  };
}

export interface TestApp {
  services: AppServices;
  logger: MemoryLogger;
  settings: MemorySettingsStore;
  /** What the file dialog answers next, and where the export dialog saves. */
  picks: {
    recordings: string[];
    exportPath: string | undefined;
    exportFolder: string | undefined;
    recording?: string;
  };
  /** Calls an operation the way the page does: through invoke(), answering a Reply. */
  call(channel: Channel, args?: unknown): Promise<Reply<unknown>>;
  close(): Promise<void>;
}

/** Adds `paths` as one batch the way the page does: the file dialog, then Start. */
export async function addRecordings(
  app: TestApp,
  paths: string[],
  options: DiarizeOptions = DEFAULT_DIARIZE_OPTIONS,
): Promise<Reply<unknown>> {
  app.picks.recordings = paths;
  const picked = (await app.call('files:pick')) as { ok: true; value: PickedFile[] };
  return app.call('jobs:add', { fileIds: picked.value.map((file) => file.id), options });
}

/** Waits until every job in `ids` has succeeded (as `jobs:list` says), and answers them. */
export async function finished(
  app: TestApp,
  ids: string[],
  timeoutMs = 20_000,
): Promise<JobView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = ((await app.call('jobs:list')) as { value: JobView[] }).value;
    const ours = ids.map((id) => jobs.find((job) => job.id === id));
    if (ours.every((job) => job?.state === 'succeeded')) return ours as JobView[];
    if (Date.now() > deadline) throw new Error('the jobs did not succeed in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startApp(
  sim: Simulator,
  dataDir: string,
  init: {
    settings?: Partial<Settings>;
    engineOptions?: Partial<Parameters<typeof JobEngine.open>[0]>;
    /** Replaces the stand-in dialogs (e.g. one that fails the way no one planned for). */
    dialogs?: Partial<Dialogs>;
    /** Adds to or replaces the stand-in desktop (e.g. one that records the taskbar's progress). */
    desktop?: Partial<Desktop>;
    /** Keeps the voice library (default: a key in memory, as the preview). */
    secretBox?: SecretBox;
    /** The shell's other hooks (the computer's languages, told of settings changes). */
    hooks?: Pick<AppServicesOptions, 'systemLanguages' | 'settingsChanged' | 'voiceprints'>;
  } = {},
): Promise<TestApp> {
  const logger = memoryLogger();
  const settings = new MemorySettingsStore({ ...DEFAULT_SETTINGS, ...init.settings });
  const keyStore = new MemoryKeyStore();
  await keyStore.set(sim.apiKey);
  const picks: TestApp['picks'] = {
    recordings: [],
    exportPath: undefined,
    exportFolder: undefined,
  };
  const services = await createAppServices({
    dataDir: join(dataDir),
    apiUrl: sim.baseUrl,
    version: 'test',
    shell: 'preview',
    keyStore,
    settings,
    secretBox: init.secretBox ?? memorySecretBox(),
    logger,
    dialogs: {
      pickRecordings: async () => picks.recordings,
      pickFolder: async () => undefined,
      pickRecording: async () => picks.recording,
      pickExportPath: async () => picks.exportPath,
      pickExportFolder: async () => picks.exportFolder,
      ...init.dialogs,
    },
    desktop: {
      showInFolder: () => undefined,
      openExternal: async () => undefined,
      notify: () => undefined,
      mediaUrl: () => '',
      copyText: async () => false,
      ...init.desktop,
    },
    ...init.hooks,
    clientTimeoutMs: 2_000,
    engineOptions: {
      requestsPerMinute: 6_000,
      submitDeadlineMs: 1_500,
      tracking: FAST_TRACKING,
      ...init.engineOptions,
    },
  });
  return {
    services,
    logger,
    settings,
    picks,
    call: (channel, args) => invoke(services.handlers, channel, args, true, { logger }),
    close: () => services.close(),
  };
}
