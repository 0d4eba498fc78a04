/**
 * Core-side scale benchmark (`npm run bench:core`), each figure next to a naive baseline, medians
 * of BENCH_RUNS runs, every run in a fresh process (bench/core-child.ts) so it pays what the app
 * pays at startup (cold JIT, schemas built on first use).
 *
 * 1. The job store opening 10,000 jobs (target < 300 ms). The jobs are realistic records in every
 *    state, written by JobStore itself. The naive baseline is the common first design "a file per
 *    job": 10,000 JSON files, each read, parsed and checked by a full schema. For reference, the
 *    same jobs.json with every field of every record validated is timed too: it shows that
 *    validation is not where the time goes (ours checks only what loading must trust, so that
 *    fields written by a newer Diarist survive, not for speed).
 * 2. The pre-flight check of a folder of 1,000 recordings (target < 5 s): copies of the test
 *    fixtures in 10 kinds (WAV, MP3 CBR/VBR/without Xing, M4A, FLAC, Ogg Vorbis, Opus, WebM,
 *    MP4 with sound), and one file in 25 broken (empty, text named .wav, cut-short MP3, random
 *    bytes, video without sound), in 6 subfolders. Ours lists the folder and adds it to the
 *    engine, whose own queue checks the headers 4 at a time (the app's and the command line's
 *    path); the naive baseline checks one file after
 *    another with music-metadata's parseFile(path, { duration: true }) (a full scan).
 *    The fixtures are 14.7 s long (35–470 KB), so the full scan has little to read here; with
 *    hour-long recordings it reads every byte while the header check stays the same size.
 */

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JobStore } from '../src/core/jobs/store';
import type { JobRecord, JobState } from '../src/shared/jobs';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const JOBS = 10_000;
const RECORDINGS = 1_000;

const GOOD_FIXTURES = [
  'conversation.wav',
  'conversation-cbr.mp3',
  'conversation-vbr.mp3',
  'conversation-noxing.mp3',
  'réunion équipe.m4a',
  'conversation.flac',
  'conversation.ogg',
  'conversation.opus',
  'conversation.webm',
  'video-with-audio.mp4',
];
/** One in 25 files is broken in some way (empty, not audio, cut short, video without sound). */
const BAD_FIXTURES = [
  'empty.wav',
  'text-renamed.wav',
  'truncated.mp3',
  'garbage.bin',
  'video-no-audio.mp4',
];

const STATES: JobState[] = [
  'succeeded',
  'succeeded',
  'succeeded',
  'succeeded',
  'failed',
  'canceled',
  'waiting',
  'queued',
  'processing',
  'checking',
];

function record(i: number): JobRecord {
  const state = STATES[i % STATES.length]!;
  const at = new Date(Date.parse('2026-01-01T09:00:00.000Z') + i * 60_000).toISOString();
  const sha256 = randomUUID().replace(/-/g, '').repeat(2);
  const job: JobRecord = {
    id: randomUUID(),
    revision: 3 + (i % 40),
    batchId: `batch-${Math.floor(i / 25)}`,
    createdAt: at,
    updatedAt: at,
    state,
    source: {
      path: `C:\\Users\\office\\Recordings\\2026\\Meeting ${String(i).padStart(5, '0')}.m4a`,
      name: `Meeting ${String(i).padStart(5, '0')}.m4a`,
      sizeBytes: 40_000_000 + i * 1000,
      mtimeMs: Date.parse(at) - 3_600_000,
      durationSeconds: 1800 + (i % 7200),
      container: 'M4A/isom/iso2',
    },
    options: {
      model: 'precision-2',
      speakers: i % 3 === 0 ? { kind: 'exact', count: 4 } : { kind: 'auto' },
      exclusive: false,
      confidence: false,
      turnLevelConfidence: i % 5 === 0,
      transcription: i % 4 === 0,
    },
  };
  if (state !== 'checking' && state !== 'waiting') {
    job.sha256 = sha256;
    job.mediaUrl = `media://diarist/${sha256}`;
    job.serviceJobId = randomUUID();
    job.serviceStatus = state === 'succeeded' ? 'succeeded' : 'running';
    job.serviceCreatedAt = at;
  }
  if (state === 'succeeded') {
    job.finishedAt = at;
    job.resultFile = `results/${job.id}.json`;
  }
  if (state === 'failed') {
    job.error = {
      code: 'server-error',
      message: 'pyannoteAI had a problem and could not finish this recording. Try again later.',
      detail: 'GET /v1/jobs/… → 500 (request id 1f2e3d)',
      retryable: true,
    };
  }
  if (state === 'canceled') job.note = 'you canceled it';
  return job;
}

async function makeStores(base: string): Promise<{ dataDir: string; filesDir: string }> {
  const dataDir = join(base, 'data');
  const filesDir = join(base, 'jobs-per-file');
  await mkdir(filesDir, { recursive: true });
  const store = await JobStore.open(dataDir);
  for (let i = 0; i < JOBS; i += 1) {
    const job = record(i);
    store.put(job);
    await writeFile(join(filesDir, `${job.id}.json`), JSON.stringify(job));
  }
  await store.close();
  return { dataDir, filesDir };
}

