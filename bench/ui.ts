/**
 * UI benchmark (`npm run bench:ui`): the BUILT renderer (dist/renderer) in Debian's Chromium,
 * next to a naive baseline built from the same sources, both fed by a fake `window.diarist`
 * (bench/ui-page.ts) with 10,000 generated jobs and a generated 3-hour result.
 *
 * The naive baseline (bench/ui-baseline/) is the real app built by the same Vite config with
 * three modules swapped: the virtualizer returns every row (so JobList and TurnsList render all
 * 10,000 jobs / 5,000 turns), the job store applies each push at once instead of once per frame,
 * and the timeline is one <div> per turn instead of a canvas. Rows, styles, data and scripts are
 * otherwise identical.
 *
 * Scenarios, per fresh page, medians over BENCH_RUNS runs (after one unrecorded warm-up load):
 *   1. job list first paint (jobs:list answer → rows painted; also from navigation start);
 *   2. scrolling the list top to bottom in BENCH_SCROLL_MS (frame intervals);
 *   3. the same while 200 progress pushes per second arrive;
 *   4. opening the 3-hour result (click → timeline, speakers and turns painted);
 *   5. zooming the timeline in to the deepest zoom and out again (Ctrl + wheel), and scrolling
 *      it end to end at 32×;
 *   6. renaming a speaker (Enter → the new name painted in the lanes and the turn list).
 * Bundle sizes are measured from the files: what the start screen fetched, and all of it.
 */

import { gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Browser } from 'playwright-core';
import { chromiumMissingReason, launchChromium } from '../test/e2e/harness';
import { build as vite, type Plugin } from 'vite';
import type { FrameStats } from './ui-page';
import { serveStatic, type StaticServer } from './ui-server';

const ROOT = resolve(import.meta.dirname, '..');
const OURS_DIR = join(ROOT, 'dist', 'renderer');
const BASELINE_DIR = join(ROOT, 'bench', 'ui-baseline');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCROLL_MS = Number(process.env.BENCH_SCROLL_MS ?? 3000);
const PUSHES_PER_SECOND = 200;
const CONFIG = { jobs: 10_000, turns: 5_000, speakers: 8, seconds: 3 * 3600 };
/** The whole run stops here whatever happens (the issue asks for under 5 minutes). */
const DEADLINE_MS = 4.5 * 60_000;
/** Only React's development build prints this; production numbers need the production build. */
const DEVELOPMENT_MARKER = 'react.dev/link/react-devtools';
/** One frame at 60 Hz. rAF timestamps are exact multiples of the begin-frame interval. */
const FRAME_MS = 1000 / 60;

type Variant = 'ours' | 'naive';

interface RunResult {
  listFromAnswer: number;
  listFromNavigation: number;
  listDeserializeMs: number;
  scroll: FrameStats;
  pushes: FrameStats & { delivered: number };
  openResult: number;
  zoom: FrameStats;
  timelineScroll: FrameStats;
  rename: { painted: number; frames: FrameStats };
  startFiles: string[];
  /** Cross-origin isolated pages get 5 µs timers (100 µs otherwise). */
  isolated: boolean;
}

/** Builds the baseline: the real renderer with the three naive stand-ins swapped in. */
async function buildBaseline(outDir: string): Promise<void> {
  const swaps = new Map([
    [join(ROOT, 'src/renderer/store/jobs-store.ts'), join(BASELINE_DIR, 'jobs-store.ts')],
    [join(ROOT, 'src/renderer/result/Timeline.tsx'), join(BASELINE_DIR, 'Timeline.ts')],
  ]);
  const virtualizer = join(BASELINE_DIR, 'virtual.ts');
  const applied = new Set<string>();
  const swap: Plugin = {
    name: 'diarist-bench-naive-baseline',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || importer.startsWith(BASELINE_DIR)) return null;
      if (source === '@tanstack/react-virtual') {
        applied.add(virtualizer);
        return virtualizer;
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const stand = resolved ? swaps.get(resolved.id) : undefined;
      if (stand) applied.add(stand);
      return stand ?? null;
    },
  };
  // A NODE_ENV inherited from a test runner would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  await vite({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: [swap],
    build: { outDir, emptyOutDir: true },
  });
  // A renamed or moved module would otherwise quietly make the "baseline" the app itself.
  const missing = [virtualizer, ...swaps.values()].filter((stand) => !applied.has(stand));
  if (missing.length) throw new Error(`baseline build: not swapped in: ${missing.join(', ')}`);
}

