/**
 * Fault catalogue, the process dies: the real `diarize` command is killed with SIGKILL (no cleanup
 * runs, as in a crash or a power cut) at every stage of a job, then run again with the same
 * arguments. Also: two commands on one data folder at once, and the temporary files a crash
 * leaves behind. This is the one place for crash scenarios.
 */

import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { FileOutcome } from '../../src/cli/run';
import type { JobRecord } from '../../src/shared/jobs';
import { crash, startCli, until, type CliRun } from '../support/cli-harness';
import { startSimulator, type Simulator, type SimulatorInit } from '../simulator';
import { makeWav } from '../simulator/wav';
import { scenario, type ScenarioRecord } from './support/record';
import {
  createWorld,
  expectPlainWords,
  FAST_TIMING,
  measure,
  measureEngine,
  savedJobs,
  waitForFinal,
} from './support/world';

const FILE = 'crash';

interface Bench {
  sim: Simulator;
  dir: string;
  dataDir: string;
  argv: string[];
}

let tone = 0;

/** A simulator, one recording and the command's arguments, with a fresh data folder per run. */
async function bench(
  record: ScenarioRecord,
  init: SimulatorInit = {},
  seconds = 1,
): Promise<Bench> {
  const sim = await startSimulator({ ...init, timing: { ...FAST_TIMING, ...init.timing } });
  const dir = await mkdtemp(join(tmpdir(), 'diarist-crash-'));
  record.defer(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { sim, dir, ...(await freshRun(dir, seconds)) };
}

async function freshRun(
  dir: string,
  seconds: number,
): Promise<{ dataDir: string; argv: string[] }> {
  tone += 1;
  const run = join(dir, `run-${tone}`);
  const file = join(dir, `interview ${tone}.wav`);
  await writeFile(file, makeWav({ seconds, frequency: 150 + tone * 11 }));
  const dataDir = join(run, 'data');
  return {
    dataDir,
    argv: [file, '--data', dataDir, '--out', join(run, 'out'), '--formats', 'rttm', '--json'],
  };
}

/** Starts the command and makes sure it is killed if the scenario ends early. */
function start(record: ScenarioRecord, b: Bench, argv = b.argv): CliRun {
  const run = startCli(b.sim, argv);
  record.defer(() => {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  });
  return run;
}

/** Runs the command again without faults; it must finish the job with one service job in all. */
async function runAgainAndMeasure(
  record: ScenarioRecord,
  b: Bench,
  { countJob = true } = {},
): Promise<{ outcome: FileOutcome; records: JobRecord[] }> {
  const expectedServiceJobs = 1;
  b.sim.clearFaults();
  const again = await start(record, b).done;
  expect(again.stderr).not.toMatch(/Error:/);
  expect(again.code, `rerun output:\n${again.stdout}\n${again.stderr}`).toBe(0);
  const [outcome] = JSON.parse(again.stdout) as FileOutcome[];
  expect(outcome!.status).toBe('succeeded');
  expect(existsSync(outcome!.outputs.rttm!)).toBe(true);
  const records = await savedJobs(b.dataDir);
  const mine = records.filter((job) => job.serviceJobId === outcome!.jobId);
  const m = await measure(
    b.sim,
    mine.map((job) => job.id),
    mine,
    b.dataDir,
  );
  // Every run of this scenario shares one simulator: count only this run's service jobs.
  const atService = b.sim.jobs().filter((job) => (job.request.url as string) === mine[0]?.mediaUrl);
  record.add({
    jobs: countJob ? 1 : 0,
    lost: mine.length === 1 ? m.lost : 1,
    duplicates: Math.max(0, atService.length - expectedServiceJobs),
  });
  expect(records).toHaveLength(1);
  expect(atService).toHaveLength(expectedServiceJobs);
  return { outcome: outcome!, records };
}

describe('killed at every stage of a job, then run again', () => {
  scenario(FILE, 'killed before the upload sent a byte', async (record) => {
    const b = await bench(record);
    b.sim.addFault({ kind: 'slow', path: '/v1/media/input', delayMs: 10_000 });
    const run = start(record, b);
    await until(
      async () =>
        (await savedJobs(b.dataDir)).some((j) => j.state === 'waiting' || j.state === 'uploading'),
      'the upload step',
    );
    await crash(run);
    record.injected = 1;
    const state = (await savedJobs(b.dataDir))[0]!.state;
    expect(b.sim.countRequests({ method: 'PUT' })).toBe(0);
    await runAgainAndMeasure(record, b);
    record.outcome = `killed with the job “${state}”, 0 bytes sent; the rerun uploaded and finished it, 1 service job`;
  });

  scenario(FILE, 'killed in the middle of the upload', async (record) => {
    const b = await bench(record, {}, 20);
    b.sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 10_000 });
    const run = start(record, b);
    await until(
      () => b.sim.countRequests({ route: 'POST /v1/media/input', status: 201 }) > 0,
      'an upload URL',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await crash(run);
    record.injected = 1;
    expect(b.sim.uploads().size).toBe(0);
    await runAgainAndMeasure(record, b);
    expect(b.sim.uploads().size).toBe(1);
    record.outcome =
      'killed mid-PUT (nothing stored); the rerun uploaded again and finished, 1 service job';
  });

  scenario(
    FILE,
    'killed after the submit POST was sent, before its answer was saved',
    async (record) => {
      const b = await bench(record);
      b.sim.addFault({ kind: 'drop-after-handling', method: 'POST', path: '/v1/diarize' });
      // The lost answer is looked up at once; a slow job list keeps that lookup from finishing
      // before the kill, so the kill lands between the submit and any saved answer.
      b.sim.addFault({ kind: 'slow', method: 'GET', path: '/v2/jobs', delayMs: 10_000 });
      const run = start(record, b);
      await until(() => b.sim.diarizePosts > 0, 'the submit');
      await crash(run);
      record.injected = 1;
      const [saved] = await savedJobs(b.dataDir);
      expect(saved!.state).toBe('submitting');
      expect(saved!.submitIntent).toBeDefined();
      expect(saved!.serviceJobId).toBeUndefined();
      expect(b.sim.jobs()).toHaveLength(1);
      const { outcome } = await runAgainAndMeasure(record, b);
      expect(b.sim.diarizePosts).toBe(1);
      expect(outcome.jobId).toBe(b.sim.jobs()[0]!.id);
      record.outcome =
        'job created at the service, answer never saved; the rerun found it by its creation time (1 POST in all)';
    },
  );

  scenario(FILE, 'killed while the service processes the job', async (record) => {
    const b = await bench(record, { timing: { runningMs: 3_000 } });
    const run = start(record, b);
    await until(() => b.sim.jobs()[0]?.status === 'running', 'the job to run', 20_000);
    await until(
      async () => (await savedJobs(b.dataDir))[0]?.serviceJobId !== undefined,
      'the job id to be saved',
    );
    await crash(run);
    record.injected = 1;
    await runAgainAndMeasure(record, b);
    expect(b.sim.diarizePosts).toBe(1);
    record.outcome = 'the rerun followed the same service job to its result (1 POST in all)';
  });

  scenario(
    FILE,
    'killed while saving the result (3 tight-window kills + 2 seeded states)',
    async (record) => {
      const b = await bench(record);
      const landed: string[] = [];
      record.runs = 0;
      // Killed the moment the results folder appears: the result file is being written, or was
      // just written and the job list not yet, or both are done. Whichever it is, the rerun must
      // end with the result and no second service job.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        if (attempt > 0) Object.assign(b, await freshRun(b.dir, 1));
        const run = start(record, b);
        const results = join(b.dataDir, 'results');
        await until(() => existsSync(results), 'the result to be saved', 20_000);
        // The window is a few milliseconds wide: the command may finish before the kill lands.
        // That is one of the states a crash can leave, so it is recorded and checked the same way.
        run.child.kill('SIGKILL');
        const ended = await run.done;
        record.runs += 1;
        record.injected += 1;
        const files = readdirSync(results);
        const onDisk = (await savedJobs(b.dataDir))[0]!;
        landed.push(
          ended.signal !== 'SIGKILL'
            ? 'finished before the kill'
            : onDisk.state === 'succeeded'
              ? 'all saved'
              : files.some((name) => /^[\w-]+\.json$/.test(name))
                ? 'result saved, record not'
                : 'result not yet saved',
        );
        await runAgainAndMeasure(record, b);
      }

      // Seeded: the result is on disk but the record still says "processing" (killed between
      // the two writes). The rerun adopts it without asking the service for the output again.
      Object.assign(b, await freshRun(b.dir, 1));
      await runAgainAndMeasure(record, b, { countJob: false });
      await rewriteRecord(b.dataDir, { state: 'processing' });
      await rm(join(b.dataDir, '..', 'out'), { recursive: true, force: true });
      const fetches = b.sim.countRequests({ route: 'GET /v1/jobs/{jobId}' });
      await runAgainAndMeasure(record, b);
      expect(b.sim.countRequests({ route: 'GET /v1/jobs/{jobId}' })).toBe(fetches);
      record.runs += 1;
      record.injected += 1;
      landed.push('seeded: result saved, record not → adopted');

      // Seeded: killed half-way through writing the result: a partial temporary file next to
      // where the result goes, and no result. The rerun fetches the output again and saves it.
      Object.assign(b, await freshRun(b.dir, 1));
      await runAgainAndMeasure(record, b, { countJob: false });
      const [job] = await savedJobs(b.dataDir);
      const resultPath = join(b.dataDir, 'results', `${job!.id}.json`);
      const partial = (await readFile(resultPath, 'utf8')).slice(0, 200);
      await rm(resultPath);
      await writeFile(`${resultPath}.1234567890`, partial);
      await rewriteRecord(b.dataDir, { state: 'processing' });
      await rm(join(b.dataDir, '..', 'out'), { recursive: true, force: true });
      await runAgainAndMeasure(record, b);
      record.runs += 1;
      record.injected += 1;
      landed.push('seeded: half-written result → fetched again');
      record.outcome = `landed: ${landed.join('; ')} — every rerun ended with the result, 1 service job each`;
    },
    120_000,
  );
});