async function makeFolder(base: string): Promise<string> {
  const folder = join(base, 'recordings');
  await mkdir(folder, { recursive: true });
  let good = 0;
  for (let i = 0; i < RECORDINGS; i += 1) {
    const bad = i % 25 === 24;
    const source = bad
      ? BAD_FIXTURES[Math.floor(i / 25) % BAD_FIXTURES.length]!
      : GOOD_FIXTURES[good++ % GOOD_FIXTURES.length]!;
    // Spread over a few subfolders, as months of recordings are.
    const dir = join(folder, `2026-${String(1 + (i % 6)).padStart(2, '0')}`);
    await mkdir(dir, { recursive: true });
    await copyFile(join(FIXTURES, source), join(dir, `${String(i).padStart(4, '0')} ${source}`));
  }
  return folder;
}

function child(mode: string, path: string): Promise<{ ms: number; count: number }> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/core-child.ts', mode, path], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${mode} exited with ${code}`));
      else
        resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; count: number });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'diarist-bench-core-'));
  try {
    console.log(
      `generating ${JOBS.toLocaleString('en')} jobs and ${RECORDINGS.toLocaleString('en')} recordings…`,
    );
    const { dataDir, filesDir } = await makeStores(base);
    const folder = await makeFolder(base);

    const cases = [
      { key: 'store-ours', path: dataDir },
      { key: 'store-naive-files', path: filesDir },
      { key: 'store-naive-strict', path: dataDir },
      { key: 'preflight-ours', path: folder },
      { key: 'preflight-naive', path: folder },
    ];
    const samples = new Map<string, { ms: number[]; count: number }>();
    for (let run = 1; run <= RUNS; run += 1) {
      process.stdout.write(`run ${run}/${RUNS}…`);
      for (const { key, path } of cases) {
        const result = await child(key, path);
        const entry = samples.get(key) ?? { ms: [], count: result.count };
        entry.ms.push(result.ms);
        samples.set(key, entry);
      }
      console.log(' done');
    }
    const ms = (key: string) => median(samples.get(key)!.ms);
    const count = (key: string) => samples.get(key)!.count;

    console.log(
      `\ncore benchmark on ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ` +
        `Node ${process.versions.node}, median of ${RUNS} runs, each in a fresh process`,
    );
    console.log(
      [
        'naive baselines: the job store as a file per job (each read, parsed and fully validated);',
        '  the pre-flight check one file after another with a full-scan parse (duration: true).',
        '  Files are in the page cache (just written), as a folder that was just copied would be.',
        '  The recordings are copies of the 14.7 s test fixtures (35–470 KB each).',
      ].join('\n'),
    );
    const widths = [54, 12, 10, 10];
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join(' ');
    console.log(`\n${line(['', 'time', 'loaded/ok', 'target'])}`);
    console.log(`job store: open ${JOBS.toLocaleString('en')} jobs`);
    const storeOurs = ms('store-ours');
    console.log(
      `${line(['  ours: JobStore.open (one jobs.json, trusted fields)', `${storeOurs.toFixed(0)} ms`, String(count('store-ours')), '< 300 ms'])}  ${storeOurs < 300 ? 'met' : 'MISSED'}`,
    );
    console.log(
      line([
        '  naive: a file per job, full schema each',
        `${ms('store-naive-files').toFixed(0)} ms`,
        String(count('store-naive-files')),
        '',
      ]),
    );
    console.log(
      line([
        '  for reference: jobs.json, every field validated',
        `${ms('store-naive-strict').toFixed(0)} ms`,
        String(count('store-naive-strict')),
        '',
      ]),
    );
    console.log(
      `pre-flight check: a folder of ${RECORDINGS.toLocaleString('en')} recordings (${GOOD_FIXTURES.length} kinds, 1 in 25 broken)`,
    );
    const preflightOurs = ms('preflight-ours');
    console.log(
      `${line(["  ours: expandFolder + the engine's checks (4 at a time)", `${(preflightOurs / 1000).toFixed(2)} s`, String(count('preflight-ours')), '< 5 s'])}  ${preflightOurs < 5000 ? 'met' : 'MISSED'}`,
    );
    console.log(
      line([
        '  naive: one by one, parseFile with duration: true',
        `${(ms('preflight-naive') / 1000).toFixed(2)} s`,
        String(count('preflight-naive')),
        '',
      ]),
    );
    const lenient = count('preflight-naive') - count('preflight-ours');
    if (lenient > 0) {
      console.log(
        `  (the naive check lets ${lenient} broken files through that ours turns away, e.g. cut-short MP3s)`,
      );
    }
    const missed = [
      ...(storeOurs < 300 ? [] : ['job store open']),
      ...(preflightOurs < 5000 ? [] : ['pre-flight check']),
    ];
    console.log(missed.length ? `targets missed: ${missed.join(', ')}` : 'targets met');
    if (missed.length) process.exitCode = 1;
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

await main();
