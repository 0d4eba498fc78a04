import { describe, expect, it } from 'vitest';
import { apiKeySecretBox, memorySecretBox } from '../../../src/core/voices/aes-box';
import { safeSecretBox } from '../../../src/main/app/safe-secret-box';
import type { SafeStorageLike } from '../../../src/main/app/secure-key-store';
import { KEY_REASONS } from '../../../src/main/app/secure-key-store';

const SECRET = 'Anna Schmidt: vp-0123456789abcdef';

describe('the AES-256-GCM boxes', () => {
  it('seal with a fresh IV each time and open only their own, unchanged bytes', async () => {
    const box = memorySecretBox();
    const a = await box.encrypt(SECRET);
    const b = await box.encrypt(SECRET);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('Anna'))).toBe(false);
    expect(await box.decrypt(a)).toBe(SECRET);
    const flipped = Buffer.from(a);
    flipped[flipped.length - 1]! ^= 1;
    await expect(box.decrypt(flipped)).rejects.toThrow();
    await expect(memorySecretBox().decrypt(a)).rejects.toThrow();
    await expect(box.decrypt(Buffer.from('DVM1'))).rejects.toThrow();
  });

  it('derive the command line key from the API key, with a random salt in the header', async () => {
    const box = apiKeySecretBox(() => 'sk_key-aaaaaaaaaaaa');
    const a = await box.encrypt(SECRET);
    const b = await box.encrypt(SECRET);
    // Magic, then 16 bytes of salt: different each time.
    expect(a.subarray(0, 4).toString('latin1')).toBe('DVK1');
    expect(a.subarray(4, 20).equals(b.subarray(4, 20))).toBe(false);
    expect(await box.decrypt(a)).toBe(SECRET);
    expect(await apiKeySecretBox(() => ' sk_key-aaaaaaaaaaaa ').decrypt(a)).toBe(SECRET);
    await expect(apiKeySecretBox(() => 'sk_key-bbbbbbbbbbbb').decrypt(a)).rejects.toMatchObject({
      key: 'voices.wrongKey',
    });
    // A changed salt is refused too (the header is authenticated).
    const salted = Buffer.from(a);
    salted[5]! ^= 1;
    await expect(box.decrypt(salted)).rejects.toMatchObject({ key: 'voices.wrongKey' });
    await expect(box.decrypt(Buffer.from('something else entirely, long enough'))).rejects.toThrow(
      'not a sealed voice library',
    );
  });
});

class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  fixedKey = false;
  asked = 0;
  async isAsyncEncryptionAvailable() {
    this.asked++;
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  async encryptStringAsync(plainText: string) {
    const body = Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a);
    return Buffer.concat([Buffer.from(this.fixedKey ? 'v10' : 'v11'), body]);
  }
  async decryptStringAsync(encrypted: Buffer) {
    const text = Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    return { result: text, shouldReEncrypt: false };
  }
}

describe("the app's box (safeStorage, as the key)", () => {
  it('encrypts through the keychain once the window allows it', async () => {
    const storage = new FakeSafeStorage();
    let allow = () => {};
    const keychainAllowed = new Promise<void>((resolve) => (allow = resolve));
    const box = safeSecretBox({ safeStorage: storage, platform: 'linux', keychainAllowed });
    const answer = box.available();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(storage.asked).toBe(0);
    allow();
    expect(await answer).toEqual({ ok: true });
    const sealed = await box.encrypt(SECRET);
    expect(sealed.includes(Buffer.from('Anna'))).toBe(false);
    expect(await box.decrypt(sealed)).toBe(SECRET);
  });

  it('gives the key’s reasons where the keychain cannot keep secrets', async () => {
    const storage = new FakeSafeStorage();
    storage.backend = 'basic_text';
    expect(await safeSecretBox({ safeStorage: storage, platform: 'linux' }).available()).toEqual({
      ok: false,
      reason: KEY_REASONS.linuxNoKeyring,
      reasonKey: 'linuxNoKeyring',
    });
    const mac = new FakeSafeStorage();
    mac.available = false;
    expect(await safeSecretBox({ safeStorage: mac, platform: 'darwin' }).available()).toEqual({
      ok: false,
      reason: KEY_REASONS.macUnavailable,
      reasonKey: 'macUnavailable',
    });
  });

  it('is not available while the key is kept only for the session, for the same reason', async () => {
    const box = safeSecretBox({
      safeStorage: new FakeSafeStorage(),
      platform: 'linux',
      keyStatus: async () => ({
        state: 'session-only',
        last4: '1234',
        reason: KEY_REASONS.fixedKey,
        reasonKey: 'fixedKey',
      }),
    });
    expect(await box.available()).toEqual({
      ok: false,
      reason: KEY_REASONS.fixedKey,
      reasonKey: 'fixedKey',
    });
  });

  it('never hands out what only Chromium’s fixed key protects', async () => {
    const storage = new FakeSafeStorage();
    storage.fixedKey = true;
    const box = safeSecretBox({ safeStorage: storage, platform: 'linux' });
    await expect(box.encrypt(SECRET)).rejects.toThrow();
  });
});
