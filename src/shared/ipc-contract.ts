/**
 * The one contract between the page and the main process. Every operation is declared here
 * once (channel, argument schema, result type); the main-process handlers, the preload's
 * `window.diarist` and the renderer's types all derive from it, and so does the browser preview.
 */

import type { EngineWait } from './engine-status';
import { z } from 'zod';
import { EXPORT_FORMATS, type SavedResult } from './result';
import { LANGUAGES } from './i18n/languages';
import {
  MAX_EDITS,
  MAX_TURNS_PER_MOVE,
  type CorrectionEdit,
  type CorrectionLog,
} from './corrections';
import type { JobRecord, JobSource } from './jobs';
import type { NoticeInfo } from './note-keys';
import type { ErrorCode, ErrorInfo, ErrorKey, ErrorParams, FieldError } from './errors';
import { diarizeOptionsSchema } from './diarize-options';
import { settingsSchema, type Settings } from './settings';
import { MAX_VOICE_NAME_LENGTH, voiceIdSchema, type RememberPhase, type VoiceView } from './voices';

/** What the page may know about a recording: never its path on disk. */
export type JobSourceView = Omit<JobSource, 'path'>;
export type JobView = Omit<JobRecord, 'source' | 'sha256' | 'mediaUrl' | 'submitIntent'> & {
  source: JobSourceView;
};

/** A file main has accepted (from its dialog or a re-checked drop), known to the page by id. */
export interface PickedFile {
  id: string;
  name: string;
  sizeBytes: number;
}

/**
 * What the check found for a chosen file before Start, as the batch panel shows it: its length
 * and, when only part of it is sent, what ("Only the sound is sent (24 MB of 1.8 GB)"); or why
 * it cannot be sent. The same check runs again when the job is made.
 */
export type FileCheck =
  | {
      fileId: string;
      ok: true;
      durationSeconds: number;
      /** "Only the sound is sent (about 24 MB of 1.8 GB)"; absent when sent as it is. */
      sentAs?: string;
      /** The facts behind `sentAs`, for the page to say them in its language. */
      sizeBytes?: number;
      preparation?: { action: 'extract-audio' | 'downmix-resample'; estimatedBytes: number };
    }
  | {
      fileId: string;
      ok: false;
      /** In English (the command line's words); `key` and `params` give the page's. */
      message: string;
      key?: ErrorKey;
      params?: ErrorParams;
    };

/**
 * What Start found before sending a batch: files whose content equals an earlier file of the
 * batch (sent once), and files already done with these options (the job that has the result).
 */
export interface BatchCheck {
  sameContent: { fileId: string; sameAs: string }[];
  done: { fileId: string; jobId: string }[];
}

/**
 * Where the key lives. `session-only`: this computer offers no safe place to store it, so it is
 * kept in memory until the app quits; `reason` says why and what to install.
 */
export type KeyState = 'missing' | 'stored' | 'session-only';

/** Why the key cannot be saved, by name, for the page to say it in its language. */
export const KEY_REASON_KEYS = [
  'linuxNoKeyring',
  'linuxUnavailable',
  'macUnavailable',
  'otherUnavailable',
  'encryptFailed',
  'undecryptable',
  'fixedKey',
  'preview',
] as const;
export type KeyReasonKey = (typeof KEY_REASON_KEYS)[number];

export interface KeyStatus {
  state: KeyState;
  /** The key's last four characters, so a person can tell which key is set. */
  last4?: string;
  /** In English (the log's words); `reasonKey` names it for the page. */
  reason?: string;
  reasonKey?: KeyReasonKey;
}

export interface VoicesState {
  voices: VoiceView[];
  /** When the person agreed to the terms (asked before the first voice is remembered). */
  consentedAt?: string;
  /** Whether voices can be kept on this computer; when not, why (as for the key). */
  storage: { ok: true } | { ok: false; reason: string; reasonKey?: KeyReasonKey };
  /**
   * The saved library could not be read (damaged, or locked with another key) and was kept aside
   * under this name; a new, empty one was started. Nothing was deleted.
   */
  setAsideAs?: string;
}

export interface AppInfo {
  version: string;
  apiUrl: string;
  /** "electron" in the app, "preview" in the browser preview used for development and UI tests. */
  shell: 'electron' | 'preview';
}

export interface EngineStatusView {
  blocked?: ErrorInfo;
  offline: boolean;
  /** What work waits for and until when, in words (the request limit, the network, storage). */
  waits?: EngineWait[];
}

