/**
 * Fault catalogue, this computer: the disk fills up or stops letting Diarist write while it saves
 * a result or its job list, a recording is deleted or changed between being added and uploaded,
 * and two Diarists open the same data folder.
 *
 * Tests run as root here, where file modes do not stop writes: permission faults are run with the
 * effective user switched to "nobody" (65534) for the scenario, as the pre-flight unit test does.
 * A full disk is a real one: a 256 KiB tmpfs mounted for the scenario (skipped, and said so in the
 * table, where mounting is not permitted).
 */

import { execFileSync } from 'node:child_process';
import { chmod, chown, mkdir, open, readdir, rm } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { EngineEvent } from '../../src/core/jobs/engine';
import { isFinalState } from '../../src/shared/jobs';
import { scenario, type ScenarioRecord } from './support/record';
import {
  createWorld,
  expectPlainWords,
  measure,
  measureEngine,
  savedJobs,
  sleep,
  waitFor,
  waitForFinal,
  waitForState,
  type World,
} from './support/world';

const FILE = 'local';
const NOBODY = 65534;

const isRoot = process.getuid?.() === 0;
const canSwitchUser = isRoot && isMainThread && typeof process.seteuid === 'function';

function notices(world: World): Extract<EngineEvent, { type: 'notice' }>[] {
  return world.events.filter(
    (event): event is Extract<EngineEvent, { type: 'notice' }> => event.type === 'notice',
  );
}

/** Runs the rest of the scenario as "nobody", so that file modes apply; restored at the end. */
async function becomeNobody(record: ScenarioRecord, world: World): Promise<void> {
  await chown(world.dir, NOBODY, NOBODY);
  for (const name of await readdir(world.dir)) await chown(join(world.dir, name), NOBODY, NOBODY);
  process.setegid!(NOBODY);
  process.seteuid!(NOBODY);
  record.defer(() => {
    process.seteuid!(0);
    process.setegid!(0);
  });
}

/** Mounts a tiny tmpfs, or says why it cannot. */
function mountSmallDisk(path: string, size: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', path], {
      stdio: 'pipe',
    });
    return undefined;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  }
}

