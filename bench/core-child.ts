/**
 * One measurement of `npm run bench:core`, in a fresh process (so every run pays what the app pays
 * at startup: cold JIT, schemas built on first use). Prints one JSON line: { ms, count }.
 *
 *   store-ours <dataDir>           JobStore.open: the one jobs.json, trusted fields checked loosely
 *   store-naive-files <dir>        a file per job: readdir, read, JSON.parse and a full schema each
 *   store-naive-strict <dataDir>   the same jobs.json, but every record checked by a full schema
 *   preflight-ours <folder>        expandFolder + the engine's own checks (JobEngine.add, 4 at a time)
 *   preflight-naive <folder>       the same list, one file after another, parseFile with a full scan
 */

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { z } from 'zod';
import { expandFolder } from '../src/core/app/folders';
import { JobStore, STORE_FILE } from '../src/core/jobs/store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { JobEngine } from '../src/core/jobs/engine';
import { createPyannoteClient } from '../src/core/pyannote/client';
import { ERROR_CODES } from '../src/shared/errors';
import { JOB_STATES } from '../src/shared/jobs';
import { diarizeOptionsSchema } from '../src/shared/settings';

/** What a straightforward implementation validates: every field of every record, exactly. */
const fullRecordSchema = z.strictObject({
  id: z.string().min(1),
  revision: z.number().int().nonnegative(),
  batchId: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  state: z.enum(JOB_STATES),
  source: z.strictObject({
    path: z.string(),
    name: z.string(),
    sizeBytes: z.number().nonnegative(),
    mtimeMs: z.number(),
    durationSeconds: z.number().positive().optional(),
    container: z.string().optional(),
  }),
  options: diarizeOptionsSchema,
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  mediaUrl: z.string().optional(),
  submitIntent: z
    .strictObject({ atMs: z.number(), serverTimeMs: z.number(), deadlineServerTimeMs: z.number() })
    .optional(),
  serviceJobId: z.string().optional(),
  serviceStatus: z.string().optional(),
  serviceCreatedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  resultFile: z.string().optional(),
  warning: z.string().optional(),
  error: z
    .strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      detail: z.string().optional(),
      retryable: z.boolean(),
    })
    .optional(),
  note: z.string().optional(),
});

const fullFileSchema = z.strictObject({
  formatVersion: z.literal(1),
  jobs: z.array(fullRecordSchema),
  uploads: z.record(z.string(), z.number()),
});

async function timed(run: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const started = process.hrtime.bigint();
  const count = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, count };
}

const [mode, target] = process.argv.slice(2);
if (!mode || !target) throw new Error('usage: core-child <mode> <path>');

const measurements: Record<string, () => Promise<number>> = {
  'store-ours': async () => (await JobStore.open(target)).all().length,
  'store-naive-files': async () => {
    const names = (await readdir(target)).filter((name) => name.endsWith('.json'));
    const jobs = new Map<string, unknown>();
    for (const name of names) {
      const record = fullRecordSchema.parse(JSON.parse(await readFile(join(target, name), 'utf8')));
      jobs.set(record.id, record);
    }
    return jobs.size;
  },
  'store-naive-strict': async () => {
    const text = await readFile(join(target, STORE_FILE), 'utf8');
    return fullFileSchema.parse(JSON.parse(text)).jobs.length;
  },
  'preflight-ours': async () => {
    // The path the app and the command line take: jobs added to the engine, checked by its
    // queue. Without a key nothing leaves the machine: uploads wait, blocked on the key.
    const dataDir = await mkdtemp(join(tmpdir(), 'diarist-bench-engine-'));
    const client = createPyannoteClient({
      baseUrl: 'http://127.0.0.1:9',
      getApiKey: async () => undefined,
    });
    const engine = await JobEngine.open({ dataDir, client });
    try {
      const jobs = await engine.add(await expandFolder(target));
      const checked = () => jobs.every((job) => engine.get(job.id)?.state !== 'checking');
      while (!checked()) await new Promise((resolve) => setTimeout(resolve, 5));
      return jobs.filter((job) => engine.get(job.id)?.state !== 'failed').length;
    } finally {
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
  'preflight-naive': async () => {
    let ok = 0;
    for (const path of await expandFolder(target)) {
      try {
        const stats = await stat(path);
        if (!stats.isFile() || stats.size === 0) continue;
        const { format } = await parseFile(path, { duration: true });
        if (format.duration && format.duration > 0) ok += 1;
      } catch {
        // Not a recording: skipped, as a naive check would.
      }
    }
    return ok;
  },
};

const measure = measurements[mode];
if (!measure) throw new Error(`unknown mode ${mode}`);
console.log(JSON.stringify(await timed(measure)));