export const LINK_TARGETS = ['dashboard', 'billing', 'docs', 'status'] as const;

/** The only pages Diarist opens in the person's browser; the page names a target, never a URL. */
export const PYANNOTE_LINKS: Record<(typeof LINK_TARGETS)[number], string> = {
  dashboard: 'https://dashboard.pyannote.ai/',
  billing: 'https://dashboard.pyannote.ai/',
  docs: 'https://docs.pyannote.ai/',
  status: 'https://pyannote.openstatus.dev/',
};

/** Declares an operation's result type; the value itself is never used. */
const returns = <T>(): T => undefined as T;

const id = z.string().min(1).max(64);
const none = z.strictObject({});

const speakerLabel = z.string().min(1).max(64);
const seconds = z.number().min(0).max(1e7);
const turnRef = z.strictObject({ speaker: speakerLabel, start: seconds, end: seconds });

/** One correction, as the page sends it and as it is kept in the saved result's file. */
export const correctionEditSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('merge'), from: speakerLabel, into: speakerLabel }),
  z.strictObject({
    kind: z.literal('move'),
    turns: z.array(turnRef).min(1).max(MAX_TURNS_PER_MOVE),
    to: speakerLabel,
  }),
  z.strictObject({ kind: z.literal('split'), turn: turnRef, at: seconds }),
]) satisfies z.ZodType<CorrectionEdit>;

export const correctionLogSchema = z
  .strictObject({
    edits: z.array(correctionEditSchema).max(MAX_EDITS),
    cursor: z.number().int().min(0),
  })
  .refine((log) => log.cursor <= log.edits.length) satisfies z.ZodType<CorrectionLog>;

/** What the page asks of a result's corrections: one more edit, undo, redo, or back to pyannoteAI's result. */
export const correctionChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('edit'), edit: correctionEditSchema }),
  z.strictObject({ type: z.literal('undo') }),
  z.strictObject({ type: z.literal('redo') }),
  z.strictObject({ type: z.literal('revert') }),
]);
export type CorrectionChange = z.infer<typeof correctionChangeSchema>;

