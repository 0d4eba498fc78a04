/**
 * Linux desktops where the key cannot be saved safely, in the real Electron: a bare window
 * manager with no password store at all (Chromium falls back to basic_text, a key built into the
 * program), and a GNOME session whose keyring does not answer (session bus unreachable). Either
 * way the key works until the app closes, the person is told why and what to install, nothing is
 * written to api-key.json, and after a restart the key screen asks again.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_REASONS } from '../../src/main/app/secure-key-store';
import type { Simulator } from '../simulator';
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
  type LaunchOptions,
  type Workspace,
} from './launch';

/** No session bus: no Secret Service, no KWallet. */
const NO_BUS = 'unix:path=/nonexistent/diarist-test-bus';

const keyStatus = (page: Page) =>
  inPage<{
    ok: boolean;
    value: { state: string; last4?: string; reason?: string; reasonKey?: string };
  }>(page, `window.diarist['key:status']()`);

const desktops: {
  name: string;
  env: LaunchOptions['env'];
  backend: string;
  reason: string;
  reasonKey: string;
  /** What the person is told to do. */
  advice: RegExp;
}[] = [
  {
    name: 'a desktop with no password store at all',
    // A window manager session: Chromium recognises no desktop, so it looks for no keyring.
    env: {
      DBUS_SESSION_BUS_ADDRESS: NO_BUS,
      XDG_CURRENT_DESKTOP: undefined,
      DESKTOP_SESSION: undefined,
    },
    backend: 'basic_text',
    reason: KEY_REASONS.linuxNoKeyring,
    reasonKey: 'linuxNoKeyring',
    advice: /Install and unlock one, e\.g\. gnome-keyring, then restart Diarist/,
  },
  {
    name: 'a GNOME desktop whose keyring does not answer',
    env: { DBUS_SESSION_BUS_ADDRESS: NO_BUS, XDG_CURRENT_DESKTOP: 'GNOME' },
    backend: 'gnome_libsecret',
    reason: KEY_REASONS.linuxUnavailable,
    reasonKey: 'linuxUnavailable',
    advice: /Unlock it, then restart Diarist/,
  },
];

for (const desktop of desktops) {
  describe(`On ${desktop.name}`, () => {
    let sim: Simulator;
    let ws: Workspace;
    let s: Launched | undefined;
    const keyFile = () => join(ws.dataDir, 'api-key.json');
    const relaunch = async () => {
      await s?.close();
      s = await launchApp(ws, sim, { env: desktop.env });
      return s;
    };

    beforeAll(async () => {
      sim = await startTestSimulator();
      ws = await makeWorkspace();
    });
    afterAll(async () => {
      await s?.close();
      await sim?.close();
      await ws?.remove();
    });

    it('the key screen says before anything is typed that the key will not be saved, and why', async () => {
      const { page, app } = await relaunch();
      const storage = await app.evaluate(({ safeStorage }) => ({
        backend: safeStorage.getSelectedStorageBackend(),
        available: safeStorage.isEncryptionAvailable(),
      }));
      expect(storage).toEqual({ backend: desktop.backend, available: false });
      await keyField(page).waitFor();
      await expect(keyStatus(page)).resolves.toEqual({
        ok: true,
        value: { state: 'missing', reason: desktop.reason, reasonKey: desktop.reasonKey },
      });
      await page.getByText(desktop.reason).waitFor();
      await page.getByText(desktop.advice).waitFor();
    });

    it('keeps the key for this session only, says what to do, and writes it nowhere', async () => {
      const { page } = s!;
      const key = sim.apiKey;
      await enterKey(page, key);
      await addButton(page).waitFor();
      await expect(keyStatus(page)).resolves.toEqual({
        ok: true,
        value: {
          state: 'session-only',
          last4: key.slice(-4),
          reason: desktop.reason,
          reasonKey: desktop.reasonKey,
        },
      });
      await page
        .getByText(`Your key is kept only until Diarist closes: ${desktop.reason}`)
        .waitFor();
      // Settings says so too.
      await page.getByRole('button', { name: 'Settings' }).click();
      const settings = page.getByRole('dialog');
      await settings
        .getByText(`Key ending in ‘${key.slice(-4)}’ kept only until Diarist closes.`)
        .waitFor();
      await settings.getByRole('button', { name: 'Close' }).click();
      // It was checked with the service, which accepted it.
      expect(sim.countRequests({ route: 'GET /v1/test', status: 200 })).toBeGreaterThan(0);
      expect(existsSync(keyFile())).toBe(false);
      expect(await filesContaining(ws.dataDir, key)).toEqual([]);
    });

    it('says voices cannot be kept here either, with the same reason, and writes no library', async () => {
      const { page } = s!;
      const state = await inPage<{
        ok: boolean;
        value: { storage: { ok: boolean; reason?: string; reasonKey?: string } };
      }>(page, `window.diarist['voices:list']()`);
      expect(state).toEqual({
        ok: true,
        value: {
          voices: [],
          storage: { ok: false, reason: desktop.reason, reasonKey: desktop.reasonKey },
        },
      });
      const consent = await inPage<{ ok: boolean; error?: { key?: string } }>(
        page,
        `window.diarist['voices:consent']()`,
      );
      expect(consent).toMatchObject({ ok: false, error: { key: 'voices.noStorage' } });
      expect(existsSync(join(ws.dataDir, 'voices.bin'))).toBe(false);
    });

    it('after a restart the key is gone and the key screen asks again; nothing was written', async () => {
      const { page } = await relaunch();
      await keyField(page).waitFor();
      await expect(addButton(page).count()).resolves.toBe(0);
      await expect(keyStatus(page)).resolves.toEqual({
        ok: true,
        value: { state: 'missing', reason: desktop.reason, reasonKey: desktop.reasonKey },
      });
      await s!.close();
      expect(existsSync(keyFile())).toBe(false);
      expect(await filesContaining(ws.dataDir, sim.apiKey)).toEqual([]);
    });
  });
}
