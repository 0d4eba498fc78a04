/**
 * The `diarize` command when things go wrong (issue 11): where its log goes, what a rerun sends
 * again, what it says while it waits, when it gives up, and that nothing follows its summary.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo, FileOutcome } from '../../src/cli/run';
import {
  copyFixtures,
  FAST_SIM,
  FAST_TRACKING,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { runInProcess, savedJobs, startCli } from '../support/cli-harness';

function run(
  argv: string[],
  env: NodeJS.ProcessEnv,
  extra: Partial<CliIo> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(argv, env, {
    testing: { engine: { tracking: FAST_TRACKING, requestsPerMinute: 3_000 } },
    ...extra,
  });
}

/** The lines printed after the summary's "N of M recordings done." line. */
function afterSummary(stderr: string): string[] {
  const lines = stderr.split('\n');
  const at = lines.findIndex((line) => /^\d+ of \d+ recordings done\.$/.test(line));
  expect(at, 'a summary line').toBeGreaterThanOrEqual(0);
  return lines.slice(at + 1).filter(Boolean);
}

describe('the diarize command under faults', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  let argv: string[];
  let dataDir: string;
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-cli-faults-');
    env = { PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey };
    dataDir = join(work.path, 'data');
    const files = await copyFixtures(work.path, ['conversation.wav']);
    argv = [...files, '--data', dataDir, '--out', join(work.path, 'out'), '--formats', 'rttm'];
  });
  afterEach(async () => {
    await sim.close();
    await work.remove();
  });

  it('writes its log in the data folder even when run from a folder without package.json', async () => {
    const result = await startCli(sim, argv, {}, { cwd: work.path }).done;
    expect(result.code).toBe(0);
    const log = await readFile(join(dataDir, 'logs', 'diarist-cli.log'), 'utf8');
    expect(log).toMatch(/diarize started/);
    expect(log).not.toContain(sim.apiKey);
  });

  it('a rerun sends failed recordings again only with --retry-failed, and says so', async () => {
    sim.options.failJob = () => 'internal error';
    expect((await run(argv, env)).code).toBe(1);
    expect(sim.diarizePosts).toBe(1);
    sim.options.failJob = undefined;
    const rerun = await run(argv, env);
    expect(rerun.code).toBe(1);
    expect(sim.diarizePosts).toBe(1);
    expect(afterSummary(rerun.stderr)).toEqual([
      '1 recording failed before; run with --retry-failed to send it again.',
    ]);
    const json = await run([...argv, '--json'], env);
    expect((JSON.parse(json.stdout) as FileOutcome[])[0]!.earlierRun).toBe(true);
    const retried = await run([...argv, '--retry-failed'], env);
    expect(retried.code).toBe(0);
    expect(sim.diarizePosts).toBe(2);
    expect(retried.stderr).not.toMatch(/failed before/);
  });

  it('says what it waits for while rate-limited, and until when', async () => {
    sim.addFault({
      kind: 'status',
      status: 429,
      path: '/v1/media/input',
      headers: { 'Retry-After': '2' },
      times: 1,
    });
    const result = await run(argv, env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^pyannoteAI's request limit: resuming in 2 s\.$/m);
  });

  it('names the recordings a subscription problem holds up, once, and prints nothing after the summary', async () => {
    sim.options.mode402 = true;
    const result = await run(argv, env);
    expect(result.code).toBe(1);
    const said = result.stderr.match(/no active subscription[^\n]*/g) ?? [];
    expect(said[0]).toMatch(/Recordings waiting for this: conversation\.wav\.$/);
    expect(afterSummary(result.stderr)).toEqual([]);
  });

  it('after Ctrl-C: exit 130, and no progress lines after the summary', async () => {
    sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 3_000 });
    const controller = new AbortController();
    const pending = run(argv, env, { signal: controller.signal });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (sim.countRequests({ method: 'PUT' }) > 0) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    controller.abort();
    const result = await pending;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/Stopped\. Run the same command again/);
    expect(afterSummary(result.stderr)).toEqual([]);
  });

  it('names the data folder it cannot use, and --json still prints a report', async () => {
    // A data folder inside a file can never be created, whoever runs the test (root included).
    const bad = join(argv[0]!, 'data');
    const result = await run([argv[0]!, '--data', bad, '--json'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The data folder is ${bad}`);
    const report = JSON.parse(result.stdout) as FileOutcome[];
    expect(report).toHaveLength(1);
    expect(report[0]!.status).toBe('failed');
    expect(report[0]!.error?.message).toContain(bad);
  });

  it('gives up when every upload link has expired on arrival, keeping the job to continue', async () => {
    sim.options.uploadUrlTtlMs = 0;
    const result = await run([...argv, '--give-up-after', '0.05'], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Nothing moved forward for 3 s, so Diarist stopped trying\./);
    expect(result.stderr).toMatch(/Nothing was lost/);
    const [record] = await savedJobs(dataDir);
    expect(record!.state).toBe('waiting');
    sim.options.uploadUrlTtlMs = 60 * 60 * 1000;
    const again = await run(argv, env);
    expect(again.code).toBe(0);
    expect(sim.jobs()).toHaveLength(1);
  });

  it('gives up when the API always answers later than the client waits', async () => {
    sim.addFault({ kind: 'slow', path: /^\/v[12]\//, delayMs: 1_500 });
    const result = await run([...argv, '--give-up-after', '0.05'], env, {
      testing: {
        clientTimeoutMs: 1_000,
        engine: { tracking: FAST_TRACKING, requestsPerMinute: 3_000 },
      },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Nothing moved forward/);
    expect(result.stderr).toMatch(/pyannoteAI/);
  });
});
