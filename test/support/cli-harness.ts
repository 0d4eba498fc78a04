/** Runs the real `diarize` command as a child process, so tests can kill it at any moment. */

import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runDiarize, type CliIo } from '../../src/cli/run';
import type { JobRecord } from '../../src/shared/jobs';
import type { Simulator } from '../simulator';

const ROOT = join(import.meta.dirname, '..', '..');

export interface CliRun {
  child: ChildProcess;
  done: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

/** tsx's loader by absolute address, so the command can run from a folder without node_modules. */
const TSX = import.meta.resolve('tsx');

export function startCli(
  sim: Simulator,
  args: string[],
  env: Record<string, string> = {},
  options: { cwd?: string } = {},
): CliRun {
  const entry = join(ROOT, 'src', 'cli', 'diarize.ts');
  const child = spawn(process.execPath, ['--import', TSX, entry, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** The job records as the command last saved them (empty before the first save). */
export async function savedJobs(dataDir: string): Promise<JobRecord[]> {
  try {
    return (JSON.parse(await readFile(join(dataDir, 'jobs.json'), 'utf8')) as { jobs: JobRecord[] })
      .jobs;
  } catch {
    return [];
  }
}

/** Polls until `condition` holds (checked every 25 ms), or fails after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Kills the command the hard way (no cleanup runs), like a crash or a power cut. */
export async function crash(run: CliRun): Promise<void> {
  run.child.kill('SIGKILL');
  const result = await run.done;
  if (result.signal !== 'SIGKILL')
    throw new Error(`the command ended before it could be killed (exit ${result.code})`);
}

/** Runs the command in this process with captured streams (`io` adds to what it is given). */
export async function runInProcess(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: Partial<CliIo> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: false });
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runDiarize(argv, {
    env,
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    ...io,
  });
  return { code, stdout: out, stderr: err };
}
