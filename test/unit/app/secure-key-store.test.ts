import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KEY_REASONS,
  SafeKeyStore,
  type SafeStorageLike,
} from '../../../src/main/app/secure-key-store';

const KEY = 'sk_live_abcdefghijklmnop1234';

/** A stand-in keychain: a reversible scramble keyed per "computer", so another one cannot decrypt. */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  shouldReEncrypt = false;
  failEncrypt = false;
  encryptCalls = 0;
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
    const bytes = Buffer.from(`v10${plainText}`, 'utf8');
    return Buffer.from(bytes.map((b) => b ^ this.machine));
  }
  async decryptStringAsync(encrypted: Buffer) {
    const text = Buffer.from(encrypted.map((b) => b ^ this.machine)).toString('utf8');
    if (!text.startsWith('v10')) throw new Error('Error while decrypting the ciphertext');
    return { result: text.slice(3), shouldReEncrypt: this.shouldReEncrypt };
  }
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
    });
    expect(await store.get()).toBe(KEY);
    // The old key must not come back at the next start in place of the new one.
    expect(await open(keychain).get()).toBeUndefined();
  });
});

describe('SafeKeyStore when the saved key cannot be decrypted', () => {
  it('deletes the file, reports missing with a plain reason, and does not throw', async () => {
    await open(new FakeSafeStorage(0x5a)).set(KEY);
    const otherComputer = open(new FakeSafeStorage(0x33));
    expect(await otherComputer.get()).toBeUndefined();
    expect(await otherComputer.status()).toEqual({
      state: 'missing',
      reason: 'Your saved key could not be unlocked on this computer; enter it again.',
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    // The next start has nothing left to complain about.
    expect(await open(new FakeSafeStorage(0x33)).status()).toEqual({ state: 'missing' });
  });

  it('treats a damaged file the same way', async () => {
    await writeFile(file, '{not json');
    expect(await open(new FakeSafeStorage()).status()).toMatchObject({
      state: 'missing',
      reason: KEY_REASONS.undecryptable,
    });
  });

  it('stops showing the reason once a new key is entered', async () => {
    await open(new FakeSafeStorage(0x5a)).set(KEY);
    const store = open(new FakeSafeStorage(0x33));
    expect((await store.status()).reason).toBeDefined();
    expect(await store.set(KEY)).toEqual({ state: 'stored', last4: '1234' });
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
      expect(before).toEqual({ state: 'missing', reason: KEY_REASONS.linuxNoKeyring });
      expect(before.reason).toMatch(/GNOME Keyring or KWallet/);
      expect(before.reason).toMatch(/gnome-keyring/);

      expect(await store.set(KEY)).toEqual({
        state: 'session-only',
        last4: '1234',
        reason: KEY_REASONS.linuxNoKeyring,
      });
      expect(await store.get()).toBe(KEY);
      expect(keychain.encryptCalls).toBe(0);
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
      // Gone after a restart, as promised.
      expect(await open(keychain, 'linux').get()).toBeUndefined();
    },
  );

  it.each([
    ['darwin', KEY_REASONS.macUnavailable],
    ['win32', KEY_REASONS.otherUnavailable],
    ['linux', KEY_REASONS.linuxUnavailable],
  ] as const)(
    'on %s with encryption unavailable keeps the key in memory',
    async (platform, reason) => {
      const keychain = new FakeSafeStorage();
      keychain.available = false;
      const store = open(keychain, platform);
      expect(await store.set(KEY)).toEqual({ state: 'session-only', last4: '1234', reason });
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
