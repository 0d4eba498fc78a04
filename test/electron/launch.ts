/**
 * Launches for scenarios that span more than one start of the app: a work folder (data folder,
 * recordings, XDG config) that outlives each launch, a simulator the test owns, and launches
 * with extra environment or arguments. The app is the same packed test build openSession starts.
 */

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { startSimulator, type Simulator, type SimulatorInit } from '../simulator';
import { FIXTURES, SANDBOX_ARGS, testBuildExecutable } from './harness';

/** A person's computer between launches: the data folder and recordings stay, launch to launch. */
export interface Workspace {
  work: string;
  /** The app's userData folder, the same at every launch. */
  dataDir: string;
  /** Recordings to add, copied from the fixtures (or written by the test). */
  filesDir: string;
  remove(): Promise<void>;
}

export async function makeWorkspace(fixtures: string[] = []): Promise<Workspace> {
  const work = await mkdtemp(join(tmpdir(), 'diarist-electron-'));
  const dataDir = join(work, 'user-data');
  const filesDir = join(work, 'recordings');
  await mkdir(filesDir, { recursive: true });
  for (const name of fixtures) await copyFile(join(FIXTURES, name), join(filesDir, name));
  return { work, dataDir, filesDir, remove: () => rm(work, { recursive: true, force: true }) };
}

/** The simulator with openSession's quick timing, unless the test asks for other settings. */
export function startTestSimulator(init: SimulatorInit = {}): Promise<Simulator> {
  return startSimulator({
    ...init,
    timing: {
      createdMs: 50,
      pendingMs: 300,
      runningMs: 600,
      runningMsPerAudioSecond: 5,
      ...init.timing,
    },
  });
}

export interface LaunchOptions {
  /** Environment changes for this launch; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** More command-line arguments (Chromium switches such as --password-store=basic). */
  args?: string[];
}

export interface Launched {
  app: ElectronApplication;
  page: Page;
  /** A normal quit (the app's will-quit runs and releases the data folder); idempotent. */
  close(): Promise<void>;
}

/** Starts the packed app on the workspace's data folder against `sim`. */
export async function launchApp(
  ws: Workspace,
  sim: Simulator,
  options: LaunchOptions = {},
): Promise<Launched> {
  const env: Record<string, string> = {};
  const merged = {
    ...process.env,
    PYANNOTE_API_URL: sim.baseUrl,
    // Linux also keeps the person's own profile out of reach through XDG.
    XDG_CONFIG_HOME: join(ws.work, 'config'),
    DIARIST_UPDATE_FEED: '',
    ...options.env,
  };
  for (const [name, value] of Object.entries(merged)) if (value !== undefined) env[name] = value;
  const app = await _electron.launch({
    executablePath: testBuildExecutable(),
    args: [...SANDBOX_ARGS, `--user-data-dir=${ws.dataDir}`, ...(options.args ?? [])],
    env,
    timeout: 60_000,
  });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= app.close().catch(() => undefined));
  try {
    // Everything after this writes to the data folder: never let it be the person's real one.
    const actual = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    const inside = relative(ws.work, actual);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`the app used ${actual}, outside the test's folder ${ws.work}`);
    }
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return { app, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Page code as text: the test side has no DOM types, and the page has no TypeScript. */
export function inPage<T = unknown>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** The key screen's field, the sign that the app asks for a key. */
export const keyField = (page: Page) => page.getByLabel('pyannoteAI API key');
/** The main screen's first button, the sign that the app has a key. */
export const addButton = (page: Page) => page.getByRole('button', { name: 'Add recordings…' });

/** Types a key into the key screen and saves it, as a person does. */
export async function enterKey(page: Page, key: string): Promise<void> {
  await keyField(page).fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
}

/** Files under a folder (recursively) whose bytes contain `text`. */
export async function filesContaining(dir: string, text: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = join(entry.parentPath, entry.name);
    if ((await stat(file)).size > 50_000_000) continue;
    if ((await readFile(file)).includes(text)) found.push(file);
  }
  return found;
}