/** Rewrites the saved record as a crash would have left it (no result recorded). */
async function rewriteRecord(dataDir: string, patch: Partial<JobRecord>): Promise<void> {
  const path = join(dataDir, 'jobs.json');
  const store = JSON.parse(await readFile(path, 'utf8')) as { jobs: Record<string, unknown>[] };
  store.jobs[0] = { ...store.jobs[0], ...patch, resultFile: undefined, finishedAt: undefined };
  await writeFile(path, JSON.stringify(store));
}

describe('two commands on one data folder', () => {
  scenario(FILE, 'two diarize commands at once on one data folder', async (record) => {
    const b = await bench(record, { timing: { pendingMs: 3_000 } });
    const first = start(record, b);
    await until(async () => (await savedJobs(b.dataDir)).length > 0, 'the first run to start');
    const second = await start(record, b).done;
    expect(second.code).toBe(1);
    const said = second.stderr.trim().replace(/^diarize: /, '');
    expectPlainWords(said, /already working with this data folder.*Close it first/);
    const firstResult = await first.done;
    expect(firstResult.code).toBe(0);
    record.injected = 1;
    const records = await savedJobs(b.dataDir);
    const m = await measure(
      b.sim,
      records.map((job) => job.id),
      records,
      b.dataDir,
    );
    record.add(m);
    expect(records).toHaveLength(1);
    expect(b.sim.diarizePosts).toBe(1);
    record.outcome = `second exited 1: “${said.slice(0, 50)}…”; the first finished, 1 service job`;
  });
});

