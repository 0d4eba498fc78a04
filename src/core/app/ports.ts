/** What the app services need from their surroundings; Electron and the browser preview each provide them. */

import type { BatchProgress } from '../../shared/batch-progress';
import type { KeyReasonKey, KeyStatus } from '../../shared/ipc-contract';
import type { Settings } from '../../shared/settings';

/** Holds the API key. Only the main process ever sees the key itself. */
export interface KeyStore {
  status(): Promise<KeyStatus>;
  get(): Promise<string | undefined>;
  /** Stores a key that was already checked with the service. */
  set(key: string): Promise<KeyStatus>;
  clear(): Promise<KeyStatus>;
}

/**
 * Keeps secrets other than the key (the voice library) encrypted on this computer: the app's
 * keychain (as the key), the preview's key held in memory, the command line's key derived from
 * PYANNOTE_API_KEY.
 */
export interface SecretBox {
  /** Whether secrets can be kept here; `reasonKey` as for the key (KeyReasonKey) when not. */
  available(): Promise<{ ok: true } | { ok: false; reason: string; reasonKey?: KeyReasonKey }>;
  encrypt(plainText: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export interface Dialogs {
  /** Paths the person chose, or [] when they canceled. */
  pickRecordings(): Promise<string[]>;
  pickFolder(): Promise<string | undefined>;
  /**
   * One recording, to locate a job's file that was moved or renamed ("Locate file…"), or undefined
   * when they canceled. `name` is the recording's former name, for the dialog's title.
   */
  pickRecording(name: string): Promise<string | undefined>;
  /** Where to save an export, or undefined when they canceled. */
  pickExportPath(defaultName: string, defaultFolder: string): Promise<string | undefined>;
  /** The folder exports go to (Settings), opening at `current`; undefined when they canceled. */
  pickExportFolder(current: string): Promise<string | undefined>;
}

export interface Desktop {
  showInFolder(path: string): void;
  openExternal(url: string): Promise<void>;
  notify(title: string, body: string): void;
  /** URL the page can play a job's recording from (served with range requests). */
  mediaUrl(jobId: string): string;
  /** Puts text on the system clipboard; false where there is none or the write failed. */
  copyText(text: string): Promise<boolean>;
  /**
   * The work under way, for the taskbar or dock (a bar on the app's icon); undefined when nothing
   * runs. Optional: the browser preview has no taskbar.
   */
  showProgress?(progress: BatchProgress | undefined): void;
}
