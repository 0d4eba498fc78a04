/**
 * The key in the real GNOME Keyring, as a person on a Linux desktop uses it: the first start asks
 * for the key, a wrong one is refused, the right one is locked by the keyring (Chromium's "v11"
 * ciphertext, never the fixed-key "v10") and is there again after a restart. Then the keyring is
 * locked, as a screen lock or timeout leaves it: the app asks again and says why, and the saved
 * key is never deleted, so it is back once the keyring is unlocked.
 */

import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_REASONS } from '../../src/main/app/secure-key-store';
import type { Simulator } from '../simulator';
import { keyringLocked, lockKeyring, unlockKeyring } from './keyring-lock';
import {
  addButton,
  enterKey,
  filesContaining,
  inPage,
  keyField,
  launchApp,
  makeWorkspace,
  startTestSimulator,
  type Launched,
  type Workspace,
} from './launch';

const keyStatus = (page: Page) =>
  inPage<{
    ok: boolean;
    value: { state: string; last4?: string; reason?: string; reasonKey?: string };
  }>(page, `window.diarist['key:status']()`);

describe('The key in the real keyring', () => {
  let sim: Simulator;
  let ws: Workspace;
  let s: Launched | undefined;
  const keyFile = () => join(ws.dataDir, 'api-key.json');
  const relaunch = async () => {
    await s?.close();
    s = await launchApp(ws, sim);
    return s;
  };

  beforeAll(async () => {
    sim = await startTestSimulator();
    ws = await makeWorkspace();
  });
  afterAll(async () => {
    await s?.close();
    // The keyring is the whole suite's: never leave it locked for the files after this one.
    if (await keyringLocked().catch(() => false)) await unlockKeyring();
    await sim?.close();
    await ws?.remove();
  });

  it('first start: shows the key screen, refuses a wrong key and saves nothing', async () => {
    const { page, app } = await relaunch();
    // The real keyring, not a fallback: Chromium picked the Secret Service.
    await expect(
      app.evaluate(({ safeStorage }) => safeStorage.getSelectedStorageBackend()),
    ).resolves.toBe('gnome_libsecret');
    await keyField(page).waitFor();
    await expect(addButton(page).count()).resolves.toBe(0);
    await enterKey(page, 'sk_this-is-not-the-key');
    await page.getByText(/did not accept this key/).waitFor();
    await expect(keyStatus(page)).resolves.toEqual({ ok: true, value: { state: 'missing' } });
    expect(existsSync(keyFile())).toBe(false);
  });

  it('saves the right key locked by the keyring: a v11 ciphertext with no trace of the key', async () => {
    const { page } = s!;
    const key = sim.apiKey;
    await enterKey(page, key);
    await addButton(page).waitFor();
    await expect(keyStatus(page)).resolves.toEqual({
      ok: true,
      value: { state: 'stored', last4: key.slice(-4) },
    });
    // No "kept only until Diarist closes" banner for a stored key.
    await expect(page.getByText(/kept only until Diarist closes/).count()).resolves.toBe(0);
    const text = await readFile(keyFile(), 'utf8');
    const saved = JSON.parse(text) as { version: number; encrypted: string };
    expect(Object.keys(saved).sort()).toEqual(['encrypted', 'version']);
    const ciphertext = Buffer.from(saved.encrypted, 'base64');
    expect(ciphertext.subarray(0, 3).toString('latin1')).toBe('v11');
    expect(((await stat(keyFile())).mode & 0o777).toString(8)).toBe('600');
    for (const trace of [
      key,
      key.slice(3, 15),
      Buffer.from(key).toString('base64'),
      Buffer.from(key).toString('hex'),
    ]) {
      expect(text.includes(trace)).toBe(false);
      expect(ciphertext.includes(trace)).toBe(false);
    }
    expect(await filesContaining(ws.dataDir, key)).toEqual([]);
  });

  it('after a restart: the main screen without the key screen, and the key is stored', async () => {
    const { page } = await relaunch();
    await addButton(page).waitFor();
    await expect(keyField(page).count()).resolves.toBe(0);
    await expect(keyStatus(page)).resolves.toEqual({
      ok: true,
      value: { state: 'stored', last4: sim.apiKey.slice(-4) },
    });
  });

  it('keeps the voice library locked by the keyring too: a v11 ciphertext, no trace of a voice', async () => {
    const { page } = s!;
    const state = await inPage<{ ok: boolean; value: { storage: { ok: boolean } } }>(
      page,
      `window.diarist['voices:consent']()`,
    );
    expect(state).toMatchObject({ ok: true, value: { storage: { ok: true } } });
    const sealed = await readFile(join(ws.dataDir, 'voices.bin'));
    expect(sealed.subarray(0, 3).toString('latin1')).toBe('v11');
    for (const trace of ['consentedAt', 'voices', '"version"'])
      expect(sealed.includes(trace)).toBe(false);
    // The page's Voices list opens on it, empty, with nothing to say about storage.
    await page.getByRole('button', { name: 'Voices', exact: true }).click();
    await page.getByRole('dialog').getByText('No voices are remembered yet.').waitFor();
    await page.keyboard.press('Escape');
  });

  it('with the keyring locked at start: asks for the key, says why, and keeps the saved key file', async () => {
    const before = await readFile(keyFile());
    await s!.close();
    await lockKeyring();
    const { page } = await relaunch();
    await keyField(page).waitFor();
    await expect(keyStatus(page)).resolves.toEqual({
      ok: true,
      value: {
        state: 'missing',
        reason: KEY_REASONS.linuxUnavailable,
        reasonKey: 'linuxUnavailable',
      },
    });
    // The person reads why, on the screen that asks for the key.
    await page.getByText(KEY_REASONS.linuxUnavailable).waitFor();
    expect(await readFile(keyFile())).toEqual(before);
  });

  it('a key entered while the keyring is locked works for the session; the saved file stays', async () => {
    const { page } = s!;
    const before = await readFile(keyFile());
    await enterKey(page, sim.apiKey);
    await addButton(page).waitFor();
    await expect(keyStatus(page)).resolves.toMatchObject({
      ok: true,
      value: { state: 'session-only', reason: KEY_REASONS.linuxUnavailable },
    });
    await page
      .getByText(`Your key is kept only until Diarist closes: ${KEY_REASONS.linuxUnavailable}`)
      .waitFor();
    await s!.close();
    expect(await readFile(keyFile())).toEqual(before);
  });

  it('once the keyring is unlocked, the saved key is back after a restart', async () => {
    await unlockKeyring();
    const { page } = await relaunch();
    await addButton(page).waitFor();
    await expect(keyStatus(page)).resolves.toEqual({
      ok: true,
      value: { state: 'stored', last4: sim.apiKey.slice(-4) },
    });
    await expect(page.getByText(/kept only until Diarist closes/).count()).resolves.toBe(0);
  });
});
