/**
 * Keeps the API key encrypted by the operating system's keychain (Electron safeStorage, async
 * API), and refuses to write it anywhere the OS would only obfuscate it.
 */

import { readFile, rm } from 'node:fs/promises';
import type { KeyStatus } from '../../shared/ipc-contract';
import { writePrivateFileAtomic } from '../storage/files';
import { last4 } from './memory-stores';
import type { KeyStore } from './ports';

/** The part of Electron's safeStorage this store uses; the composition root passes the real one. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which password store Chromium picked. */
  getSelectedStorageBackend(): string;
}

export interface SafeKeyStoreOptions {
  /** The encrypted key's file, in the app's own data folder. */
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
}

/** Backends that only obfuscate: anyone who can read the file could read the key. */
const PLAINTEXT_BACKENDS = new Set(['basic_text', 'unknown']);

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
  undecryptable: 'Your saved key could not be unlocked on this computer; enter it again.',
} as const;

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
  /** Told once per launch: the saved key could not be decrypted and was removed. */
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
      return reason ? { state: 'missing', reason } : { state: 'missing' };
    }
    const sessionOnlyReason = this.backendReason ?? this.encryptFailedReason;
    if (sessionOnlyReason !== undefined) {
      return { state: 'session-only', last4: last4(this.key), reason: sessionOnlyReason };
    }
    return { state: 'stored', last4: last4(this.key) };
  }

  private load(): Promise<void> {
    this.loaded ??= this.readSavedKey();
    return this.loaded;
  }

  private async readSavedKey(): Promise<void> {
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
    try {
      const { result, shouldReEncrypt } = await this.options.safeStorage.decryptStringAsync(
        parseKeyFile(text),
      );
      if (!result) throw new Error('empty key');
      this.key = result;
      if (shouldReEncrypt) await this.reEncrypt(result);
    } catch {
      // A new computer, a reset keychain or a damaged file: the key is gone for good, so the
      // file goes too, and the person is asked once for the key again instead of failing on
      // every start.
      await rm(this.options.file, { force: true }).catch(() => undefined);
      this.notice = KEY_REASONS.undecryptable;
    }
  }

  /** The keychain rotated its key; failing to follow only means doing it again next start. */
  private async reEncrypt(key: string): Promise<void> {
    try {
      await this.writeEncrypted(await this.options.safeStorage.encryptStringAsync(key));
    } catch {
      // The old ciphertext still decrypts.
    }
  }

  private async whyNotSecure(): Promise<string | undefined> {
    const { safeStorage, platform } = this.options;
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

function parseKeyFile(text: string): Buffer {
  const parsed = JSON.parse(text) as Partial<KeyFile> | null;
  if (parsed?.version !== 1 || typeof parsed.encrypted !== 'string') {
    throw new Error('unrecognised key file');
  }
  return Buffer.from(parsed.encrypted, 'base64');
}
