/** The `diarize` command: the job engine, headless, for scripts and IT staff. */

import { join, parse } from 'node:path';
import type { ErrorInfo } from '../shared/errors';
import { isFinalState, type JobRecord } from '../shared/jobs';
import { withCorrections } from '../shared/corrections';
import { compareRuns } from '../shared/run-compare';
import { chosenRunOf, runGroupOf } from '../shared/runs';
import type { ExportFormat, SavedResult } from '../shared/result';
import { exportFile } from '../core/exports';
import { isDiaristError, toErrorInfo } from '../core/errors';
import { JobEngine, type EngineOptions, type EngineStatus } from '../core/jobs/engine';
import { nameList } from '../core/jobs/waits';
import { createPyannoteClient, resolveApiUrl } from '../core/pyannote/client';
import { ensureChosenDir, writeChosenFileAtomic } from '../core/storage/files';
import { parseCliArgs, USAGE, type CliRequest } from './args';
import { expandInputs } from './inputs';
import { createProgressView } from './progress';
import { duplicateMessage, reusedMessage, sameRecordingOutcome } from './duplicates';
import { createFileLogger } from '../core/logging/logger';
import { engineEventLogger } from '../core/logging/engine-log';
import { openNetwork } from '../core/network/open';
import { createUploader } from '../core/upload/uploader';
import type { VoiceLibrary } from '../core/voices/library';
import { openVoiceLibrary, recognitionFor, runVoices } from './voices';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  /** Aborted on Ctrl-C: the run stops, and running it again resumes. */
  signal?: AbortSignal;
  /** Tests only: shorter timings than production's (client timeout, engine options). */
  testing?: { clientTimeoutMs?: number; engine?: Partial<EngineOptions> };
}

/** Exit codes, as listed in --help and the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2, gaveUp: 3, interrupted: 130 } as const;

export interface FileOutcome {
  file: string;
  status: 'succeeded' | 'failed' | 'canceled' | 'interrupted';
  jobId?: string;
  outputs: Partial<Record<ExportFormat, string>>;
  error?: { code: string; message: string };
  /** It failed (or was canceled) in an earlier run and was not sent again (see --retry-failed). */
  earlierRun?: true;
  /**
   * With --rerun on a recording that already had a result: this run against that result (the
   * recording's chosen run): how many speakers each found, on how much of the speech they agree
   * (0–1, labels matched optimally) and whether the earlier upload was reused.
   */
  comparedWith?: {
    jobId?: string;
    speakers: number;
    speakersBefore: number;
    agreement: number;
    upload?: 'reused' | 'uploaded';
  };
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
  const apiKey = io.env.PYANNOTE_API_KEY?.trim();
  if (!apiKey) {
    io.stderr.write(
      'diarize: set PYANNOTE_API_KEY to your pyannoteAI API key (from the pyannoteAI dashboard).\n',
    );
    return 2;
  }
  const logger = createFileLogger({
    file: join(parsed.request.dataDir, 'logs', 'diarist-cli.log'),
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
    ...(io.testing?.clientTimeoutMs ? { timeoutMs: io.testing.clientTimeoutMs } : {}),
  });
  const engineOptions = (
    library: VoiceLibrary,
    onEvent?: EngineOptions['onEvent'],
  ): EngineOptions => ({
    dataDir: parsed.request.dataDir,
    client,
    agentsFor: network.agentsFor,
    voiceprints: (ids) => library.voiceprints(ids),
    ...(onEvent ? { onEvent } : {}),
    ...(parsed.kind === 'run'
      ? {
          uploadConcurrency: parsed.request.concurrency,
          giveUpAfterMs: parsed.request.giveUpAfterMs,
        }
      : {}),
    ...io.testing?.engine,
  });
  const library = await openVoiceLibrary(parsed.request.dataDir, apiKey, logger);
  if (parsed.kind === 'voices') {
    try {
      return await runVoices(parsed.request, io, {
        library,
        logger,
        client,
        uploader: createUploader({ client, agentsFor: network.agentsFor }),
        openEngine: () => JobEngine.open(engineOptions(library)),
      });
    } finally {
      network.close();
    }
  }
  const request = parsed.request;
  // Notices raised while the engine opens (a damaged job list set aside), shown with the progress.
  const openingNotices: string[] = [];
  let opening = true;
  let engine: JobEngine;
  try {
    engine = await JobEngine.open(
      engineOptions(library, (event) => {
        if (opening && event.type === 'notice') openingNotices.push(event.message);
      }),
    );
    opening = false;
  } catch (error) {
    network.close();
    const info = toErrorInfo(error);
    // Which folder, so the person can fix it or pick another (the message alone cannot say).
    const message =
      info.code === 'write-failed' || info.code === 'disk-full'
        ? `${info.message} The data folder is ${request.dataDir}; to use another one, run with --data FOLDER (or set DIARIST_DATA_DIR).`
        : info.message;
    io.stderr.write(`diarize: ${message}\n`);
    if (request.json) {
      const files = await expandInputs(request.inputs).catch(() => request.inputs);
      const outcomes: FileOutcome[] = (files.length > 0 ? files : request.inputs).map((file) => ({
        file,
        status: 'failed',
        outputs: {},
        error: { code: info.code, message },
      }));
      io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
    }
    return EXIT.failed;
  }
  engine.subscribe(engineEventLogger(logger));
  const recognition = await recognitionFor(request, library).catch(
    (error: unknown) => ({ ok: false, message: toErrorInfo(error).message }) as const,
  );
  if (!recognition.ok) {
    io.stderr.write(`diarize: ${recognition.message}\n`);
    await engine.close();
    network.close();
    return EXIT.usage;
  }
  if (recognition.recognise)
    request.options = { ...request.options, recognise: recognition.recognise };
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
  const { jobs, earlier } = await jobsFor(engine, files, request, reused);
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

  const unfinishedNames = () =>
    [...ids].flatMap((id) => {
      const job = engine.get(id);
      return job && !isFinalState(job.state) ? [job.source.name] : [];
    });
  const waits = waitPrinter((text) => view.message(text));
  let unsubscribe: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    // A copy is finished when the job it repeats is (it may belong to an earlier run).
    const done = (job: JobRecord | undefined, depth = 0): boolean =>
      !job ||
      (isFinalState(job.state) &&
        (!job.duplicateOf || depth > 3 || done(engine.get(job.duplicateOf), depth + 1)));
    const check = () => {
      const mine = [...ids].map((id) => engine.get(id));
      const status = engine.status();
      if (status.blocked || status.gaveUp || mine.every(done)) resolve();
    };
    let blockedSaid: string | undefined;
    unsubscribe = engine.subscribe((event) => {
      if (event.type === 'job') tellCopy(event.job);
      if (event.type === 'job') view.update(event.job);
      if (event.type === 'notice') view.message(event.message);
      if (event.type === 'status') {
        const { blocked } = event.status;
        if (blocked && blockedSaid !== blocked.code) {
          blockedSaid = blocked.code;
          const names = unfinishedNames();
          view.message(
            `${blocked.message}${names.length > 0 ? ` Recordings waiting for this: ${nameList(names)}.` : ''}`,
          );
        }
        if (!blocked) waits.print(event.status);
      }
      check();
    });
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
    check();
  });
  await finished;
  // Nothing the engine does from here on (closing puts uploads back to waiting) is progress to show.
  unsubscribe();
  const gaveUp = engine.status().gaveUp;
  if (gaveUp && !engine.status().blocked) view.message(gaveUp.message);
  if (io.signal?.aborted)
    view.message('Stopped. Run the same command again to resume where it left off.');
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
  for (const outcome of outcomes) if (earlier.has(outcome.file)) outcome.earlierRun = true;
  if (request.json) io.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
  else printSummary(io.stderr, outcomes);
  if (io.signal?.aborted) return EXIT.interrupted;
  if (outcomes.every((o) => o.status === 'succeeded')) return EXIT.ok;
  return gaveUp && outcomes.some((o) => o.error?.code === 'gave-up') ? EXIT.gaveUp : EXIT.failed;
}

