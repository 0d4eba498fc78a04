/** One browser test session: simulator, browser preview over the real core, and Debian's Chromium. */

import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startPreview, type Preview } from '../../src/preview/server';
import { startSimulator, type Simulator, type SimulatorInit } from '../simulator';

const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium comes from Debian (Playwright's own browsers cannot be downloaded here). */
export function chromiumMissingReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  return `Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (CI does).`;
}

/**
 * Debian's Chromium, headless. Without the background-networking switches Chromium keeps
 * trying to reach Google's services, which this network refuses; there is no GPU here.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface Session {
  sim: Simulator;
  preview: Preview;
  browser: Browser;
  page: Page;
  dataDir: string;
  filesDir: string;
  exportsDir: string;
  /** Everything the page received from the bridge in this session, across restarts. */
  sentToPage(): string[];
  /** Restarts the preview on the same data folder, as quitting and reopening the app would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(
  fixtures: string[],
  simInit: SimulatorInit = {
    timing: { createdMs: 50, pendingMs: 300, runningMs: 600, runningMsPerAudioSecond: 5 },
  },
  /**
   * The browser's language (what "the computer's" means to the page), e.g. "fr-FR"; the window's
   * size (1280×800 unless given) and pixels per CSS pixel (2 is a 200 % zoom's sharpness).
   */
  browserOptions: {
    locale?: string;
    viewport?: { width: number; height: number };
    deviceScaleFactor?: number;
  } = {},
  /**
   * More for the services (a SecretBox the test holds, or none), and what to put in the data
   * folder before the preview first starts (a voice library).
   */
  setup: {
    services?: Partial<Parameters<typeof startPreview>[0]['services']>;
    beforeStart?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<Session> {
  const work = await mkdtemp(join(tmpdir(), 'diarist-e2e-'));
  const dataDir = join(work, 'data');
  const filesDir = join(work, 'recordings');
  const exportsDir = join(work, 'exports');
  await mkdir(filesDir, { recursive: true });
  for (const name of fixtures) await copyFile(join(FIXTURES, name), join(filesDir, name));
  await mkdir(dataDir, { recursive: true });
  await setup.beforeStart?.(dataDir);
  const sim = await startSimulator(simInit);
  const start = () =>
    startPreview({
      rendererDir: join(ROOT, 'dist', 'renderer'),
      dataDir,
      apiUrl: sim.baseUrl,
      filesDir,
      exportsDir,
      services: {
        clientTimeoutMs: 2_000,
        engineOptions: {
          requestsPerMinute: 3_000,
          submitDeadlineMs: 2_500,
          tracking: {
            fastIntervalMs: 100,
            fastForMs: 3_000,
            mediumIntervalMs: 200,
            mediumForMs: 10_000,
            slowIntervalMs: 300,
          },
        },
        ...setup.services,
      },
    });
  let preview = await start();
  const earlier: string[] = [];
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: browserOptions.viewport ?? { width: 1280, height: 800 },
    ...(browserOptions.deviceScaleFactor
      ? { deviceScaleFactor: browserOptions.deviceScaleFactor }
      : {}),
    ...(browserOptions.locale ? { locale: browserOptions.locale } : {}),
  });
  const page = await context.newPage();
  await page.goto(preview.url);
  const session: Session = {
    sim,
    get preview() {
      return preview;
    },
    browser,
    page,
    dataDir,
    filesDir,
    exportsDir,
    sentToPage: () => [...earlier, ...preview.sentToPage],
    async restart() {
      earlier.push(...preview.sentToPage);
      await preview.close();
      preview = await start();
      await page.goto(preview.url);
    },
    async close() {
      await browser.close();
      await preview.close();
      await sim.close();
      await rm(work, { recursive: true, force: true });
    },
  };
  return session;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
