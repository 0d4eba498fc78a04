/**
 * The app's SecretBox (the voice library): the operating system's keychain through Electron
 * safeStorage, exactly as the key is kept, with the same rules. Where the key could only be kept
 * until Diarist closes, voices cannot be saved at all, and the state says why in the key's words.
 */

import type { KeyStatus } from '../../shared/ipc-contract';
import type { SecretBox } from '../../core/app/ports';
import {
  isFixedKeyCiphertext,
  KEY_REASONS,
  whyNotSecure,
  withKey,
  type SafeStorageLike,
} from './secure-key-store';

export interface SafeSecretBoxOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** As for the key: the keychain is first asked once the window is on screen. */
  keychainAllowed?: Promise<unknown>;
  /** The key's status: a key kept only for this session means no safe place for voices either. */
  keyStatus?: () => Promise<KeyStatus>;
}

export function safeSecretBox(options: SafeSecretBoxOptions): SecretBox {
  const { safeStorage, platform } = options;
  let backend: Promise<string | undefined> | undefined;
  const backendReason = async () => {
    await options.keychainAllowed;
    backend ??= whyNotSecure(safeStorage, platform);
    return backend;
  };
  return {
    async available() {
      const reason = await backendReason();
      if (reason !== undefined) return { ok: false, ...withKey(reason) };
      const key = await options.keyStatus?.().catch(() => undefined);
      if (key?.state === 'session-only' && key.reason) {
        return {
          ok: false,
          reason: key.reason,
          ...(key.reasonKey ? { reasonKey: key.reasonKey } : {}),
        };
      }
      return { ok: true };
    },
    async encrypt(plainText) {
      const reason = await backendReason();
      if (reason !== undefined) throw new Error(reason);
      const encrypted = await safeStorage.encryptStringAsync(plainText);
      // Readable by anyone with a copy of Chromium: never written.
      if (isFixedKeyCiphertext(encrypted, platform)) throw new Error(KEY_REASONS.fixedKey);
      return encrypted;
    },
    async decrypt(data) {
      await backendReason();
      const { result } = await safeStorage.decryptStringAsync(data);
      return result;
    },
  };
}
