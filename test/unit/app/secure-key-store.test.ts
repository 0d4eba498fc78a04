import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  asyncSafeStorage,
  KEY_REASONS,
  SafeKeyStore,
  type SafeStorageLike,
} from '../../../src/main/app/secure-key-store';

const KEY = 'sk_live_abcdefghijklmnop1234';

/**
 * A stand-in keychain: a reversible scramble keyed per "computer", so another one cannot decrypt.
 * Like Chromium on Linux it marks its output in plain text: "v11" for the keyring's own key,
 * "v10" for the fixed key every copy of Chromium carries (`fixedKey`).
 */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  shouldReEncrypt = false;
  failEncrypt = false;
  failDecrypt = false;
  fixedKey = false;
  encryptCalls = 0;
  decryptCalls = 0;
  constructor(private readonly machine = 0x5a) {}

  async isAsyncEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  async encryptStringAsync(plainText: string) {
    this.encryptCalls++;
    if (this.failEncrypt) throw new Error('keychain locked');
    const mask = this.fixedKey ? 0x10 : this.machine;
    const body = Buffer.from(`ok${plainText}`, 'utf8').map((b) => b ^ mask);
    return Buffer.concat([Buffer.from(this.fixedKey ? 'v10' : 'v11'), body]);
  }
  async decryptStringAsync(encrypted: Buffer) {
    this.decryptCalls++;
    if (this.failDecrypt) throw new Error('Error while decrypting the ciphertext');
    const mask = encrypted.subarray(0, 3).toString() === 'v10' ? 0x10 : this.machine;
    const text = Buffer.from(encrypted.subarray(3).map((b) => b ^ mask)).toString('utf8');
    if (!text.startsWith('ok')) throw new Error('Error while decrypting the ciphertext');
    return { result: text.slice(2), shouldReEncrypt: this.shouldReEncrypt };
  }
}

/** The file as the store wrote it: the ciphertext's plain prefix says which key protects it. */
async function savedPrefix(path: string): Promise<string> {
  const saved = JSON.parse(await readFile(path, 'utf8')) as { encrypted: string };
  return Buffer.from(saved.encrypted, 'base64').subarray(0, 3).toString();
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'diarist-key-'));
  file = join(dir, 'api-key.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const open = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') =>
  new SafeKeyStore({ file, safeStorage, platform });

describe('SafeKeyStore with a working keychain', () => {
  it('saves the key encrypted and reads it back after a restart', async () => {
    const keychain = new FakeSafeStorage();
    expect(await open(keychain).status()).toEqual({ state: 'missing' });

    const status = await open(keychain).set(KEY);
    expect(status).toEqual({ state: 'stored', last4: '1234' });

    const restarted = open(keychain);
    expect(await restarted.get()).toBe(KEY);
    expect(await restarted.status()).toEqual({ state: 'stored', last4: '1234' });
  });

  it('writes a file only the owner may read, holding no readable trace of the key', async () => {
    await open(new FakeSafeStorage()).set(KEY);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(text).not.toContain('1234');
  });

  it('never reveals more than the last four characters in its status', async () => {
    const store = open(new FakeSafeStorage());
    const statuses = [await store.set(KEY), await store.status()];
    for (const s of statuses) expect(JSON.stringify(s)).not.toContain(KEY.slice(0, -4));
  });

  it('never writes the key to the console', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => undefined),
    );
    const keychain = new FakeSafeStorage();
    await open(keychain).set(KEY);
    await open(new FakeSafeStorage(0x33)).status(); // a decrypt failure path too
    for (const spy of spies) {
      for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain(KEY);
    }
  });

  it('re-encrypts and rewrites the file when the keychain asks for it', async () => {
    const keychain = new FakeSafeStorage();
    await open(keychain).set(KEY);
    const beforeIno = (await stat(file)).ino;

    keychain.shouldReEncrypt = true;
    keychain.encryptCalls = 0;
    const store = open(keychain);
    expect(await store.get()).toBe(KEY);
    expect(keychain.encryptCalls).toBe(1);
    // Atomic write: a new file was renamed into place.
    expect((await stat(file)).ino).not.toBe(beforeIno);
    expect(await open(keychain).get()).toBe(KEY);
  });

  it('clear removes the saved key from memory and disk', async () => {
    const keychain = new FakeSafeStorage();
    const store = open(keychain);
    await store.set(KEY);
    expect(await store.clear()).toEqual({ state: 'missing' });
    expect(await store.get()).toBeUndefined();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await open(keychain).get()).toBeUndefined();
  });

  it('keeps a key the keychain refuses for this session only, and drops an older saved key', async () => {
    const keychain = new FakeSafeStorage();
    await open(keychain).set('sk_old_key_0000000000');
    keychain.failEncrypt = true;
    const store = open(keychain);
    const status = await store.set(KEY);
    expect(status).toEqual({
      state: 'session-only',
      last4: '1234',
      reason: KEY_REASONS.encryptFailed,
      reasonKey: 'encryptFailed',
    });
    expect(await store.get()).toBe(KEY);
    // The old key must not come back at the next start in place of the new one.
    expect(await open(keychain).get()).toBeUndefined();
  });
});

