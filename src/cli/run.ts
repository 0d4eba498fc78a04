/** The `diarize` command: the job engine, headless, for scripts and IT staff. */

import { join, parse } from 'node:path';
import type { ErrorInfo } from '../shared/errors';
import { isFinalState, type JobRecord } from '../shared/jobs';
import type { ExportFormat, SavedResult } from '../shared/result';
import { exportResult } from '../core/exports';
import { isDiaristError, toErrorInfo } from '../core/errors';
import { JobEngine } from '../core/jobs/engine';
import { createPyannoteClient, resolveApiUrl } from '../core/pyannote/client';
import { ensureChosenDir, writeChosenFileAtomic } from '../core/storage/files';
import { parseCliArgs, USAGE, type CliRequest } from './args';
import { expandInputs } from './inputs';
import { createProgressView } from './progress';
import { duplicateMessage, reusedMessage, sameRecordingOutcome } from './duplicates';
import { createFileLogger } from '../core/logging/logger';
import { engineEventLogger } from '../core/logging/engine-log';
import { openNetwork } from '../core/network/open';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C: the run stops, and running it again resumes. */
  signal?: AbortSignal;
}

export interface FileOutcome {
  file: string;
  status: 'succeeded' | 'failed' | 'canceled' | 'interrupted';
  jobId?: string;
  outputs: Partial<Record<ExportFormat, string>>;
  error?: { code: string; message: string };
}