/** Writes 4 KiB blocks until the filesystem refuses; returns the bytes written. */
async function fillDisk(path: string): Promise<number> {
  const handle = await open(path, 'w');
  const block = Buffer.alloc(4096, 1);
  let written = 0;
  try {
    for (;;) {
      await handle.write(block);
      written += block.length;
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return written;
}

describe('the disk fills up', () => {
  scenario(
    FILE,
    'disk full while saving results and the job list (real 256 KiB tmpfs)',
    async (record) => {
      const world = await createWorld(record, { timing: { runningMs: 600 } });
      const disk = join(world.dir, 'small-disk');
      await mkdir(disk);
      const refused = isRoot ? mountSmallDisk(disk, '256k') : 'not running as root';
      if (refused) {
        record.skip(`cannot mount a small filesystem here (${refused})`);
      }
      record.defer(async () => {
        await world.closeEngine();
        execFileSync('umount', [disk]);
      });
      world.dataDir = join(disk, 'data');
      const engine = await world.open();
      const jobs = await engine.add(await world.recordings(3));
      const ids = jobs.map((job) => job.id);
      // Everything is at the service; now the disk fills before any result is saved.
      for (const id of ids) await waitForState(engine, [id], ['queued', 'processing']);
      const filler = join(disk, 'filler.bin');
      const filled = await fillDisk(filler);
      // The service finishes the jobs; Diarist cannot save them, says so, and loses nothing.
      await waitFor(
        engine,
        () => notices(world).some((n) => n.kind === 'save-failed'),
        () => undefined,
        10_000,
        () => 'a notice that saving failed',
      );
      await waitFor(
        engine,
        () => ids.every((id) => /could not save the result/.test(engine.get(id)!.note ?? '')),
        () => undefined,
        10_000,
        () => `a note on every job: ${ids.map((id) => engine.get(id)!.note).join(' / ')}`,
      );
      await sleep(500);
      const during = ids.map((id) => engine.get(id)!);
      expect(during.every((job) => !isFinalState(job.state))).toBe(true);
      const notice = notices(world).find((n) => n.kind === 'save-failed')!;
      expectPlainWords(notice.message, /disk is full.*Free some space/);
      expectPlainWords(during[0]!.note, /could not save the result yet.*disk is full/);
      // Space is freed: results and the job list are saved without anyone pressing anything.
      await rm(filler);
      const done = await waitForFinal(engine, ids, 30_000);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      expect(done.every((job) => job.note === undefined)).toBe(true);
      // Refusals seen: one result per job, plus the notices (the job list's saves failed too).
      record.injected = ids.length + notices(world).filter((n) => n.kind === 'save-failed').length;
      const m = await measureEngine(record, world, ids);
      await world.closeEngine();
      const onDisk = await savedJobs(world.dataDir);
      expect(onDisk.map((job) => job.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      record.outcome = `${Math.round(filled / 1024)} KiB filler filled the disk; told “${notice.message.slice(0, 40)}…”, jobs kept; after freeing space ${m.succeeded}/3 saved`;
    },
  );
});

describe('permission denied', () => {
  scenario(FILE, 'permission denied saving a result (results folder read-only)', async (record) => {
    const world = await createWorld(record, { timing: { runningMs: 600 } });
    if (!canSwitchUser) {
      record.skip('needs root with seteuid in a forked worker');
    }
    await becomeNobody(record, world);
    const engine = await world.open();
    const results = join(world.dataDir, 'results');
    await mkdir(results, { mode: 0o700 });
    const jobs = await engine.add(await world.recordings(2));
    const ids = jobs.map((job) => job.id);
    for (const id of ids) await waitForState(engine, [id], ['queued', 'processing']);
    await chmod(results, 0o500);
    await waitFor(
      engine,
      () => ids.every((id) => /could not save the result/.test(engine.get(id)!.note ?? '')),
      () => undefined,
      10_000,
      () => `a note on every job: ${ids.map((id) => engine.get(id)!.note).join(' / ')}`,
    );
    const during = ids.map((id) => engine.get(id)!);
    expect(during.every((job) => !isFinalState(job.state))).toBe(true);
    expectPlainWords(during[0]!.note, /could not save the result.*may write to it/);
    // The job list itself can still be saved, so the note survives a restart too.
    await sleep(300);
    expect((await savedJobs(world.dataDir)).every((job) => job.note !== undefined)).toBe(true);
    await chmod(results, 0o700);
    const done = await waitForFinal(engine, ids, 30_000);
    expect(done.every((job) => job.state === 'succeeded')).toBe(true);
    record.injected = ids.length;
    const m = await measureEngine(record, world, ids);
    record.outcome = `EACCES on results/: jobs kept with “${during[0]!.note!.slice(0, 40)}…”; after the fix ${m.succeeded}/2 saved`;
  });

  scenario(
    FILE,
    'permission denied saving the job list (data folder read-only)',
    async (record) => {
      const world = await createWorld(record);
      if (!canSwitchUser) {
        record.skip('needs root with seteuid in a forked worker');
      }
      await becomeNobody(record, world);
      const engine = await world.open({ uploadConcurrency: 1 });
      const jobs = await engine.add(await world.recordings(3));
      const ids = jobs.map((job) => job.id);
      await waitForState(engine, ids, ['uploading', 'submitting']);
      await chmod(world.dataDir, 0o500);
      await waitFor(
        engine,
        () => notices(world).some((n) => n.kind === 'save-failed'),
        () => undefined,
        10_000,
        () => 'a notice that saving failed',
      );
      const notice = notices(world).find((n) => n.kind === 'save-failed')!;
      expectPlainWords(notice.message, /could not save its data.*may write to it/);
      // Nothing is submitted while the intent to submit cannot be recorded (that is what prevents
      // paying twice after a crash), and nothing fails.
      await sleep(1_500);
      const postsWhileReadOnly = world.sim.diarizePosts;
      await sleep(1_000);
      expect(world.sim.diarizePosts).toBe(postsWhileReadOnly);
      expect(ids.every((id) => engine.get(id)!.state !== 'failed')).toBe(true);
      await chmod(world.dataDir, 0o700);
      const done = await waitForFinal(engine, ids, 60_000);
      expect(done.every((job) => job.state === 'succeeded')).toBe(true);
      record.injected = notices(world).filter((n) => n.kind === 'save-failed').length;
      const m = await measureEngine(record, world, ids);
      await world.closeEngine();
      expect((await savedJobs(world.dataDir)).map((job) => job.state)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
      record.outcome = `EACCES on the data folder: told “${notice.message.slice(0, 40)}…”, no submit without a saved intent; after the fix ${m.succeeded}/3 succeeded`;
    },
  );

  scenario(FILE, 'permission denied on the data folder at start', async (record) => {
    const world = await createWorld(record);
    if (!canSwitchUser) {
      record.skip('needs root with seteuid in a forked worker');
    }
    await mkdir(world.dataDir);
    await becomeNobody(record, world);
    await chmod(world.dataDir, 0o500);
    const error = await world.open().then(
      () => undefined,
      (reason: unknown) => reason as { code?: string; message?: string },
    );
    expect(error?.code).toBe('write-failed');
    expectPlainWords(error?.message, /could not save its data.*data folder/);
    record.injected = 1;
    record.add({ jobs: 0, lost: 0, duplicates: world.sim.jobs().length });
    record.outcome = `refused to start with “${error!.message!.slice(0, 60)}…”`;
  });
});

describe('the recording changes under Diarist', () => {
  scenario(FILE, 'source file deleted or changed between adding and uploading', async (record) => {
    const world = await createWorld(record);
    // The first upload is held, so the other jobs wait their turn while their files change.
    world.sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 1_000, times: 1 });
    const engine = await world.open({ uploadConcurrency: 1 });
    const files = await world.recordings(4);
    const jobs = await engine.add(files);
    const ids = jobs.map((job) => job.id);
    const first = await waitForState(engine, ids, ['uploading']);
    await waitFor(
      engine,
      () => ids.every((id) => id === first.id || engine.get(id)!.state === 'waiting'),
      () => undefined,
      10_000,
      () => `the other jobs waiting: ${ids.map((id) => engine.get(id)!.state).join(', ')}`,
    );
    const [kept, deleted, changed] = ids.filter((id) => id !== first.id) as [
      string,
      string,
      string,
    ];
    await rm(engine.get(deleted)!.source.path);
    // Same size, different bytes: only the modification time tells.
    const handle = await open(engine.get(changed)!.source.path, 'r+');
    await handle.write(Buffer.alloc(64, 7), 0, 64, 1_000);
    await handle.close();
    await waitForFinal(engine, ids);
    const state = (id: string) => engine.get(id)!;
    expect([first.id, kept].map((id) => state(id).state)).toEqual(['succeeded', 'succeeded']);
    expect(state(deleted).state).toBe('failed');
    expect(state(deleted).error?.code).toBe('source-missing');
    const deletedMessage = state(deleted).error?.message;
    expectPlainWords(deletedMessage, /no longer where it was added.*Add it again/);
    expect(state(changed).state).toBe('failed');
    expect(state(changed).error?.code).toBe('source-changed');
    expectPlainWords(state(changed).error?.message, /changed on disk after it was added/);
    // Nothing of the changed or deleted files left the machine.
    expect(world.sim.countRequests({ method: 'PUT', status: 200 })).toBe(2);
    expect(world.sim.jobs()).toHaveLength(2);
    // Retry checks the changed file again and runs the new version.
    await engine.retry(changed);
    const [again] = await waitForFinal(engine, [changed]);
    expect(again!.state).toBe('succeeded');
    record.injected = 2;
    const m = await measureEngine(record, world, ids);
    record.outcome = `deleted → “${deletedMessage!.slice(0, 40)}…”; changed → failed with reason, Retry ran the new version; ${m.serviceJobs} service jobs`;
  });
});

describe('two Diarists on one data folder', () => {
  scenario(FILE, 'two engines on one data folder', async (record) => {
    const world = await createWorld(record, { timing: { runningMs: 500 } });
    const first = await world.open();
    const jobs = await first.add(await world.recordings(2));
    const ids = jobs.map((job) => job.id);
    const error = await world.open().then(
      () => undefined,
      (reason: unknown) => reason as { code?: string; message?: string },
    );
    // world.open replaced nothing: the first engine is still the one running.
    world.engine = first;
    expect(error?.code).toBe('already-running');
    expectPlainWords(error?.message, /already working with this data folder/);
    await waitForFinal(first, ids);
    await world.closeEngine();
    // Once the first has closed, a second opens the same folder and finds the work done.
    const second = await world.open();
    await sleep(300);
    const m = await measure(
      world.sim,
      ids,
      ids.map((id) => second.get(id)),
      world.dataDir,
    );
    record.add(m);
    record.injected = 1;
    expect(m.succeeded).toBe(2);
    expect(world.sim.diarizePosts).toBe(2);
    record.outcome = `second refused: “${error!.message!.slice(0, 50)}…”; ${m.succeeded}/2 succeeded once`;
  });
});