describe('SafeKeyStore when the saved key cannot be decrypted', () => {
  it('keeps the file, reports missing with a plain reason, and does not throw', async () => {
    await open(new FakeSafeStorage(0x5a)).set(KEY);
    const otherComputer = open(new FakeSafeStorage(0x33));
    expect(await otherComputer.get()).toBeUndefined();
    expect(await otherComputer.status()).toEqual({
      state: 'missing',
      reason: KEY_REASONS.undecryptable,
      reasonKey: 'undecryptable',
    });
    expect(KEY_REASONS.undecryptable).toMatch(/Unlock it and restart Diarist/);
    await expect(stat(file)).resolves.toBeDefined();
  });

  it('never deletes a key the keychain only temporarily refuses, and reads it at the next start', async () => {
    const keychain = new FakeSafeStorage();
    await open(keychain).set(KEY);
    // A locked keyring, a dismissed prompt, "temporarily unavailable": the same failure here.
    keychain.failDecrypt = true;
    expect(await open(keychain).status()).toEqual({
      state: 'missing',
      reason: KEY_REASONS.undecryptable,
      reasonKey: 'undecryptable',
    });
    expect(await open(keychain).get()).toBeUndefined();
    keychain.failDecrypt = false;
    const unlocked = open(keychain);
    expect(await unlocked.get()).toBe(KEY);
    expect(await unlocked.status()).toEqual({ state: 'stored', last4: '1234' });
  });

  it('leaves a damaged file in place and asks for the key', async () => {
    await writeFile(file, '{not json');
    expect(await open(new FakeSafeStorage()).status()).toMatchObject({
      state: 'missing',
      reason: KEY_REASONS.undecryptable,
      reasonKey: 'undecryptable',
    });
    await expect(readFile(file, 'utf8')).resolves.toBe('{not json');
  });

  it('stops showing the reason once a new key is entered, which replaces the file', async () => {
    await open(new FakeSafeStorage(0x5a)).set(KEY);
    const store = open(new FakeSafeStorage(0x33));
    expect((await store.status()).reason).toBeDefined();
    expect(await store.set(KEY)).toEqual({ state: 'stored', last4: '1234' });
    expect(await open(new FakeSafeStorage(0x33)).get()).toBe(KEY);
  });
});

