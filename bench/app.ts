/**
 * The app benchmark (`npm run bench:app`): the packed Diarist in a real Electron (the runtime
 * `npm run test:electron` uses), each figure next to a floor measured in the same run.
 *
 * The floor is an empty app: one window of the same size that loads a one-paragraph page. It is
 * packed by electron-builder exactly as the test build is (harness.ts packTestBuild: the same
 * runtime, the same afterPack hook and so the same fuses, app.asar) and launched the same way
 * (Playwright's _electron.launch, the same flags and environment). Running it unpacked through
 * the runtime's default_app stand-in instead would add a step the real app never takes (an ES
 * module that reads package.json and imports the app) and leave the floor without asar and fuses.
 *
 * 1. Launch to the job list painted, median of BENCH_RUNS (5) cold launches of each, taken in
 *    turns: from spawning the process to the frame after the list (1,000 finished jobs, a key
 *    already stored in the keyring) is in the page; the floor to the frame after its paragraph.
 *    Both are read from the page's clock (performance.timeOrigin + now, two frames after the
 *    element appears). Cold: a fresh process and a fresh copy of a data folder that a first,
 *    unmeasured launch made, without Chromium's caches. Target: ≤ 1.5 × the floor.
 * 2. Memory of all the app's processes (app.getAppMetrics(), working sets summed) when idle
 *    with those 1,000 jobs listed, IDLE_MS after the paint, median of the same launches. Target:
 *    ≤ 1.5 × the floor's.
 * 3. The main process while the real app uploads a generated 1 GiB WAV (sparse, in a temporary
 *    folder) to the simulator, added through the open dialog as a person would: its working set
 *    sampled every 100 ms inside the main process until the simulator holds the whole file.
 *    Target: peak within 64 MiB of the same process idle just before.
 *
 * On Linux it runs itself again inside the desktop session run.ts gives the suite (a private
 * D-Bus session, an unlocked GNOME Keyring of its own, Xvfb). Every app, the simulator and the
 * temporary folders are closed and removed when it ends, fails or is interrupted.
 */

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { JobStore } from '../src/core/jobs/store';
import type { JobRecord } from '../src/shared/jobs';
import { MAX_FILE_BYTES } from '../src/shared/limits';
import {
  missingDesktopTools,
  runInDesktopSession,
  runtimeEnv,
} from '../test/electron/desktop-session';
import {
  packTestBuild,
  SANDBOX_ARGS,
  testBuildExecutable,
  testRuntime,
} from '../test/electron/harness';
import { findElectronRuntime, ROOT } from '../test/electron/runtime';
import { startSimulator, type Simulator } from '../test/simulator';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const JOBS = 1_000;
/** How long each app is left alone after its paint before its memory is read. */
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 5_000);
/** Just under the service's 1 GiB limit, which pre-flight enforces. */
const UPLOAD_BYTES = MAX_FILE_BYTES - 4096;
const UPLOAD_SAMPLE_MS = 100;
const TARGET_LAUNCH_RATIO = 1.5;
const TARGET_MEMORY_RATIO = 1.5;
const TARGET_UPLOAD_EXTRA_MIB = 64;
/** The whole run stops here whatever happens. */
const DEADLINE_MS = 20 * 60_000;
const INSIDE = 'DIARIST_BENCH_APP_INSIDE';
const EMPTY_APP_OUT = join(ROOT, 'test-results', 'bench-app', 'empty-app');
const JOB_ROW = '[role="list"][aria-label="Job list"] [role="listitem"]';
const MIB = 1024 * 1024;

