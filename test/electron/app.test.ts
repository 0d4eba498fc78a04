/**
 * Diarist in real Electron: the packed test build (release configuration and fuses, inspector
 * on), driven by Playwright against the pyannoteAI simulator. It checks what only the real shell
 * can show: the window's security, IPC through the real preload, safeStorage, and a recording
 * from the first-run key setup to Done.
 */

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/ipc-contract';
import { openSession, type Session } from './harness';

const pkg = JSON.parse(
  await readFile(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
) as {
  version: string;
};

/** Every file under a folder, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('Diarist in Electron', () => {
  let s: Session;
  // Page code as text: this side has no DOM types, and the page has no TypeScript.
  const inPage = <T = unknown>(expression: string) => s.page.evaluate(expression) as Promise<T>;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('starts packaged, with one window showing the app from app://', async () => {
    const info = await s.app.evaluate(({ app, BrowserWindow }) => ({
      isPackaged: app.isPackaged,
      name: app.getName(),
      version: app.getVersion(),
      windows: BrowserWindow.getAllWindows().length,
    }));
    expect(info).toEqual({ isPackaged: true, name: 'Diarist', version: pkg.version, windows: 1 });
    expect(s.page.url()).toMatch(/^app:\/\//);
    await expect(s.page.title()).resolves.toBe('Diarist');
  });

  it('keeps Node out of the page', async () => {
    const globals = await inPage(`({
      require: typeof require,
      process: typeof process,
      module: typeof module,
      Buffer: typeof Buffer,
    })`);
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
    });
  });

  it('exposes only window.diarist: one function per operation, no ipcRenderer', async () => {
    const bridge = await inPage(`({
      keys: Object.keys(window.diarist).sort(),
      functions: Object.values(window.diarist).every((value) => typeof value === 'function'),
      ipc: 'ipcRenderer' in window || 'electron' in window,
    })`);
    expect(bridge).toEqual({
      keys: [...CHANNELS, 'dropFiles', 'onPush'].sort(),
      functions: true,
      ipc: false,
    });
  });

  it('refuses inline script (content security policy)', async () => {
    const ran = await inPage(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return window.__inlineRan === true;
    })()`);
    expect(ran).toBe(false);
  });

  it('denies every permission the page asks for', async () => {
    const answers = await inPage<{ notifications: string; microphone: string }>(`(async () => ({
      notifications: await Notification.requestPermission(),
      microphone: await navigator.mediaDevices
        .getUserMedia({ audio: true })
        .then(() => 'granted')
        .catch((error) => error.name),
    }))()`);
    expect(answers.notifications).toBe('denied');
    expect(answers.microphone).not.toBe('granted');
  });

  it('answers through the real preload, and refuses bad arguments as data', async () => {
    const replies = await inPage<Record<string, unknown>>(`(async () => ({
      info: await window.diarist['app:info'](),
      settings: await window.diarist['settings:get'](),
      bad: await window.diarist['jobs:cancel']({ id: 42 }),
    }))()`);
    expect(replies.info).toEqual({
      ok: true,
      value: { version: pkg.version, apiUrl: s.sim.baseUrl.replace(/\/+$/, ''), shell: 'electron' },
    });
    expect(replies.settings).toMatchObject({ ok: true, value: { checkForUpdates: true } });
    expect(replies.bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('round-trips a secret through safeStorage in the main process', async () => {
    const result = await s.app.evaluate(({ safeStorage }) => {
      const secret = 'diarist-safe-storage-check';
      const encrypted = safeStorage.encryptString(secret);
      return {
        available: safeStorage.isEncryptionAvailable(),
        back: safeStorage.decryptString(encrypted),
        plain: encrypted.toString('latin1').includes(secret),
      };
    });
    expect(result).toEqual({ available: true, back: 'diarist-safe-storage-check', plain: false });
  });

  it('asks for the key on first run, refuses a wrong one, keeps the right one out of reach', async () => {
    const { page } = s;
    const keyField = page.getByLabel('pyannoteAI API key');
    await keyField.waitFor();
    await keyField.fill('sk_this-is-not-the-key');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText(/did not accept this key/).waitFor();
    await keyField.fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).waitFor();
    const status = await inPage(`window.diarist['key:status']()`);
    expect(status).toMatchObject({
      ok: true,
      value: { state: expect.stringMatching(/stored|session-only/) },
    });
    expect(JSON.stringify(status)).not.toContain(s.sim.apiKey);
    // Nowhere in the data folder in plain text (encrypted by safeStorage, or kept in memory).
    for (const file of await filesUnder(s.dataDir)) {
      if ((await stat(file)).size > 50_000_000) continue;
      expect((await readFile(file)).includes(s.sim.apiKey), file).toBe(false);
    }
  });

  it('takes a recording from the open dialog to Done', async () => {
    const { page } = s;
    const recording = join(s.filesDir, 'conversation.wav');
    // The native dialog cannot be clicked; main's dialog answers with the recording instead.
    await s.app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as never;
    }, recording);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const row = page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'conversation.wav' });
    await row.getByText('Done', { exact: true }).waitFor({ timeout: 45_000 });
    expect(s.sim.jobs()).toHaveLength(1);
  });

  // Last: Playwright keeps waiting for a navigation that the app refused (Chromium reports no end
  // to it), so locators after this would wait forever; the page itself keeps working.
  it('opens no window and navigates nowhere', async () => {
    const start = s.page.url();
    await expect(inPage(`window.open('https://example.com/') === null`)).resolves.toBe(true);
    await inPage(`void (window.location.href = 'https://example.com/')`);
    await inPage(`void (window.location.href = 'file:///etc/passwd')`);
    await s.page.waitForTimeout(500);
    expect(s.page.url()).toBe(start);
    await expect(
      s.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
    ).resolves.toBe(1);
  });
});