describe("SafeKeyStore and Chromium's fixed Linux key (v10)", () => {
  it('never saves a key that would be encrypted with the fixed key', async () => {
    const keychain = new FakeSafeStorage();
    keychain.fixedKey = true; // "available", yet no secret service answered
    const store = open(keychain, 'linux');
    expect(await store.set(KEY)).toEqual({
      state: 'session-only',
      last4: '1234',
      reason: KEY_REASONS.fixedKey,
      reasonKey: 'fixedKey',
    });
    expect(await store.get()).toBe(KEY);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await open(keychain, 'linux').get()).toBeUndefined();
  });

  it('moves a key saved earlier under the fixed key into the keyring when it answers', async () => {
    const keychain = new FakeSafeStorage();
    keychain.fixedKey = true;
    // As an earlier Diarist would have written it.
    const encrypted = await keychain.encryptStringAsync(KEY);
    await writeFile(file, JSON.stringify({ version: 1, encrypted: encrypted.toString('base64') }));
    keychain.fixedKey = false;
    const store = open(keychain, 'linux');
    expect(await store.status()).toEqual({ state: 'stored', last4: '1234' });
    expect(await savedPrefix(file)).toBe('v11');
  });

  it('drops a key file saved under the fixed key when no keyring answers, keeping the key for the session', async () => {
    const keychain = new FakeSafeStorage();
    keychain.fixedKey = true;
    const encrypted = await keychain.encryptStringAsync(KEY);
    await writeFile(file, JSON.stringify({ version: 1, encrypted: encrypted.toString('base64') }));
    const store = open(keychain, 'linux');
    expect(await store.status()).toEqual({
      state: 'session-only',
      last4: '1234',
      reason: KEY_REASONS.fixedKey,
      reasonKey: 'fixedKey',
    });
    expect(await store.get()).toBe(KEY);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('trusts a v10 ciphertext on macOS and Windows, where v10 is the OS-protected format', async () => {
    const keychain = new FakeSafeStorage();
    keychain.fixedKey = true;
    expect(await open(keychain, 'darwin').set(KEY)).toEqual({ state: 'stored', last4: '1234' });
    expect(await open(keychain, 'darwin').get()).toBe(KEY);
  });
});

describe('SafeKeyStore timing and runtimes', () => {
  it('asks the keychain nothing before it is allowed to (the window is on screen)', async () => {
    const keychain = new FakeSafeStorage();
    await open(keychain).set(KEY);
    keychain.decryptCalls = 0;
    let allow = () => {};
    const keychainAllowed = new Promise<void>((resolve) => (allow = resolve));
    const store = new SafeKeyStore({
      file,
      safeStorage: keychain,
      platform: 'linux',
      keychainAllowed,
    });
    const status = store.status();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(keychain.decryptCalls).toBe(0);
    allow();
    expect(await status).toEqual({ state: 'stored', last4: '1234' });
    expect(keychain.decryptCalls).toBe(1);
  });

  it('uses the synchronous API where an older Electron has no async one', async () => {
    const sync = {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`v11${Buffer.from(text).toString('hex')}`),
      decryptString: (data: Buffer) =>
        Buffer.from(data.subarray(3).toString(), 'hex').toString('utf8'),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    };
    const adapted = asyncSafeStorage(sync);
    expect(await open(adapted).set(KEY)).toEqual({ state: 'stored', last4: '1234' });
    expect(await open(asyncSafeStorage(sync)).get()).toBe(KEY);
  });

  it('prefers the async API when the runtime has it', () => {
    const keychain = Object.assign(new FakeSafeStorage(), {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    });
    expect(asyncSafeStorage(keychain)).toBe(keychain);
  });
});

describe('SafeKeyStore without a safe place for the key', () => {
  it.each(['basic_text', 'unknown'])(
    'refuses the Linux %s backend: session only, nothing written',
    async (backend) => {
      const keychain = new FakeSafeStorage();
      keychain.backend = backend;
      const store = open(keychain, 'linux');
      const before = await store.status();
      expect(before).toEqual({
        state: 'missing',
        reason: KEY_REASONS.linuxNoKeyring,
        reasonKey: 'linuxNoKeyring',
      });
      expect(before.reason).toMatch(/GNOME Keyring or KWallet/);
      expect(before.reason).toMatch(/gnome-keyring/);

      expect(await store.set(KEY)).toEqual({
        state: 'session-only',
        last4: '1234',
        reason: KEY_REASONS.linuxNoKeyring,
        reasonKey: 'linuxNoKeyring',
      });
      expect(await store.get()).toBe(KEY);
      expect(keychain.encryptCalls).toBe(0);
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
      // Gone after a restart, as promised.
      expect(await open(keychain, 'linux').get()).toBeUndefined();
    },
  );

  it.each([
    ['darwin', 'macUnavailable'],
    ['win32', 'otherUnavailable'],
    ['linux', 'linuxUnavailable'],
  ] as const)(
    'on %s with encryption unavailable keeps the key in memory',
    async (platform, reasonKey) => {
      const reason = KEY_REASONS[reasonKey];
      const keychain = new FakeSafeStorage();
      keychain.available = false;
      const store = open(keychain, platform);
      expect(await store.set(KEY)).toEqual({
        state: 'session-only',
        last4: '1234',
        reason,
        reasonKey,
      });
      expect(await store.get()).toBe(KEY);
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it('leaves a key saved earlier untouched, for when the keychain is back', async () => {
    const keychain = new FakeSafeStorage();
    await open(keychain).set(KEY);
    keychain.backend = 'basic_text';
    expect(await open(keychain).status()).toEqual({
      state: 'missing',
      reason: KEY_REASONS.linuxNoKeyring,
      reasonKey: 'linuxNoKeyring',
    });
    keychain.backend = 'gnome_libsecret';
    expect(await open(keychain).get()).toBe(KEY);
  });

  it('ignores the Linux backend name on other systems', async () => {
    const keychain = new FakeSafeStorage();
    keychain.backend = 'unknown';
    expect(await open(keychain, 'darwin').set(KEY)).toEqual({ state: 'stored', last4: '1234' });
  });
});