const log = (line: string) => console.error(`bench:app: ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function withTimeout<T>(what: string, ms: number, pending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    pending,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// --- outside: runtime, build, desktop session --------------------------------------------------

async function outside(): Promise<number> {
  const runtime = await findElectronRuntime();
  log(`Electron ${runtime.version} (${runtime.kind} runtime) from ${runtime.distDir}`);
  const missing = missingDesktopTools();
  if (missing) throw new Error(missing);
  const status = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  }).status;
  if (status !== 0) throw new Error('the build failed');
  return runInDesktopSession(
    [process.execPath, join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), import.meta.filename],
    { ...process.env, ...runtimeEnv(runtime), [INSIDE]: '1' },
  );
}

// --- inside: cleanup that always runs -----------------------------------------------------------

const cleanups: (() => Promise<unknown>)[] = [];
/** Runs `close` when the run ends, however it ends (last registered, first run). */
function onEnd(close: () => Promise<unknown>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    await close().catch(() => undefined);
  };
  cleanups.unshift(once);
  return once;
}
let cleaning: Promise<void> | undefined;
/** Set once the table's verdict line is out, so nothing prints a second one. */
let verdictPrinted = false;
/** Closes everything once, whoever asks first (the end of the run, a signal, the deadline). */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const close of cleanups.splice(0)) await close();
  })();
  return cleaning;
}

// --- the two apps -------------------------------------------------------------------------------

// Served from app:// as Diarist's page is: with the GrantFileProtocolExtraPrivileges fuse off (a
// release setting), Electron refuses to load a file:// page into a window.
const EMPTY_MAIN = `// The floor for bench:app: one window, the size of Diarist's, with one paragraph in it.
const { app, BrowserWindow, protocol } = require('electron');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);

app.whenReady().then(() => {
  const page = readFileSync(join(__dirname, 'index.html'));
  protocol.handle('app', () => new Response(page, { headers: { 'content-type': 'text/html' } }));
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    show: false,
    title: 'Empty',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL('app://empty/index.html');
});
app.on('window-all-closed', () => app.quit());
`;

const EMPTY_ELEMENT = '#empty';
/** Its one element, and the paint probe Diarist's page gets from Playwright (see paintProbe). */
const EMPTY_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Empty</title>
    <script>${paintProbe(EMPTY_ELEMENT)}</script>
  </head>
  <body><p id="empty">An empty window.</p></body>
</html>
`;

/** Packs the empty app with the test build's electron-builder call, named like Diarist. */
async function packEmptyApp(work: string): Promise<string> {
  const project = join(work, 'empty-app-source');
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'main.cjs'), EMPTY_MAIN);
  await writeFile(join(project, 'index.html'), EMPTY_PAGE);
  // The same name as Diarist so electron-builder names the executable the same (harness.ts
  // finds it by that name on every platform) and Chromium's profile paths are as long.
  const pkg = {
    name: 'diarist',
    productName: 'Diarist',
    version: '0.1.0',
    description: 'bench:app floor: an empty window',
    private: true,
    main: 'main.cjs',
    build: {
      appId: 'ai.diarist.bench-empty-app',
      files: ['package.json', 'main.cjs', 'index.html'],
      asar: true,
      npmRebuild: false,
      afterPack: join(ROOT, 'scripts', 'after-pack.mjs'),
    },
  };
  await writeFile(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  onEnd(() => rm(EMPTY_APP_OUT, { recursive: true, force: true }));
  await packTestBuild({ projectDir: project, outputDir: EMPTY_APP_OUT });
  return testBuildExecutable(EMPTY_APP_OUT);
}

function finishedJob(i: number): JobRecord {
  const at = new Date(Date.parse('2026-01-05T09:00:00.000Z') + i * 60_000).toISOString();
  const id = randomUUID();
  const sha256 = randomUUID().replace(/-/g, '').repeat(2);
  const name = `Meeting ${String(i + 1).padStart(4, '0')}.m4a`;
  return {
    id,
    revision: 9,
    batchId: `batch-${Math.floor(i / 25)}`,
    createdAt: at,
    updatedAt: at,
    state: 'succeeded',
    source: {
      path: join(tmpdir(), 'recordings', name),
      name,
      sizeBytes: 40_000_000 + i * 1000,
      mtimeMs: Date.parse(at) - 3_600_000,
      durationSeconds: 1800 + (i % 3600),
      container: 'M4A/isom/iso2',
    },
    options: {
      model: 'precision-2',
      speakers: { kind: 'auto' },
      exclusive: false,
      confidence: false,
      turnLevelConfidence: false,
      transcription: i % 4 === 0,
    },
    sha256,
    mediaUrl: `media://diarist/${sha256}`,
    serviceJobId: randomUUID(),
    serviceStatus: 'succeeded',
    serviceCreatedAt: at,
    finishedAt: at,
    resultFile: `results/${id}.json`,
  };
}

/** The job list a person has after a while: 1,000 finished jobs, written by JobStore itself. */
async function seedJobs(dataDir: string): Promise<void> {
  const store = await JobStore.open(dataDir);
  for (let i = 0; i < JOBS; i += 1) store.put(finishedJob(i));
  await store.close();
}