/** Argument schemas; each operation takes one object (or nothing) and answers one value. */
export const operations = {
  'app:info': { args: none, result: returns<AppInfo>() },
  /**
   * The page has subscribed to pushes: main sends what waited for it, then pushes live. Sent once
   * per page load; until then (and again from a reload) events wait in main.
   */
  'app:ready': { args: none, result: returns<null>() },
  'key:status': { args: none, result: returns<KeyStatus>() },
  'key:set': {
    args: z.strictObject({ key: z.string().trim().min(8).max(512) }),
    result: returns<KeyStatus>(),
  },
  'key:clear': { args: none, result: returns<KeyStatus>() },
  'settings:get': { args: none, result: returns<Settings>() },
  'settings:update': { args: settingsSchema.partial().strict(), result: returns<Settings>() },
  'files:pick': { args: none, result: returns<PickedFile[]>() },
  'files:pick-folder': { args: none, result: returns<PickedFile[]>() },
  /** As files are added: each one's length, or what is wrong with it (nothing is sent). */
  'files:check': {
    args: z.strictObject({ fileIds: z.array(id).min(1).max(10_000) }),
    result: returns<FileCheck[]>(),
  },
  'jobs:add': {
    args: z.strictObject({
      fileIds: z.array(id).min(1).max(10_000),
      options: diarizeOptionsSchema,
      /** The person chose "Run it again" for a recording already done with these options. */
      rerun: z.boolean().optional(),
    }),
    result: returns<JobView[]>(),
  },
  /** Before Start: which files repeat another file of the batch, or a result already saved. */
  'jobs:check-batch': {
    args: z.strictObject({
      fileIds: z.array(id).min(1).max(10_000),
      options: diarizeOptionsSchema,
    }),
    result: returns<BatchCheck>(),
  },
  /**
   * "Try other settings": a new run of a finished job's recording with these options, linked to
   * the recording's other runs (`runOf`). Its upload is reused while pyannoteAI keeps the file.
   */
  'jobs:rerun': {
    args: z.strictObject({ id, options: diarizeOptionsSchema }),
    result: returns<JobView>(),
  },
  /**
   * Makes a finished run the recording's result (the job list shows it), and gives it the merges
   * and speaker names made in the run chosen before, where the speakers match. `job` is the
   * recording's first run, which records the choice.
   */
  'jobs:choose-run': {
    args: z.strictObject({ id }),
    result: returns<{ job: JobView; namesCarried: number; correctionsCarried: number }>(),
  },
  'jobs:list': { args: none, result: returns<JobView[]>() },
  'jobs:status': { args: none, result: returns<EngineStatusView>() },
  'jobs:cancel': { args: z.strictObject({ id }), result: returns<JobView | null>() },
  'jobs:retry': { args: z.strictObject({ id }), result: returns<JobView | null>() },
  'jobs:remove': {
    args: z.strictObject({ id, deleteResult: z.boolean() }),
    result: returns<boolean>(),
  },
  'jobs:show-file': { args: z.strictObject({ id }), result: returns<null>() },
  /**
   * "Locate file…": asks for the job's recording at its new place (a dialog in the app) and points
   * the job at it when it is the same recording; null when the person canceled. A different file
   * is refused (`locate.notSame`) and changes nothing.
   */
  'jobs:locate': { args: z.strictObject({ id }), result: returns<JobView | null>() },
  'results:get': { args: z.strictObject({ id }), result: returns<SavedResult>() },
  'results:rename-speaker': {
    args: z.strictObject({ id, label: z.string().min(1).max(64), name: z.string().max(100) }),
    result: returns<SavedResult>(),
  },
  /**
   * Changes a result's corrections and answers the result with its new log. pyannoteAI's turns
   * in the file stay as they are; the view and every export apply the edits in force.
   */
  'results:correct': {
    args: z.strictObject({ id, change: correctionChangeSchema }),
    result: returns<SavedResult>(),
  },
  /**
   * Asks where to save (a dialog in the app) and writes the file; null when the person canceled.
   * `language` is the page's: the readable exports' headings are written in it.
   */
  'results:export': {
    args: z.strictObject({
      id,
      format: z.enum(EXPORT_FORMATS),
      language: z.enum(LANGUAGES).optional(),
    }),
    result: returns<{ fileName: string; exportId: string } | null>(),
  },
  /** Shows a file the person exported in this session in its folder (by the export's id). */
  'exports:show': {
    args: z.strictObject({ exportId: z.string().min(1).max(64) }),
    result: returns<null>(),
  },
  /**
   * Asks for a folder to export several recordings into (a folder dialog, starting at the export
   * folder of Settings); null when the person canceled. The page gets the folder's name and an id
   * to write into it by, never its path.
   */
  'exports:pick-folder': {
    args: none,
    result: returns<{ folderId: string; folderName: string } | null>(),
  },
  /**
   * Writes one recording's result in each chosen format into a folder picked above, each file
   * under a free name (never overwriting one). Answers how many files were written and the id
   * "Show in folder" shows the first by.
   */
  'results:export-into': {
    args: z.strictObject({
      id,
      // A format named twice is written once.
      formats: z.array(z.enum(EXPORT_FORMATS)).min(1).max(EXPORT_FORMATS.length),
      folderId: z.string().min(1).max(64),
      language: z.enum(LANGUAGES).optional(),
    }),
    result: returns<{ files: number; exportId: string }>(),
  },
  /** Asks for the export folder (a folder dialog); null when the person canceled. */
  'files:pick-export-folder': { args: none, result: returns<string | null>() },
  /** A URL the page's <audio> element can play the job's recording from. */
  'results:media-url': { args: z.strictObject({ id }), result: returns<string>() },
  /** Gathers versions, settings (no secrets) and the last log lines, and puts them on the clipboard. */
  'diagnostics:copy': { args: none, result: returns<{ text: string; copied: boolean }>() },
  /** Puts text the person asked to copy (a result's reading view) on the clipboard; false if it could not. */
  'clipboard:write': {
    args: z.strictObject({ text: z.string().min(1).max(10_000_000) }),
    result: returns<boolean>(),
  },
  'links:open': {
    args: z.strictObject({ target: z.enum(LINK_TARGETS) }),
    result: returns<null>(),
  },
  /** The voice library: the voices (never their voiceprints), whether the person has agreed to
   *  the terms once, and whether this computer can keep them (the same secure storage as the key). */
  'voices:list': { args: none, result: returns<VoicesState>() },
  /** The person read what a voiceprint is and ticked that the people agreed; asked once. */
  'voices:consent': { args: none, result: returns<VoicesState>() },
  /** "Remember this voice": cuts, sends and prints a named speaker's voice; progress is pushed. */
  'voices:remember': {
    args: z.strictObject({
      jobId: id,
      speaker: speakerLabel,
      name: z.string().trim().min(1).max(MAX_VOICE_NAME_LENGTH),
    }),
    result: returns<VoiceView>(),
  },
  /** Stops a "Remember this voice" under way for that job and speaker; false if none ran. */
  'voices:cancel-remember': {
    args: z.strictObject({ jobId: id, speaker: speakerLabel }),
    result: returns<boolean>(),
  },
  'voices:rename': {
    args: z.strictObject({
      id: voiceIdSchema,
      name: z.string().trim().min(1).max(MAX_VOICE_NAME_LENGTH),
    }),
    result: returns<VoiceView>(),
  },
  'voices:remove': { args: z.strictObject({ id: voiceIdSchema }), result: returns<boolean>() },
  /** Deletes every voice; answers how many there were. */
  'voices:remove-all': { args: none, result: returns<number>() },
} as const;

