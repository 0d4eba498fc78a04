/**
 * What a person does in the real window, as steps the scenario files share: set the key on the
 * key screen, answer the native dialogs from main (they cannot be clicked), drop files on the
 * window through Chromium's own drag and drop, and click the native menu's items.
 */

import { spawn } from 'node:child_process';
import type { ElectronApplication, Locator, Page } from 'playwright-core';
import { testBuildExecutable, type Session } from './harness';

/** First run: the key screen, the simulator's key, "Save key", and the main screen is up. */
export async function setUpKey(s: Session): Promise<void> {
  const keyField = s.page.getByLabel('pyannoteAI API key');
  await keyField.waitFor();
  await keyField.fill(s.sim.apiKey);
  await s.page.getByRole('button', { name: 'Save key' }).click();
  await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
}

/** A job's row in the job list, by file name. */
export function jobRow(page: Page, name: string | RegExp): Locator {
  return page
    .getByRole('list', { name: 'Job list' })
    .getByRole('listitem')
    .filter({ hasText: name });
}

export async function waitForDone(page: Page, name: string, timeout = 30_000): Promise<void> {
  await jobRow(page, name).getByText('Done', { exact: true }).waitFor({ timeout });
}

/** The file names the batch panel offers ("Chosen recordings"), once it shows `count` of them. */
export async function chosenRecordings(page: Page, count: number): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Chosen recordings' }).getByRole('listitem');
  await items.nth(count - 1).waitFor();
  return (await items.locator('.file-name').allTextContents()).sort();
}

/**
 * Main's open dialog answers with `paths` from now on, as if the person chose them, and notes
 * what it was asked for (files or a folder) so a test can tell which dialog the app opened.
 */
export async function answerOpenDialog(app: ElectronApplication, paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, filePaths) => {
    const calls = ((globalThis as { __openDialogCalls?: string[][] }).__openDialogCalls ??= []);
    dialog.showOpenDialog = (async (...args: unknown[]) => {
      const options = args.at(-1) as { properties?: string[] };
      calls.push(options.properties ?? []);
      return { canceled: false, filePaths };
    }) as never;
  }, paths);
}

/** The `properties` of every open dialog the app showed since answerOpenDialog (openFile, openDirectory…). */
export function openDialogCalls(app: ElectronApplication): Promise<string[][]> {
  return app.evaluate(
    () => (globalThis as { __openDialogCalls?: string[][] }).__openDialogCalls ?? [],
  );
}

/** Main's save dialog answers with `path`, as if the person chose it. */
export async function answerSaveDialog(app: ElectronApplication, path: string): Promise<void> {
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as never;
  }, path);
}

/**
 * Drops files from disk on the window, as a file manager does: Chromium's own drag and drop
 * (DevTools' Input.dispatchDragEvent) over the middle of the window, so the page's drop handler
 * gets real disk-backed File objects and the preload finds their paths with webUtils. Stops
 * between "over" and "drop" when `beforeDrop` is given (to look at the window mid-drag).
 */
export async function dropFiles(
  page: Page,
  files: string[],
  beforeDrop?: () => Promise<void>,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const size = page.viewportSize() ?? { width: 1200, height: 800 };
    const at = { x: Math.round(size.width / 2), y: Math.round(size.height / 2) };
    const data = { items: [], files, dragOperationsMask: 1 };
    await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', ...at, data });
    await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data });
    await beforeDrop?.();
    await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data });
    await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The labels of the application menu's own items (those with a click handler, not a role). */
export function menuCommands(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(({ Menu }) => {
    const labels: string[] = [];
    const walk = (items: Electron.MenuItem[]) => {
      for (const item of items) {
        if (item.submenu) walk(item.submenu.items);
        else if (item.type === 'normal' && !item.role) labels.push(item.label);
      }
    };
    walk(Menu.getApplicationMenu()?.items ?? []);
    return labels;
  });
}

/** Clicks the application menu's item with this label (the first, if it appears twice). */
export async function clickMenuItem(app: ElectronApplication, label: string): Promise<void> {
  const found = await app.evaluate(({ Menu }, wanted) => {
    const find = (items: Electron.MenuItem[]): Electron.MenuItem | undefined => {
      for (const item of items) {
        const match = item.label === wanted ? item : item.submenu && find(item.submenu.items);
        if (match) return match;
      }
      return undefined;
    };
    const item = find(Menu.getApplicationMenu()?.items ?? []);
    item?.click();
    return item !== undefined;
  }, label);
  if (!found) throw new Error(`no menu item "${label}"`);
}

export interface Launch {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/**
 * Starts the packed app again, as the file manager does for "Open with Diarist": the same
 * executable, switches and environment as the running one, plus `extraArgs`. Resolves when that
 * process ends; kills it (and rejects) if it is still running after `timeoutMs`.
 */
export function launchAgain(s: Session, extraArgs: string[], timeoutMs = 15_000): Promise<Launch> {
  const started = Date.now();
  const child = spawn(testBuildExecutable(), [...s.launch.args, ...extraArgs], {
    env: s.launch.env,
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the second launch was still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
}