/** A WAV header (16 kHz mono 16-bit, ~9.3 h for 1 GiB) over zeros: a sparse file, made in a blink. */
async function makeWav(path: string, bytes: number): Promise<void> {
  const data = bytes - 44;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(bytes - 8, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28); // bytes per second
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data, 40);
  const file = await open(path, 'w');
  try {
    await file.write(header, 0, header.length, 0);
    await file.truncate(bytes);
  } finally {
    await file.close();
  }
}

// --- launching and measuring --------------------------------------------------------------------

interface Launched {
  app: ElectronApplication;
  page: Page;
  /** performance.timeOrigin + now() just before the spawn (wall clock, ms). */
  spawnedAt: number;
  close: () => Promise<void>;
}

/** A data folder for one launch: a copy of `template` without Chromium's caches or locks. */
async function freshDataDir(template: string, work: string): Promise<string> {
  const dir = await mkdtemp(join(work, 'launch-'));
  const dataDir = join(dir, 'user-data');
  await cp(template, dataDir, {
    recursive: true,
    filter: (source) => {
      const name = basename(source);
      return !/cache$/i.test(name) && !name.startsWith('Singleton') && !name.endsWith('.lock');
    },
  });
  return dataDir;
}

async function launch(
  executable: string,
  dataDir: string,
  sim: Simulator,
  /** What paintProbe waits for, in every page from the first (when Playwright is there in time). */
  painted?: string,
): Promise<Launched> {
  const spawnedAt = performance.timeOrigin + performance.now();
  const app = await _electron.launch({
    executablePath: executable,
    args: [...SANDBOX_ARGS, `--user-data-dir=${dataDir}`],
    env: {
      ...process.env,
      PYANNOTE_API_URL: sim.baseUrl,
      XDG_CONFIG_HOME: join(dataDir, '..', 'config'),
      DIARIST_UPDATE_FEED: '',
    } as Record<string, string>,
    timeout: 60_000,
  });
  const child = app.process();
  const close = onEnd(async () => {
    await Promise.race([app.close().catch(() => undefined), sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  try {
    if (painted) await app.context().addInitScript({ content: paintProbe(painted) });
    const page = await app.firstWindow({ timeout: 60_000 });
    return { app, page, spawnedAt, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Page code that resolves (and keeps in window.__benchPainted) when `selector` was painted, by
 * the page's clock: a MutationObserver sees the element go in, then two frames pass (the first
 * draws it). Both apps get it as an init script from Playwright, for every document from the
 * first one Playwright is in time for (Diarist's window comes after its services start; the
 * empty app's may come first, so its page also has it in <head>; the first copy wins). `late`
 * says the element was there before it ran, so that figure is an upper bound.
 */
function paintProbe(selector: string): string {
  return `(() => {
  const selector = ${JSON.stringify(selector)};
  window.__benchPainted ??= new Promise((resolve) => {
    const done = (late) =>
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          resolve({
            at: performance.timeOrigin + performance.now(),
            late,
            origin: performance.timeOrigin,
            domReady: nav ? nav.domContentLoadedEventEnd : NaN,
          });
        }),
      );
    if (document.querySelector(selector)) return done(true);
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      done(false);
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  return window.__benchPainted;
})()`;
}

async function paintedAt(page: Page, selector: string): Promise<Painted> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await withTimeout(
        `${selector} painted`,
        deadline - Date.now(),
        page.evaluate(paintProbe(selector)) as Promise<Painted>,
      );
    } catch (error) {
      // The window's first document (about:blank) gives way to the page: look again there.
      if (!/context was destroyed|navigation/i.test(String(error)) || Date.now() > deadline) {
        throw new Error(`${String(error)} (the window shows ${page.url()})`, { cause: error });
      }
    }
  }
}

interface Memory {
  totalMiB: number;
  mainMiB: number;
  byType: Record<string, number>;
}

async function memory(app: ElectronApplication): Promise<Memory> {
  const metrics = await app.evaluate(({ app: electronApp }) =>
    electronApp.getAppMetrics().map((m) => ({ type: m.type, kib: m.memory.workingSetSize })),
  );
  const byType: Record<string, number> = {};
  for (const m of metrics) byType[m.type] = (byType[m.type] ?? 0) + m.kib / 1024;
  const totalMiB = metrics.reduce((sum, m) => sum + m.kib, 0) / 1024;
  return { totalMiB, mainMiB: byType.Browser ?? 0, byType };
}

/** The median of five readings 200 ms apart (by the total). */
async function idleMemory(app: ElectronApplication): Promise<Memory> {
  const readings: Memory[] = [];
  for (let i = 0; i < 5; i += 1) {
    if (i > 0) await sleep(200);
    readings.push(await memory(app));
  }
  readings.sort((a, b) => a.totalMiB - b.totalMiB);
  return readings[2]!;
}

interface Painted {
  /** When it was painted (wall clock, ms). */
  at: number;
  late: boolean;
  /** When the page's navigation started (wall clock, ms). */
  origin: number;
  /** DOMContentLoaded done, ms after `origin`. */
  domReady: number;
}

interface LaunchResult {
  launchMs: number;
  /** Spawn to the page's navigation start, and to its DOMContentLoaded (ms). */
  navigationMs: number;
  domReadyMs: number;
  late: boolean;
  memory: Memory;
}

async function measureLaunch(
  kind: 'diarist' | 'empty',
  executable: string,
  template: string,
  work: string,
  sim: Simulator,
): Promise<LaunchResult> {
  const dataDir = await freshDataDir(template, work);
  const selector = kind === 'diarist' ? JOB_ROW : EMPTY_ELEMENT;
  const launched = await launch(executable, dataDir, sim, selector);
  try {
    const painted = await paintedAt(launched.page, selector);
    if (kind === 'diarist') {
      const listed = await launched.page.locator(JOB_ROW).first().getAttribute('aria-setsize');
      if (listed !== String(JOBS))
        throw new Error(`the job list shows ${listed} jobs, not ${JOBS}`);
    }
    await sleep(IDLE_MS);
    return {
      launchMs: painted.at - launched.spawnedAt,
      navigationMs: painted.origin - launched.spawnedAt,
      domReadyMs: painted.origin + painted.domReady - launched.spawnedAt,
      late: painted.late,
      memory: await idleMemory(launched.app),
    };
  } finally {
    await launched.close();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  }
}

/** First launch of Diarist: the simulator's key entered on the key screen, into the keyring. */
async function seedKey(executable: string, dataDir: string, sim: Simulator): Promise<void> {
  const { page, close } = await launch(executable, dataDir, sim);
  try {
    const keyField = page.getByLabel('pyannoteAI API key');
    await keyField.waitFor({ timeout: 60_000 });
    await keyField.fill(sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).waitFor({ timeout: 60_000 });
    const status = (await page.evaluate(`window.diarist['key:status']()`)) as {
      ok: boolean;
      value?: { state: string };
    };
    if (status.value?.state !== 'stored') {
      throw new Error(
        `the key was not stored in the keyring (${status.value?.state ?? 'no answer'}): later launches would ask for it`,
      );
    }
  } finally {
    await close();
  }
}

/** First launch of the empty app: its Chromium profile, as Diarist's first launch makes one. */
async function seedEmpty(executable: string, dataDir: string, sim: Simulator): Promise<void> {
  const { page, close } = await launch(executable, dataDir, sim);
  try {
    await paintedAt(page, EMPTY_ELEMENT);
  } finally {
    await close();
  }
}

interface UploadResult {
  idleMiB: number;
  peakMiB: number;
  samples: number;
  seconds: number;
}

async function measureUpload(
  executable: string,
  template: string,
  work: string,
  sim: Simulator,
): Promise<UploadResult> {
  const recordings = await mkdtemp(join(work, 'recordings-'));
  const wav = join(recordings, 'long meeting.wav');
  await makeWav(wav, UPLOAD_BYTES);
  const dataDir = await freshDataDir(template, work);
  const { app, page, close } = await launch(executable, dataDir, sim);
  try {
    await page.getByRole('button', { name: 'Add recordings…' }).waitFor({ timeout: 60_000 });
    await sleep(IDLE_MS);
    const idle: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      if (i > 0) await sleep(200);
      idle.push((await memory(app)).mainMiB);
    }
    // Sampled inside the main process, so a busy Playwright connection cannot skip a peak.
    await app.evaluate(({ app: electronApp }, everyMs) => {
      // No named functions in here: tsx would wrap them in a helper the main process lacks.
      const sampler = { peakKiB: 0, samples: 0, timer: undefined as unknown };
      sampler.timer = setInterval(() => {
        for (const m of electronApp.getAppMetrics()) {
          if (m.type === 'Browser')
            sampler.peakKiB = Math.max(sampler.peakKiB, m.memory.workingSetSize);
        }
        sampler.samples += 1;
      }, everyMs);
      (globalThis as Record<string, unknown>).__diaristBenchSampler = sampler;
    }, UPLOAD_SAMPLE_MS);
    // The native dialog cannot be clicked; main's dialog answers with the recording instead.
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as never;
    }, wav);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const started = performance.now();
    await page.getByRole('button', { name: 'Start' }).click({ timeout: 60_000 });
    const deadline = Date.now() + 10 * 60_000;
    while (![...sim.uploads().values()].some((u) => u.size === UPLOAD_BYTES)) {
      if (Date.now() > deadline) {
        const row = await page
          .locator(JOB_ROW)
          .first()
          .innerText()
          .catch(() => '(no row)');
        throw new Error(
          `the upload did not reach the simulator in 10 minutes; the row says: ${row}`,
        );
      }
      await sleep(200);
    }
    const seconds = (performance.now() - started) / 1000;
    const sampler = await app.evaluate(() => {
      const s = (globalThis as Record<string, unknown>).__diaristBenchSampler as {
        peakKiB: number;
        samples: number;
        timer: Parameters<typeof clearInterval>[0];
      };
      clearInterval(s.timer);
      return { peakKiB: s.peakKiB, samples: s.samples };
    });
    return {
      idleMiB: median(idle),
      peakMiB: sampler.peakKiB / 1024,
      samples: sampler.samples,
      seconds,
    };
  } finally {
    await close();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
    await rm(recordings, { recursive: true, force: true });
  }
}

// --- the run ------------------------------------------------------------------------------------

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

async function inside(): Promise<boolean> {
  const runtime = testRuntime();
  const loadAtStart = loadavg()[0]!;
  const work = await mkdtemp(join(tmpdir(), 'diarist-bench-app-'));
  onEnd(() => rm(work, { recursive: true, force: true }));
  log('packing the test build and the empty app (electron-builder, the same fuses)…');
  await packTestBuild();
  const diarist = testBuildExecutable();
  const empty = await packEmptyApp(work);

  const sim = await startSimulator({
    timing: { createdMs: 50, pendingMs: 300, runningMs: 600, runningMsPerAudioSecond: 5 },
  });
  onEnd(() => sim.close());

  log('first launches: the key into the keyring, both Chromium profiles…');
  const keyOnly = join(work, 'template-key');
  const withJobs = join(work, 'template-jobs');
  const emptyTemplate = join(work, 'template-empty');
  await seedKey(diarist, keyOnly, sim);
  await cp(keyOnly, withJobs, { recursive: true });
  await seedJobs(withJobs);
  await seedEmpty(empty, emptyTemplate, sim);

  const results: Record<'diarist' | 'empty', LaunchResult[]> = { diarist: [], empty: [] };
  for (let run = 1; run <= RUNS; run += 1) {
    // In turns, each first every other run, so drift on a noisy machine falls on both.
    const order = run % 2 ? (['empty', 'diarist'] as const) : (['diarist', 'empty'] as const);
    for (const kind of order) {
      const result =
        kind === 'diarist'
          ? await measureLaunch('diarist', diarist, withJobs, work, sim)
          : await measureLaunch('empty', empty, emptyTemplate, work, sim);
      results[kind].push(result);
      log(
        `launch ${run}/${RUNS} ${kind === 'diarist' ? 'Diarist  ' : 'empty app'}: ${result.launchMs.toFixed(0)} ms to paint (navigation ${result.navigationMs.toFixed(0)} ms, DOM ready ${result.domReadyMs.toFixed(0)} ms)${result.late ? ' (already painted when reached: an upper bound)' : ''}, ${result.memory.totalMiB.toFixed(0)} MiB idle`,
      );
    }
  }
  log(`uploading a ${(UPLOAD_BYTES / MIB).toFixed(0)} MiB WAV from Diarist…`);
  const upload = await measureUpload(diarist, keyOnly, work, sim);

  const launchOurs = median(results.diarist.map((r) => r.launchMs));
  const launchFloor = median(results.empty.map((r) => r.launchMs));
  const memoryOurs = median(results.diarist.map((r) => r.memory.totalMiB));
  const memoryFloor = median(results.empty.map((r) => r.memory.totalMiB));
  const launchRatio = launchOurs / launchFloor;
  const memoryRatio = memoryOurs / memoryFloor;
  const uploadExtra = upload.peakMiB - upload.idleMiB;
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const launchMet = launchRatio <= TARGET_LAUNCH_RATIO;
  const memoryMet = memoryRatio <= TARGET_MEMORY_RATIO;
  const uploadMet = uploadExtra <= TARGET_UPLOAD_EXTRA_MIB;

  const breakdown = (rows: LaunchResult[]) => {
    const mid = [...rows].sort((a, b) => a.memory.totalMiB - b.memory.totalMiB)[
      Math.floor(rows.length / 2)
    ]!;
    return Object.entries(mid.memory.byType)
      .map(([type, mib]) => `${type} ${mib.toFixed(0)}`)
      .join(', ');
  };
  console.log(
    `\nDiarist ${process.env.npm_package_version ?? ''} in Electron ${runtime.version} (${runtime.kind} runtime), packed test build; floor: an empty app packed and launched the same way. Medians of ${RUNS} cold launches each.\n`,
  );
  console.log(
    table([
      ['', 'Diarist', 'floor', 'ratio', 'target', ''],
      [
        `launch to the job list painted (${JOBS.toLocaleString('en')} jobs, key stored)`,
        `${launchOurs.toFixed(0)} ms`,
        `${launchFloor.toFixed(0)} ms`,
        `${launchRatio.toFixed(2)}×`,
        `≤ ${TARGET_LAUNCH_RATIO}×`,
        verdict(launchMet),
      ],
      [
        `memory of all processes, idle with ${JOBS.toLocaleString('en')} jobs`,
        `${memoryOurs.toFixed(0)} MiB`,
        `${memoryFloor.toFixed(0)} MiB`,
        `${memoryRatio.toFixed(2)}×`,
        `≤ ${TARGET_MEMORY_RATIO}×`,
        verdict(memoryMet),
      ],
      [
        `main process during a 1 GiB upload: peak (floor: idle)`,
        `${upload.peakMiB.toFixed(0)} MiB`,
        `${upload.idleMiB.toFixed(0)} MiB`,
        `+${uploadExtra.toFixed(0)} MiB`,
        `≤ +${TARGET_UPLOAD_EXTRA_MIB} MiB`,
        verdict(uploadMet),
      ],
    ]),
  );
  console.log(
    `\nworking sets by process type (MiB, median launch): Diarist ${breakdown(results.diarist)}; floor ${breakdown(results.empty)}`,
  );
  console.log(
    `upload: ${upload.seconds.toFixed(1)} s from Start to the whole file at the simulator (${(UPLOAD_BYTES / MIB / upload.seconds).toFixed(0)} MiB/s), ${upload.samples} samples of the main process at ${UPLOAD_SAMPLE_MS} ms`,
  );
  console.log(
    `machine: ${availableParallelism()} cores, load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end (other work on it slows both apps, not always alike)`,
  );
  const missed = [
    ...(launchMet ? [] : ['launch']),
    ...(memoryMet ? [] : ['memory']),
    ...(uploadMet ? [] : ['upload memory']),
  ];
  verdictPrinted = true;
  console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
  return missed.length === 0;
}

if (process.env[INSIDE] === '1') {
  let ending = false;
  /** Closes everything, says so when no verdict was printed, and exits; the first caller wins. */
  const end = async (code: number, why?: string): Promise<void> => {
    if (ending) return new Promise<void>(() => undefined);
    ending = true;
    if (why) log(why);
    await cleanUp();
    if (!verdictPrinted) console.log('targets missed: all (the run did not finish)');
    process.exit(code);
  };
  const watchdog = setTimeout(
    () => void end(1, `took longer than ${DEADLINE_MS / 60_000} minutes`),
    DEADLINE_MS,
  );
  process.once('SIGINT', () => void end(130, 'interrupted'));
  process.once('SIGTERM', () => void end(143, 'terminated'));
  let ok = false;
  try {
    ok = await inside();
  } catch (error) {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  clearTimeout(watchdog);
  await end(ok ? 0 : 1);
} else {
  try {
    process.exit(await outside());
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    console.log('targets missed: all (the run did not start)');
    process.exit(1);
  }
}