/**
 * Prints what the engine waits for ("pyannoteAI's request limit: resuming in 52 s."): each new
 * kind of wait once, and the same kind again when its words change or half a minute has passed.
 */
function waitPrinter(write: (text: string) => void): { print(status: EngineStatus): void } {
  const said = new Map<string, { text: string; atMs: number }>();
  const withoutTime = (text: string) => text.replace(/\b(in \d+ (s|min)|shortly)\b/g, '…');
  return {
    print(status) {
      const now = Date.now();
      for (const wait of status.waits ?? []) {
        const before = said.get(wait.kind);
        if (before && before.text === withoutTime(wait.message) && now - before.atMs < 30_000)
          continue;
        said.set(wait.kind, { text: withoutTime(wait.message), atMs: now });
        write(wait.message);
      }
      const current = new Set<string>((status.waits ?? []).map((wait) => wait.kind));
      for (const kind of said.keys()) if (!current.has(kind)) said.delete(kind);
    },
  };
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
): Promise<{ jobs: JobRecord[]; earlier: Set<string> }> {
  const optionsKey = JSON.stringify(request.options);
  const existing = engine.list();
  const jobs: JobRecord[] = [];
  const fresh: string[] = [];
  // Failed or canceled before: sent again (and maybe billed) only when asked, with --retry-failed.
  const earlier = new Set<string>();
  if (request.rerun) {
    // A recording that already has a result gets a new run of it, linked as in the app's "Try
    // other settings": its upload is reused while pyannoteAI keeps it, and the runs are compared.
    const unlinked: string[] = [];
    for (const file of files) {
      const before = resultBefore(existing, file);
      if (before)
        jobs.push(
          ...(await engine.add([file], request.options, {
            rerun: true,
            runOf: runGroupOf(before),
          })),
        );
      else unlinked.push(file);
    }
    if (unlinked.length > 0)
      jobs.push(...(await engine.add(unlinked, request.options, { rerun: true })));
    const order = new Map(files.map((file, index) => [file, index]));
    jobs.sort((a, b) => (order.get(a.source.path) ?? 0) - (order.get(b.source.path) ?? 0));
    return { jobs, earlier };
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
    // A copy merged into another job is not a failure of its own.
    const ended =
      (previous.state === 'failed' || previous.state === 'canceled') && !previous.duplicateOf;
    if (ended && !request.retryFailed) earlier.add(file);
    jobs.push(
      (ended && request.retryFailed ? await engine.retry(previous.id) : previous) ?? previous,
    );
  }
  if (fresh.length > 0) jobs.push(...(await engine.add(fresh, request.options)));
  const order = new Map(files.map((file, index) => [file, index]));
  jobs.sort((a, b) => (order.get(a.source.path) ?? 0) - (order.get(b.source.path) ?? 0));
  return { jobs, earlier };
}

