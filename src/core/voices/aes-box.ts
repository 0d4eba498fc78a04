/**
 * AES-256-GCM boxes for the voice library where there is no keychain: the browser preview (a
 * random key held in memory for the process) and the command line (a key derived from
 * PYANNOTE_API_KEY, so the library is as safe as the key the command already needs).
 *
 * A sealed file is `magic (4) | salt (16, key-derived boxes only) | iv (12) | tag (16) | data`.
 */

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { DiaristError } from '../errors';
import type { SecretBox } from '../app/ports';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** A box held in memory (the preview). */
const MEMORY_MAGIC = Buffer.from('DVM1', 'latin1');
/** A box whose key comes from the API key (the command line). */
const API_KEY_MAGIC = Buffer.from('DVK1', 'latin1');
/** Binds the derived key to its use: the same API key gives other keys elsewhere. */
const HKDF_INFO = 'diarist voice library v1';

function seal(key: Buffer, header: Buffer, plainText: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The header (magic and salt) is authenticated too: changing it fails the tag.
  cipher.setAAD(header);
  const data = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), data]);
}

/** The plain text, or undefined when the tag does not match (another key, or damaged bytes). */
function unseal(key: Buffer, header: Buffer, rest: Buffer): string | undefined {
  if (rest.length < IV_BYTES + TAG_BYTES) return undefined;
  const iv = rest.subarray(0, IV_BYTES);
  const tag = rest.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    const data = rest.subarray(IV_BYTES + TAG_BYTES);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Not something a box of this kind wrote (damaged, or another program's file). */
function notOurs(): Error {
  return new Error('not a sealed voice library');
}

/** The browser preview's box: a random key that lives as long as the process, never on disk. */
export function memorySecretBox(key: Buffer = randomBytes(KEY_BYTES)): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error('an AES-256 key has 32 bytes');
  return {
    available: async () => ({ ok: true }),
    encrypt: async (plainText) => seal(key, MEMORY_MAGIC, plainText),
    decrypt: async (data) => {
      if (!data.subarray(0, MEMORY_MAGIC.length).equals(MEMORY_MAGIC)) throw notOurs();
      const text = unseal(key, MEMORY_MAGIC, data.subarray(MEMORY_MAGIC.length));
      if (text === undefined) throw notOurs();
      return text;
    },
  };
}

/** The voice library cannot be read with this key: said plainly, and the file is left alone. */
export function wrongKeyError(): DiaristError {
  return new DiaristError(
    'unauthorized',
    'The saved voices cannot be read with this API key: they were saved with another one (or the file is damaged). Set PYANNOTE_API_KEY to the key they were saved with, or remove all voices to start again.',
    { key: 'voices.wrongKey' },
  );
}

function noApiKeyError(): DiaristError {
  return new DiaristError(
    'missing-key',
    'Known voices are kept encrypted with your pyannoteAI API key: set PYANNOTE_API_KEY and try again.',
    { key: 'voices.noApiKey' },
  );
}

/** Whether `error` is the box saying the file was locked with another key (not damage to set aside). */
export function isWrongKeyError(error: unknown): boolean {
  return error instanceof DiaristError && error.key === 'voices.wrongKey';
}

/**
 * The command line's box: AES-256-GCM under a key derived by HKDF-SHA256 from the API key, with
 * a random salt written in each file's header. `apiKey` is read at each use.
 */
export function apiKeySecretBox(apiKey: () => string | undefined): SecretBox {
  const keyFor = (salt: Buffer): Buffer => {
    const secret = apiKey()?.trim();
    if (!secret) throw noApiKeyError();
    return Buffer.from(hkdfSync('sha256', secret, salt, HKDF_INFO, KEY_BYTES));
  };
  return {
    available: async () =>
      apiKey()?.trim() ? { ok: true } : { ok: false, reason: noApiKeyError().message },
    encrypt: async (plainText) => {
      const salt = randomBytes(SALT_BYTES);
      return seal(keyFor(salt), Buffer.concat([API_KEY_MAGIC, salt]), plainText);
    },
    decrypt: async (data) => {
      const headerBytes = API_KEY_MAGIC.length + SALT_BYTES;
      if (
        data.length < headerBytes + IV_BYTES + TAG_BYTES ||
        !data.subarray(0, API_KEY_MAGIC.length).equals(API_KEY_MAGIC)
      ) {
        throw notOurs();
      }
      const header = data.subarray(0, headerBytes);
      const salt = header.subarray(API_KEY_MAGIC.length);
      const text = unseal(keyFor(salt), header, data.subarray(headerBytes));
      // Another key and damaged bytes look the same to GCM; the key is by far the likelier.
      if (text === undefined) throw wrongKeyError();
      return text;
    },
  };
}
