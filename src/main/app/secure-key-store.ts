/**
 * Keeps the API key encrypted by the operating system's keychain (Electron safeStorage, async
 * API), and refuses to write it anywhere the OS would only obfuscate it.
 */

import { readFile, rm } from 'node:fs/promises';
import type { KeyReasonKey, KeyStatus } from '../../shared/ipc-contract';
import { writePrivateFileAtomic } from '../../core/storage/files';
import { last4 } from '../../core/app/memory-stores';
import type { KeyStore } from '../../core/app/ports';

/** The async safeStorage API (Electron 42+) this store works with. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which password store Chromium picked. */
  getSelectedStorageBackend(): string;
}

/** The synchronous safeStorage API every Electron has (the only one before 42). */
export interface SyncSafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
}

/**
 * The async API where this Electron has it (the shipped 45), else the synchronous one behind the
 * same interface (the Electron 33 test runtime). Chosen by feature, not by version number.
 */
export function asyncSafeStorage(
  safeStorage: Partial<SafeStorageLike> & SyncSafeStorageLike,
): SafeStorageLike {
  if (
    typeof safeStorage.isAsyncEncryptionAvailable === 'function' &&
    typeof safeStorage.encryptStringAsync === 'function' &&
    typeof safeStorage.decryptStringAsync === 'function'
  ) {
    return safeStorage as SafeStorageLike;
  }
  return {
    isAsyncEncryptionAvailable: async () => safeStorage.isEncryptionAvailable(),
    encryptStringAsync: async (plainText) => safeStorage.encryptString(plainText),
    decryptStringAsync: async (encrypted) => ({
      result: safeStorage.decryptString(encrypted),
      shouldReEncrypt: false,
    }),
    getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend(),
  };
}

export interface SafeKeyStoreOptions {
  /** The encrypted key's file, in the app's own data folder. */
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /**
   * Resolves when the keychain may be asked: after the window is on screen, so an unlock prompt
   * never appears for an app that shows nothing yet.
   */
  keychainAllowed?: Promise<unknown>;
}

/** Backends that only obfuscate: anyone who can read the file could read the key. */
const PLAINTEXT_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * On Linux, Chromium marks what it encrypted with a fixed key built into every copy of the
 * program ("v10") apart from what the keyring's own key protects ("v11"). Async safeStorage falls
 * back to the fixed key when no secret service answers while still reporting encryption as
 * available, so the prefix, not the report, says whether the key would really be protected.
 */
export function isFixedKeyCiphertext(encrypted: Buffer, platform: NodeJS.Platform): boolean {
  return platform === 'linux' && encrypted.subarray(0, 3).toString('latin1') === 'v10';
}

export const KEY_REASONS = {
  linuxNoKeyring:
    'No secure password store was found (GNOME Keyring or KWallet). Install and unlock one, e.g. gnome-keyring, then restart Diarist; until then your key is kept only until Diarist closes.',
  linuxUnavailable:
    'Your password store (GNOME Keyring or KWallet) could not be used. Unlock it, then restart Diarist; until then your key is kept only until Diarist closes.',
  macUnavailable:
    'The macOS Keychain could not be used, so your key cannot be saved. It is kept only until Diarist closes.',
  otherUnavailable:
    'This computer offers no secure place to save your key, so it is kept only until Diarist closes.',
  encryptFailed:
    'Your key could not be locked in the system keychain, so it is kept only until Diarist closes. Check that the keychain is unlocked, then enter the key again.',
  undecryptable:
    'Your saved key could not be unlocked: the system keychain may be locked or not answering. Unlock it and restart Diarist, or enter the key again.',
  fixedKey:
    'No secure password store answered (GNOME Keyring or KWallet), so your key is not saved: it is kept only until Diarist closes. Install and unlock one, e.g. gnome-keyring, then restart Diarist.',
} as const;

/** A reason with its name, so the page can say it in the person's language. */
export function withKey(reason: string): { reason: string; reasonKey?: KeyReasonKey } {
  const name = (Object.keys(KEY_REASONS) as (keyof typeof KEY_REASONS)[]).find(
    (key) => KEY_REASONS[key] === reason,
  );
  return name ? { reason, reasonKey: name } : { reason };
}

/** What is written to disk: only the ciphertext, in a versioned envelope. */
interface KeyFile {
  version: 1;
  encrypted: string;
}