export type Channel = keyof typeof operations;
export type ArgsOf<C extends Channel> = z.input<(typeof operations)[C]['args']>;
export type ResultOf<C extends Channel> = (typeof operations)[C]['result'];

export const CHANNELS = Object.keys(operations) as Channel[];

/**
 * Dropped files: the preload's own channel, not an operation, so `window.diarist` offers the
 * page no function that takes paths. Only the preload's `dropFiles` sends on it, with paths it
 * read itself (webUtils.getPathForFile); main checks the argument and then each file again.
 */
export const DROP_CHANNEL = 'diarist:files-dropped';

/** Absolute on any platform: `/…`, `C:\…` or `C:/…`, or a `\\server\share` path. */
const looksAbsolute = (path: string) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);

export const droppedFilesSchema = z.strictObject({
  paths: z.array(z.string().min(1).max(4096).refine(looksAbsolute)).max(10_000),
});

/**
 * A failed operation as the page sees it: always a mapped error, never a raw exception's text.
 * `message` is plain words saying what to do; `detail` is for support, already redacted;
 * `fields` name the arguments that were wrong (e.g. "options.speakers.min") and why.
 */
export interface ReplyError {
  code: ErrorCode | 'invalid-arguments' | 'forbidden';
  message: string;
  /** The message's key in the `errors` catalogue and its values, for the page's words. */
  key?: ErrorKey;
  params?: ErrorParams;
  detail?: string;
  fields?: FieldError[];
}

/** What every invoke answers: errors cross IPC as data, since a thrown error loses everything but its message. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

/** The single main → page channel, carrying plain data only. */
export const PUSH_CHANNEL = 'diarist:push';

/** Menu items the page acts on itself (it owns the flow that follows, e.g. choosing options). */
export const MENU_COMMANDS = ['add-recordings', 'add-folder', 'settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type PushEvent =
  | { type: 'job'; job: JobView }
  | { type: 'removed'; id: string }
  | { type: 'status'; status: EngineStatusView }
  /** English `message`; `key`, `params` and `reason` give the page's words (note-keys.ts). */
  | ({ type: 'notice' } & NoticeInfo)
  | { type: 'batch-finished'; succeeded: number; failed: number; canceled: number }
  /** This many events could not wait for the page to be ready; read the job list and status again. */
  | { type: 'dropped'; count: number }
  | { type: 'menu'; command: MenuCommand }
  /** Recordings opened with Diarist from the file manager, checked by main like a drop; add them to the batch. */
  | { type: 'files-opened'; files: PickedFile[] }
  /** "Remember this voice" moved on a step. */
  | {
      type: 'voice-progress';
      jobId: string;
      speaker: string;
      phase: RememberPhase;
      fraction?: number;
    };

/** The API the preload exposes as `window.diarist`: one function per operation, plus push events. */
export type DiaristApi = {
  [C in Channel]: ArgsOf<C> extends Record<string, never>
    ? () => Promise<Reply<ResultOf<C>>>
    : (args: ArgsOf<C>) => Promise<Reply<ResultOf<C>>>;
} & {
  /** Subscribes to pushed updates; returns the function that unsubscribes. */
  onPush(listener: (event: PushEvent) => void): () => void;
  /** Paths of files dropped on the window, read in the preload (the page itself cannot see paths). */
  dropFiles(files: File[]): Promise<Reply<PickedFile[]>>;
};