/** The result a file's earlier runs gave: the chosen run of its newest recording with a result. */
function resultBefore(jobs: readonly JobRecord[], file: string): JobRecord | undefined {
  const last = jobs.filter((job) => job.source.path === file && job.state === 'succeeded').at(-1);
  const chosen = last ? chosenRunOf(jobs, last) : undefined;
  return chosen?.state === 'succeeded' ? chosen : last;
}

/** A new run against the result it was a run of, for the summary (nothing when it was not a run). */
async function comparisonOf(
  engine: JobEngine,
  job: JobRecord,
): Promise<FileOutcome['comparedWith'] | undefined> {
  if (!job.runOf || job.state !== 'succeeded') return undefined;
  const others = engine.list().filter((other) => other.id !== job.id);
  const before = chosenRunOf(others, engine.get(job.runOf) ?? job);
  if (!before || before.id === job.id) return undefined;
  const [now, then] = await Promise.all([engine.getResult(job.id), engine.getResult(before.id)]);
  if (!now || !then) return undefined;
  const comparison = compareRuns(withCorrections(then).segments, withCorrections(now).segments);
  return {
    ...(before.serviceJobId ? { jobId: before.serviceJobId } : {}),
    speakers: comparison.speakersB.length,
    speakersBefore: comparison.speakersA.length,
    agreement: comparison.agreement,
    ...(job.sentAgain ? { upload: job.sentAgain } : {}),
  };
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
    const comparedWith = await comparisonOf(engine, job);
    return {
      file,
      status: 'succeeded',
      ...jobId,
      outputs,
      ...(comparedWith ? { comparedWith } : {}),
    };
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
  const gaveUp = engine.status().gaveUp;
  const error = blocked ??
    (gaveUp && !interrupted
      ? {
          code: 'gave-up',
          message: `Not finished: nothing moved forward for too long. Run the same command again to continue; nothing was lost.`,
        }
      : undefined) ?? {
      code: 'interrupted',
      message: 'Not finished yet; run the same command again to resume.',
    };
  return {
    file,
    status: (interrupted || gaveUp) && !blocked ? 'interrupted' : 'failed',
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
    await writeChosenFileAtomic(path, await exportFile(result, format), { mode: 0o600 });
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

const speakersWord = (n: number) => (n === 1 ? '1 speaker' : `${n} speakers`);

/** "A new run: 3 speakers (the result before: 2); the two agree on 87 % of the speech. …" */
export function comparisonLine(compared: NonNullable<FileOutcome['comparedWith']>): string {
  const upload =
    compared.upload === 'reused'
      ? ' The earlier upload was reused.'
      : compared.upload === 'uploaded'
        ? ' pyannoteAI no longer kept the earlier upload, so it was sent again.'
        : '';
  return `A new run: ${speakersWord(compared.speakers)} (the result before: ${compared.speakersBefore}); the two agree on ${Math.round(compared.agreement * 100)} % of the speech.${upload}`;
}

function printSummary(stream: NodeJS.WritableStream, outcomes: FileOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'succeeded') {
      stream.write(
        `✔ ${outcome.file}\n${Object.values(outcome.outputs)
          .map((p) => `    ${p}\n`)
          .join('')}${outcome.comparedWith ? `    ${comparisonLine(outcome.comparedWith)}\n` : ''}`,
      );
    } else {
      stream.write(`✘ ${outcome.file}: ${outcome.error?.message ?? outcome.status}\n`);
    }
  }
  const ok = outcomes.filter((o) => o.status === 'succeeded').length;
  stream.write(`${ok} of ${outcomes.length} recordings done.\n`);
  const earlier = outcomes.filter((o) => o.earlierRun).length;
  if (earlier > 0)
    stream.write(
      `${earlier === 1 ? '1 recording' : `${earlier} recordings`} failed before; run with --retry-failed to send ${earlier === 1 ? 'it' : 'them'} again.\n`,
    );
}