describe('temporary files left by a crash', () => {
  scenario(
    FILE,
    'half-written temporary files from a crash are removed at start',
    async (record) => {
      const world = await createWorld(record);
      const engine = await world.open();
      const [job] = await engine.add(await world.recordings(1));
      await waitForFinal(engine, [job!.id]);
      await world.closeEngine();
      // What a process killed between writing and renaming leaves (write-file-atomic's names),
      // next to files that only look alike and are not ours to remove.
      const stray = ['jobs.json.3141592653', `results/${job!.id}.json.271828`];
      const kept = ['jobs.json.bak', 'notes.txt.123', `results/${job!.id}.json.partial`];
      const past = new Date(Date.now() - 60_000);
      for (const name of [...stray, ...kept]) {
        await writeFile(join(world.dataDir, name), '{"half": ');
        await utimes(join(world.dataDir, name), past, past);
      }
      record.injected = stray.length;
      const reopened = await world.open();
      const left = [
        ...(await readdir(world.dataDir)),
        ...(await readdir(join(world.dataDir, 'results'))),
      ];
      for (const name of stray) expect(left, name).not.toContain(name.split('/').at(-1));
      for (const name of kept) expect(left, name).toContain(name.split('/').at(-1));
      expect(await reopened.getResult(job!.id)).toBeDefined();
      const m = await measureEngine(record, world, [job!.id]);
      record.outcome = `${stray.length} stray temporary files removed at start, ${kept.length} look-alikes kept; ${m.succeeded}/1 result intact`;
    },
  );
});