export class SafeKeyStore implements KeyStore {
  private key: string | undefined;
  /** Set when this computer has no safe place for the key; says why, in words to act on. */
  private backendReason: string | undefined;
  /** Set when the keychain refused the current key; tried again with the next key. */
  private encryptFailedReason: string | undefined;
  /** Told at each launch while the saved key cannot be decrypted (the file is kept). */
  private notice: string | undefined;
  private loaded: Promise<void> | undefined;
  /** Writes and deletions run one after another so the file always matches the last call. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SafeKeyStoreOptions) {}

  async status(): Promise<KeyStatus> {
    await this.load();
    return this.currentStatus();
  }

  async get(): Promise<string | undefined> {
    await this.load();
    return this.key;
  }

  set(key: string): Promise<KeyStatus> {
    return this.serially(async () => {
      await this.load();
      this.notice = undefined;
      this.encryptFailedReason = undefined;
      if (this.backendReason === undefined) {
        let encrypted: Buffer | undefined;
        try {
          encrypted = await this.options.safeStorage.encryptStringAsync(key);
        } catch {
          // A locked or refused keychain: the key still works for this session, and an older
          // saved key must not come back at the next start in its place.
          this.encryptFailedReason = KEY_REASONS.encryptFailed;
          await rm(this.options.file, { force: true });
        }
        if (encrypted && isFixedKeyCiphertext(encrypted, this.options.platform)) {
          // Readable by anyone with a copy of Chromium: never written, and nothing older kept.
          this.encryptFailedReason = KEY_REASONS.fixedKey;
          encrypted = undefined;
          await rm(this.options.file, { force: true });
        }
        // A failed write (disk full, no permission) reaches the person as a DiaristError.
        if (encrypted) await this.writeEncrypted(encrypted);
      }
      this.key = key;
      return this.currentStatus();
    });
  }

  clear(): Promise<KeyStatus> {
    return this.serially(async () => {
      await this.load();
      this.key = undefined;
      this.notice = undefined;
      this.encryptFailedReason = undefined;
      await rm(this.options.file, { force: true });
      return this.currentStatus();
    });
  }

  private currentStatus(): KeyStatus {
    if (this.key === undefined) {
      const reason = this.notice ?? this.backendReason;
      return reason ? { state: 'missing', ...withKey(reason) } : { state: 'missing' };
    }
    const sessionOnlyReason = this.backendReason ?? this.encryptFailedReason;
    if (sessionOnlyReason !== undefined) {
      return { state: 'session-only', last4: last4(this.key), ...withKey(sessionOnlyReason) };
    }
    return { state: 'stored', last4: last4(this.key) };
  }

  private load(): Promise<void> {
    this.loaded ??= this.readSavedKey();
    return this.loaded;
  }

  private async readSavedKey(): Promise<void> {
    await this.options.keychainAllowed;
    this.backendReason = await this.whyNotSecure();
    // Without a safe backend the file is left alone: a key saved while the keyring worked
    // becomes readable again once the person unlocks or installs it.
    if (this.backendReason !== undefined) return;
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch {
      return;
    }
    let encrypted: Buffer;
    try {
      encrypted = parseKeyFile(text);
    } catch {
      // Not a file this store wrote (damaged, or from elsewhere): left in place, asked again.
      this.notice = KEY_REASONS.undecryptable;
      return;
    }
    let result: string;
    let shouldReEncrypt: boolean;
    try {
      ({ result, shouldReEncrypt } = await this.options.safeStorage.decryptStringAsync(encrypted));
      if (!result) throw new Error('empty key');
    } catch {
      // A locked keychain, a dismissed prompt or a secret service that is briefly unavailable
      // look the same as a key that is gone for good, so the file stays: the next start tries
      // again, and a key the person enters replaces it.
      this.notice = KEY_REASONS.undecryptable;
      return;
    }
    this.key = result;
    if (isFixedKeyCiphertext(encrypted, this.options.platform)) {
      // Saved earlier under the fixed key: protect it now if the keyring can, else drop the file.
      await this.protectFixedKeyFile(result);
      return;
    }
    if (shouldReEncrypt) await this.reEncrypt(result);
  }

  /** A key file saved under Chromium's fixed key is as good as plain text. */
  private async protectFixedKeyFile(key: string): Promise<void> {
    let encrypted: Buffer | undefined;
    try {
      encrypted = await this.options.safeStorage.encryptStringAsync(key);
    } catch {
      encrypted = undefined;
    }
    if (encrypted && !isFixedKeyCiphertext(encrypted, this.options.platform)) {
      await this.writeEncrypted(encrypted).catch(() => undefined);
      return;
    }
    this.encryptFailedReason = KEY_REASONS.fixedKey;
    await rm(this.options.file, { force: true }).catch(() => undefined);
  }

  /** The keychain rotated its key; failing to follow only means doing it again next start. */
  private async reEncrypt(key: string): Promise<void> {
    try {
      await this.writeEncrypted(await this.options.safeStorage.encryptStringAsync(key));
    } catch {
      // The old ciphertext still decrypts.
    }
  }

  private whyNotSecure(): Promise<string | undefined> {
    return whyNotSecure(this.options.safeStorage, this.options.platform);
  }

  private async writeEncrypted(encrypted: Buffer): Promise<void> {
    const file: KeyFile = { version: 1, encrypted: encrypted.toString('base64') };
    await writePrivateFileAtomic(this.options.file, JSON.stringify(file));
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Why this computer cannot keep secrets safely (the key, the voice library), in words to act on;
 * undefined when its keychain can.
 */
export async function whyNotSecure(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<string | undefined> {
  // Also initialises the async encryptor, after which the Linux backend is known.
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (platform === 'linux') {
    let backend: string;
    try {
      backend = safeStorage.getSelectedStorageBackend();
    } catch {
      backend = 'unknown';
    }
    // Chromium's basic_text "encryption" uses a key built into the program: refuse it.
    if (PLAINTEXT_BACKENDS.has(backend)) return KEY_REASONS.linuxNoKeyring;
    return available ? undefined : KEY_REASONS.linuxUnavailable;
  }
  if (available) return undefined;
  return platform === 'darwin' ? KEY_REASONS.macUnavailable : KEY_REASONS.otherUnavailable;
}

function parseKeyFile(text: string): Buffer {
  const parsed = JSON.parse(text) as Partial<KeyFile> | null;
  if (parsed?.version !== 1 || typeof parsed.encrypted !== 'string') {
    throw new Error('unrecognised key file');
  }
  return Buffer.from(parsed.encrypted, 'base64');
}
