/**
 * The real app for the Electron suite: a test build packed by electron-builder with the real
 * Electron (the same configuration and fuses as a release, except the inspector Playwright needs),
 * launched with its own data folder against the pyannoteAI simulator.
 */

import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { testBuildPackArgs } from '../../scripts/fuses-config.mjs';
import { startSimulator, type Simulator } from '../simulator';
import { ROOT } from './runtime';

export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** Where the test build goes (ignored by git, lint and prettier). */
export const BUILD_DIR = join(ROOT, 'test-results', 'electron-app');

/** The runtime run.ts chose, handed over in the environment. */
export function testRuntime(): { distDir: string; version: string; kind: string } {
  const distDir = process.env.DIARIST_TEST_ELECTRON_DIST;
  const version = process.env.DIARIST_TEST_ELECTRON_VERSION;
  if (!distDir || !version) throw new Error('run the Electron suite with npm run test:electron');
  return { distDir, version, kind: process.env.DIARIST_TEST_ELECTRON_KIND ?? 'test' };
}

/** Chromium's sandbox cannot start as root (CI, containers); a person's session is not root. */
export const SANDBOX_ARGS = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

const PLATFORM_FLAG: Record<string, string> = { darwin: '--mac', win32: '--win', linux: '--linux' };

/**
 * Packs the test build: electron-builder's directory target for this machine, unsigned. Another
 * project (bench/app.ts's empty app) is packed the same way with `projectDir` and `outputDir`.
 */
export async function packTestBuild({
  projectDir = ROOT,
  outputDir = BUILD_DIR,
}: { projectDir?: string; outputDir?: string } = {}): Promise<void> {
  const runtime = testRuntime();
  await rm(outputDir, { recursive: true, force: true });
  const { VITEST: _vitest, ...env } = process.env;
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      PLATFORM_FLAG[process.platform] ?? '--linux',
      `--${process.arch}`,
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${runtime.distDir}`,
      `-c.electronVersion=${runtime.version}`,
      `-c.directories.output=${outputDir}`,
      '-c.mac.identity=null',
      ...testBuildPackArgs({ testBuild: true }),
    ],
    {
      cwd: projectDir,
      env: { ...env, DIARIST_TEST_BUILD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

/** The packed executable (its folder is named by platform and architecture). */
export function testBuildExecutable(outputDir = BUILD_DIR): string {
  const inside: Record<string, string> = {
    darwin: 'Diarist.app/Contents/MacOS/Diarist',
    win32: 'Diarist.exe',
    linux: 'diarist',
  };
  const relative = inside[process.platform] ?? 'diarist';
  for (const dir of existsSync(outputDir) ? readdirSync(outputDir) : []) {
    const candidate = join(outputDir, dir, relative);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no packed test build in ${outputDir}: run npm run test:electron`);
}

export interface Session {
  sim: Simulator;
  app: ElectronApplication;
  page: Page;
  /** The app's userData folder for this session. */
  dataDir: string;
  /** Recordings to add, copied from the fixtures. */
  filesDir: string;
  /** How the app was started (its switches and environment), to start it again the same way. */
  launch: { args: string[]; env: Record<string, string> };
  close(): Promise<void>;
}

export interface SessionOptions {
  /** More command-line arguments for the app (such as a recording to open), given `filesDir`. */
  args?: (filesDir: string) => string[];
}

export async function openSession(
  fixtures: string[],
  options: SessionOptions = {},
): Promise<Session> {
  const work = await mkdtemp(join(tmpdir(), 'diarist-electron-'));
  const dataDir = join(work, 'user-data');
  const filesDir = join(work, 'recordings');
  await mkdir(filesDir, { recursive: true });
  for (const name of fixtures) await copyFile(join(FIXTURES, name), join(filesDir, name));
  const sim = await startSimulator({
    timing: { createdMs: 50, pendingMs: 300, runningMs: 600, runningMsPerAudioSecond: 5 },
  });
  const args = [...SANDBOX_ARGS, `--user-data-dir=${dataDir}`];
  const env = {
    ...process.env,
    PYANNOTE_API_URL: sim.baseUrl,
    // Linux also keeps the person's own profile out of reach through XDG.
    XDG_CONFIG_HOME: join(work, 'config'),
    DIARIST_UPDATE_FEED: '',
  } as Record<string, string>;
  let app: ElectronApplication;
  try {
    app = await _electron.launch({
      executablePath: testBuildExecutable(),
      args: [...args, ...(options.args?.(filesDir) ?? [])],
      env,
      timeout: 60_000,
    });
  } catch (error) {
    await sim.close();
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    await app.close().catch(() => undefined);
    await sim.close();
    await rm(work, { recursive: true, force: true });
  };
  // Everything after this writes to the data folder: never let it be the person's real one.
  // (--user-data-dir sets it; on Linux XDG_CONFIG_HOME alone would keep it in `work` too.)
  const actual = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
  if (relative(work, actual).startsWith('..') || isAbsolute(relative(work, actual))) {
    await close();
    throw new Error(`the app used ${actual}, outside the test's folder ${work}`);
  }
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { sim, app, page, dataDir: actual, filesDir, launch: { args, env }, close };
}