export async function runDiarize(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv, io.env);
  if (parsed.kind === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    io.stderr.write(`diarize: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const request = parsed.request;
  const apiKey = io.env.PYANNOTE_API_KEY?.trim();
  if (!apiKey) {
    io.stderr.write(
      'diarize: set PYANNOTE_API_KEY to your pyannoteAI API key (from the pyannoteAI dashboard).\n',
    );
    return 2;
  }
  const logger = createFileLogger({
    file: join(request.dataDir, 'logs', 'diarist-cli.log'),
    secrets: () => [apiKey],
  });
  // Like curl: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the process environment, and Node's own
  // certificates, so NODE_EXTRA_CA_CERTS (which Node reads at start) is trusted as well.
  const network = openNetwork(logger);
  const client = createPyannoteClient({
    getApiKey: () => apiKey,
    baseUrl: resolveApiUrl(io.env),
    userAgent: 'Diarist-cli',
    agentsFor: network.agentsFor,
  });
  // Notices raised while the engine opens (a damaged job list set aside), shown with the progress.
  const openingNotices: string[] = [];
  let opening = true;
  let engine: JobEngine;
  try {
    engine = await JobEngine.open({
      dataDir: request.dataDir,
      client,
      agentsFor: network.agentsFor,
      uploadConcurrency: request.concurrency,
      onEvent: (event) => {
        if (opening && event.type === 'notice') openingNotices.push(event.message);
      },
    });
    opening = false;
  } catch (error) {
    network.close();
    io.stderr.write(
      `diarize: ${isDiaristError(error) ? error.message : toErrorInfo(error).message}\n`,
    );
    return 1;
  }
  engine.subscribe(engineEventLogger(logger));
  logger.info('diarize started', { files: request.inputs.length, service: client.baseUrl });
  try {
    return await runWithEngine(engine, request, io, openingNotices);
  } catch (error) {
    // A folder that cannot be written, say: plain words, and the real error in the log.
    if (!isDiaristError(error)) logger.error('diarize failed', { error: String(error) });
    io.stderr.write(`diarize: ${toErrorInfo(error).message}\n`);
    return 1;
  } finally {
    await engine.close();
    network.close();
  }
}

async function runWithEngine(
  engine: JobEngine,
  request: CliRequest,
  io: CliIo,
  openingNotices: readonly string[],
): Promise<number> {
  const files = await expandInputs(request.inputs);
  if (files.length === 0) {
    io.stderr.write('diarize: no recordings found in the folders given.\n');
    return 1;
  }
  const reused: string[] = [];
  const jobs = await jobsFor(engine, files, request, reused);
  const ids = new Set(jobs.map((job) => job.id));
  const view = createProgressView(io.stderr, ids);
  for (const message of openingNotices) view.message(message);
  for (const path of reused) view.message(reusedMessage(path));
  // Each copy of a recording is told once, when the engine finds it (or at once, from an earlier run).
  const toldCopies = new Set<string>();
  const tellCopy = (job: JobRecord) => {
    if (!ids.has(job.id) || !job.duplicateOf || toldCopies.has(job.id)) return;
    toldCopies.add(job.id);
    view.message(duplicateMessage(job, engine.get(job.duplicateOf)));
  };
  for (const job of jobs) tellCopy(engine.get(job.id) ?? job);
  for (const job of jobs) view.update(engine.get(job.id) ?? job);

  const finished = new Promise<void>((resolve) => {
    // A copy is finished when the job it repeats is (it may belong to an earlier run).
    const done = (job: JobRecord | undefined, depth = 0): boolean =>
      !job ||
      (isFinalState(job.state) &&
        (!job.duplicateOf || depth > 3 || done(engine.get(job.duplicateOf), depth + 1)));
    const check = () => {
      const mine = [...ids].map((id) => engine.get(id));
      if (engine.status().blocked || mine.every(done)) resolve();
    };
    engine.subscribe((event) => {
      if (event.type === 'job') tellCopy(event.job);
      if (event.type === 'job') view.update(event.job);
      if (event.type === 'notice') view.message(event.message);
      if (event.type === 'status' && event.status.blocked)
        view.message(event.status.blocked.message);
      if (event.type === 'status' && event.status.offline)
        view.message('Cannot reach pyannoteAI right now; retrying…');
      check();
    });
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
    check();
  });
  await finished;
  view.finish();

  await ensureChosenDir(request.outDir);
  const usedNames = new Set<string>();
  const outcomes: FileOutcome[] = [];
  for (const job of jobs) {
    const current = engine.get(job.id) ?? job;
    outcomes.push(
      await outcomeFor(
        engine,
        current,
        request,
        usedNames,
        engine.status().blocked,
        io.signal?.aborted ?? false,
      ),
    );
  }
  if (request.json) io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  else printSummary(io.stderr, outcomes);
  if (io.signal?.aborted)
    view.message('Stopped. Run the same command again to resume where it left off.');
  return outcomes.every((o) => o.status === 'succeeded') ? 0 : 1;
}

/**
 * The same file with the same options continues the job from an earlier run (interrupted or
 * failed) instead of starting a new, billable one.
 */
async function jobsFor(
  engine: JobEngine,
  files: string[],
  request: CliRequest,
  reused: string[],
): Promise<JobRecord[]> {
  const optionsKey = JSON.stringify(request.options);
  const existing = engine.list();
  const jobs: JobRecord[] = [];
  const fresh: string[] = [];
  if (request.rerun) {
    jobs.push(...(await engine.add(files, request.options, { rerun: true })));
    return jobs;
  }
  for (const file of files) {
    const previous = existing
      .filter((job) => job.source.path === file && JSON.stringify(job.options) === optionsKey)
      .at(-1);
    if (!previous) {
      fresh.push(file);
      continue;
    }
    if (previous.state === 'succeeded') reused.push(file);
    jobs.push(
      (previous.state === 'failed' || previous.state === 'canceled'
        ? await engine.retry(previous.id)
        : previous) ?? previous,
    );
  }
  if (fresh.length > 0) jobs.push(...(await engine.add(fresh, request.options)));
  const order = new Map(files.map((file, index) => [file, index]));
  return jobs.sort((a, b) => (order.get(a.source.path) ?? 0) - (order.get(b.source.path) ?? 0));
}

async function outcomeFor(
  engine: JobEngine,
  job: JobRecord,
  request: CliRequest,
  usedNames: Set<string>,
  blocked: ErrorInfo | undefined,
  interrupted: boolean,
): Promise<FileOutcome> {
  const file = job.source.path;
  const original = job.duplicateOf ? engine.get(job.duplicateOf) : undefined;
  if (job.state === 'canceled' && original) {
    const outcome = sameRecordingOutcome(original);
    // The copy gets the result of the job it repeats, under its own name.
    const result = outcome.status === 'succeeded' ? await engine.getResult(original.id) : undefined;
    if (result) {
      const named = { ...result, source: { ...result.source, name: job.source.name } };
      const outputs = await writeExports(named, job.source.path, request, usedNames);
      const jobId = original.serviceJobId ? { jobId: original.serviceJobId } : {};
      return { file, status: 'succeeded', ...jobId, outputs };
    }
    return { file, ...outcome };
  }
  // Keys in the order people read them: file, status, jobId, outputs, error.
  const jobId = job.serviceJobId ? { jobId: job.serviceJobId } : {};
  if (job.state === 'succeeded') {
    const outputs: FileOutcome['outputs'] = {};
    const stem = uniqueStem(parse(job.source.path).name, usedNames);
    for (const format of request.formats) {
      const { content } = await engine.exportJob(job.id, format);
      const path = join(request.outDir, `${stem}.${format}`);
      await writeChosenFileAtomic(path, content, { mode: 0o600 });
      outputs[format] = path;
    }
    return { file, status: 'succeeded', ...jobId, outputs };
  }
  if (job.state === 'failed' || job.state === 'canceled') {
    const error = job.error ?? { code: 'canceled', message: job.note ?? 'Canceled.' };
    return {
      file,
      status: job.state,
      ...jobId,
      outputs: {},
      error: { code: error.code, message: error.message },
    };
  }
  const error = blocked ?? {
    code: 'interrupted',
    message: 'Not finished yet; run the same command again to resume.',
  };
  return {
    file,
    status: interrupted && !blocked ? 'interrupted' : 'failed',
    ...jobId,
    outputs: {},
    error: { code: error.code, message: error.message },
  };
}

/** Writes a result's exports for one input file, named after that file. */
async function writeExports(
  result: SavedResult,
  file: string,
  request: CliRequest,
  usedNames: Set<string>,
): Promise<FileOutcome['outputs']> {
  const outputs: FileOutcome['outputs'] = {};
  const stem = uniqueStem(parse(file).name, usedNames);
  for (const format of request.formats) {
    const path = join(request.outDir, `${stem}.${format}`);
    await writeChosenFileAtomic(path, exportResult(result, format), { mode: 0o600 });
    outputs[format] = path;
  }
  return outputs;
}

/** Two recordings called "interview.wav" in different folders get "interview" and "interview (2)". */
function uniqueStem(stem: string, used: Set<string>): string {
  let candidate = stem;
  for (let n = 2; used.has(candidate.toLowerCase()); n += 1) candidate = `${stem} (${n})`;
  used.add(candidate.toLowerCase());
  return candidate;
}

function printSummary(stream: NodeJS.WritableStream, outcomes: FileOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'succeeded') {
      stream.write(
        `✔ ${outcome.file}\n${Object.values(outcome.outputs)
          .map((p) => `    ${p}\n`)
          .join('')}`,
      );
    } else {
      stream.write(`✘ ${outcome.file}: ${outcome.error?.message ?? outcome.status}\n`);
    }
  }
  const ok = outcomes.filter((o) => o.status === 'succeeded').length;
  stream.write(`${ok} of ${outcomes.length} recordings done.\n`);
}