async function pageScript(): Promise<string> {
  const bundled = await esbuild({
    entryPoints: [join(ROOT, 'bench', 'ui-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return `globalThis.__benchConfig = ${JSON.stringify(CONFIG)};\n${bundled.outputFiles[0]!.text}`;
}

function withTimeout<T>(what: string, ms: number, pending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    pending,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function measure(browser: Browser, server: StaticServer, script: string): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: script });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    server.served.length = 0;
    await page.goto(server.url, { waitUntil: 'commit' });
    const run = <T>(what: string, expression: string, ms = 60_000) =>
      withTimeout(what, ms, page.evaluate(expression) as Promise<T>).catch((error: unknown) => {
        throw new Error(`${what}: ${String(error)}${errors.length ? `; page: ${errors[0]}` : ''}`);
      });
    const list = await run<{ fromAnswer: number; fromNavigation: number }>(
      'list first paint',
      '__bench.listFirstPaint()',
    );
    const startFiles = [...server.served];
    const isolated = await run<boolean>('isolation', '__bench.crossOriginIsolated()');
    const listDeserializeMs = await run<number>('marks', '__bench.marks.listDeserializeMs');
    const scroll = await run<FrameStats>('list scroll', `__bench.scrollList(${SCROLL_MS})`);
    const pushes = await run<FrameStats & { delivered: number }>(
      'pushes',
      `__bench.scrollListWithPushes(${SCROLL_MS}, ${PUSHES_PER_SECOND})`,
    );
    const openResult = await run<number>('open result', '__bench.openResult()');
    const zoom = await run<FrameStats>('zoom', `__bench.zoomTimeline(${SCROLL_MS})`);
    const timelineScroll = await run<FrameStats>(
      'timeline scroll',
      `__bench.scrollTimeline(${SCROLL_MS})`,
    );
    const rename = await run<{ painted: number; frames: FrameStats }>(
      'rename',
      `__bench.renameSpeaker('Chair ${Math.floor(Math.random() * 1000)}')`,
    );
    if (errors.length) throw new Error(`page error: ${errors[0]}`);
    return {
      listFromAnswer: list.fromAnswer,
      listFromNavigation: list.fromNavigation,
      listDeserializeMs,
      scroll,
      pushes,
      openResult,
      zoom,
      timelineScroll,
      rename,
      startFiles,
      isolated,
    };
  } finally {
    await context.close();
  }
}

// --- statistics and printing ------------------------------------------------------------------

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the value at or above which (1 - q) of the samples lie.
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface FrameSummary {
  median: number;
  p95: number;
  worst: number;
  fps: number;
  longFrames: number;
}

/** Per run: median, p95 and worst interval, frames per second; then the median over runs. */
function summarizeFrames(runs: readonly FrameStats[]): FrameSummary {
  const per = runs.map((stats) => {
    const total = stats.deltas.reduce((a, b) => a + b, 0);
    return {
      median: quantile(stats.deltas, 0.5),
      p95: quantile(stats.deltas, 0.95),
      worst: Math.max(...stats.deltas, stats.longestFrame),
      fps: total > 0 ? (stats.deltas.length * 1000) / total : 0,
      longFrames: stats.longFrames,
    };
  });
  return {
    median: median(per.map((p) => p.median)),
    p95: median(per.map((p) => p.p95)),
    worst: median(per.map((p) => p.worst)),
    fps: median(per.map((p) => p.fps)),
    longFrames: median(per.map((p) => p.longFrames)),
  };
}

interface Sizes {
  raw: number;
  gzip: number;
}

async function sizeOf(dir: string, files: readonly string[]): Promise<Sizes> {
  let raw = 0;
  let gzip = 0;
  for (const file of new Set(files)) {
    const body = await readFile(join(dir, file));
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip };
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const missing = chromiumMissingReason();
  if (missing) throw new Error(missing);
  if (!existsSync(join(OURS_DIR, 'index.html'))) {
    throw new Error(
      'dist/renderer is missing: run "npm run bench:ui" (it builds the renderer first)',
    );
  }
  const work = await mkdtemp(join(tmpdir(), 'diarist-bench-ui-'));
  const naiveDir = join(work, 'naive');
  // A copy, so a build started elsewhere during the run cannot change what is measured.
  const oursDir = join(work, 'ours');
  await cp(OURS_DIR, oursDir, { recursive: true });
  const cleanups: (() => Promise<unknown>)[] = [() => rm(work, { recursive: true, force: true })];
  const deadline = setTimeout(() => {
    console.error(`bench:ui stopped: it ran past ${DEADLINE_MS / 60_000} minutes`);
    void Promise.allSettled(cleanups.reverse().map((c) => c())).finally(() => process.exit(1));
  }, DEADLINE_MS);
  try {
    for (const file of await allFiles(oursDir)) {
      if ((await readFile(join(oursDir, file), 'utf8')).includes(DEVELOPMENT_MARKER)) {
        throw new Error(
          `dist/renderer holds React's development build (${file}); build it for production ` +
            'with "node scripts/build.mjs renderer" (no NODE_ENV set) and run again',
        );
      }
    }
    console.log('building the naive baseline and the in-page script…');
    await buildBaseline(naiveDir);
    const script = await pageScript();
    const servers: Record<Variant, StaticServer> = {
      ours: await serveStatic(oursDir),
      naive: await serveStatic(naiveDir),
    };
    const dirs: Record<Variant, string> = { ours: oursDir, naive: naiveDir };
    cleanups.push(servers.ours.close, servers.naive.close);
    // The e2e harness's Chromium: no GPU here, so it composites in software, as on many office
    // PCs without a usable GPU driver.
    const browser = await launchChromium();
    cleanups.push(() => browser.close());

    const results: Record<Variant, RunResult[]> = { ours: [], naive: [] };
    console.log('warm-up load of each variant (not counted)…');
    for (const variant of ['ours', 'naive'] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript({ content: script });
      await page.goto(servers[variant].url);
      await withTimeout('warm-up', 60_000, page.evaluate('__bench.listFirstPaint()'));
      await context.close();
    }
    for (let run = 1; run <= RUNS; run += 1) {
      // Alternate which goes first, so neither always runs on a warmer or cooler machine.
      const order: Variant[] = run % 2 ? ['ours', 'naive'] : ['naive', 'ours'];
      for (const variant of order) {
        process.stdout.write(`run ${run}/${RUNS}: ${variant}… `);
        const started = Date.now();
        results[variant].push(await measure(browser, servers[variant], script));
        console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    const version = browser.version();

    const sizes = {
      ours: {
        start: await sizeOf(dirs.ours, results.ours[0]!.startFiles),
        all: await sizeOf(dirs.ours, await allFiles(dirs.ours)),
      },
      naive: {
        start: await sizeOf(dirs.naive, results.naive[0]!.startFiles),
        all: await sizeOf(dirs.naive, await allFiles(dirs.naive)),
      },
    };

    const m = (variant: Variant, pick: (r: RunResult) => number) =>
      median(results[variant].map(pick));
    const frames = (variant: Variant, pick: (r: RunResult) => FrameStats) =>
      summarizeFrames(results[variant].map(pick));

    interface Row {
      label: string;
      ours: string;
      naive: string;
      target: string;
      met?: boolean;
      name?: string;
    }
    const rows: (Row | string)[] = [];
    const ms0 = (value: number) => `${value.toFixed(0)} ms`;
    const ms1 = (value: number) => `${value.toFixed(1)} ms`;
    /** A frame "makes" 16.7 ms when it is within one 60 Hz interval (5 µs timer resolution). */
    const onTime = (p95: number) => p95 <= FRAME_MS + 0.05;
    const frameRows = (title: string, name: string, pick: (r: RunResult) => FrameStats) => {
      const ours = frames('ours', pick);
      const naive = frames('naive', pick);
      rows.push(title);
      rows.push({
        label: '  frame median',
        ours: ms1(ours.median),
        naive: ms1(naive.median),
        target: '',
      });
      rows.push({
        label: '  frame p95',
        ours: ms1(ours.p95),
        naive: ms1(naive.p95),
        target: '≤ 16.7 ms',
        met: onTime(ours.p95),
        name: `${name} p95 frame`,
      });
      rows.push({
        label: '  worst frame',
        ours: ms1(ours.worst),
        naive: ms1(naive.worst),
        target: '',
      });
      rows.push({
        label: '  frames per second',
        ours: ours.fps.toFixed(1),
        naive: naive.fps.toFixed(1),
        target: '',
      });
      rows.push({
        label: '  long frames (> 50 ms work)',
        ours: String(ours.longFrames),
        naive: String(naive.longFrames),
        target: '',
      });
    };

    const listOurs = m('ours', (r) => r.listFromAnswer);
    rows.push(`job list, ${CONFIG.jobs.toLocaleString('en')} jobs in every state`);
    rows.push({
      label: '  first paint after the jobs:list answer',
      ours: ms0(listOurs),
      naive: ms0(m('naive', (r) => r.listFromAnswer)),
      target: '≤ 150 ms',
      met: listOurs <= 150,
      name: 'list first paint',
    });
    rows.push({
      label: '    of which deserializing the answer',
      ours: ms0(m('ours', (r) => r.listDeserializeMs)),
      naive: ms0(m('naive', (r) => r.listDeserializeMs)),
      target: '',
    });
    rows.push({
      label: '  first paint from navigation start (*)',
      ours: ms0(m('ours', (r) => r.listFromNavigation)),
      naive: ms0(m('naive', (r) => r.listFromNavigation)),
      target: '',
    });
    frameRows(`scrolling top to bottom in ${SCROLL_MS / 1000} s`, 'list scroll', (r) => r.scroll);
    frameRows(
      `the same with ${PUSHES_PER_SECOND} progress pushes per second`,
      'pushes',
      (r) => r.pushes,
    );
    rows.push({
      label: '  pushes delivered during the scroll',
      ours: m('ours', (r) => r.pushes.delivered).toFixed(0),
      naive: m('naive', (r) => r.pushes.delivered).toFixed(0),
      target: '',
    });
    const openOurs = m('ours', (r) => r.openResult);
    rows.push(
      `result view, ${CONFIG.seconds / 3600} h recording, ${CONFIG.turns.toLocaleString('en')} turns, ${CONFIG.speakers} speakers, transcript`,
    );
    rows.push({
      label: '  time to interactive (click → painted)',
      ours: ms0(openOurs),
      naive: ms0(m('naive', (r) => r.openResult)),
      target: '≤ 250 ms',
      met: openOurs <= 250,
      name: 'result view',
    });
    frameRows(
      `zooming the timeline in to the deepest zoom and out (Ctrl + wheel)`,
      'zoom',
      (r) => r.zoom,
    );
    frameRows(
      'scrolling the timeline end to end at 32×',
      'timeline scroll',
      (r) => r.timelineScroll,
    );
    rows.push('renaming a speaker');
    rows.push({
      label: '  Enter → new name painted in lanes and turns',
      ours: ms0(m('ours', (r) => r.rename.painted)),
      naive: ms0(m('naive', (r) => r.rename.painted)),
      target: '',
    });
    const renameFrames = (variant: Variant) => frames(variant, (r) => r.rename.frames);
    rows.push({
      label: '  worst frame in the second after',
      ours: ms1(renameFrames('ours').worst),
      naive: ms1(renameFrames('naive').worst),
      target: '',
    });
    rows.push('renderer bundle (gzip -6; raw in brackets)');
    const size = (s: Sizes) => `${kb(s.gzip)} (${kb(s.raw)})`;
    rows.push({
      label: '  fetched until the list is painted',
      ours: size(sizes.ours.start),
      naive: size(sizes.naive.start),
      target: '',
    });
    rows.push({
      label: '  all of dist/renderer',
      ours: size(sizes.ours.all),
      naive: size(sizes.naive.all),
      target: '≤ 300 KB',
      met: sizes.ours.all.gzip <= 300 * 1024,
      name: 'bundle size',
    });

    console.log(
      `\nUI benchmark: built renderer in ${version} (headless, software compositing, 1280×800), ` +
        `median of ${RUNS} runs`,
    );
    const isolated = [...results.ours, ...results.naive].every((r) => r.isolated);
    console.log(
      [
        'frame times: intervals between requestAnimationFrame timestamps, which Chromium (headless',
        '  too) aligns to its 60 Hz begin-frames, so a frame that makes its vsync reads 16.7 ms and a',
        '  missed one 33.3 ms or more; work that overruns a frame by less than a frame can hide in',
        '  them, so long animation frames (> 50 ms of main-thread work) are counted separately',
        '"painted": the time right after the first frame that shows the thing (rAF, then a posted',
        '  message); the main thread is free at that moment, so it is also when input is handled',
        'naive baseline: the same app built the same way, but every row rendered (the virtualizer',
        '  swapped for one that returns all rows), each push applied at once (no batching per frame)',
        '  and a timeline of one <div> per turn instead of a canvas; all other code is the same',
        `pushes: ${PUSHES_PER_SECOND}/s, each in its own task, spread over the jobs that are uploading`,
        `timers: ${isolated ? '5 µs (cross-origin isolated page)' : '100 µs (page not cross-origin isolated)'}; ` +
          'answers from the fake core are serialized and deserialized as IPC would',
      ].join('\n'),
    );
    const widths = [46, 20, 20, 10];
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join(' ');
    console.log(`\n${line(['', 'ours', 'naive baseline', 'target'])}`);
    for (const row of rows) {
      if (typeof row === 'string') console.log(row);
      else {
        const mark = row.met === undefined ? '' : row.met ? '  met' : '  MISSED';
        console.log(`${line([row.label, row.ours, row.naive, row.target])}${mark}`);
      }
    }
    console.log(
      "\n(*) without the fake core's own work on the page's thread: generating the data and\n" +
        "    serializing its answers (main's side of IPC in the app). The fake core answers at once;\n" +
        '    in the app, main first reads its files, which these figures do not include.',
    );
    const missed = rows
      .filter((row): row is Row => typeof row !== 'string' && row.met === false)
      .map((row) => row.name);
    console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
  } finally {
    clearTimeout(deadline);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

await main();
