/**
 * A failed export says what to do in plain words, without errno text or the folder's full path.
 * The disks are real: a read-only and a full tmpfs, as the fault catalogue uses (skipped, saying
 * why, where mounting is not allowed; test/unit/storage covers every mapping with a fake layer).
 */

import { execFileSync } from 'node:child_process';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../src/shared/ipc-contract';
import {
  copyFixtures,
  FAST_SIM,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { addRecordings, finished, startApp, type TestApp } from '../support/app-harness';

/** Mounts a tiny tmpfs (read-only when asked), or answers why it cannot. */
function mount(path: string, options: string): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
  }
}

describe('an export that cannot be written', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  let job: JobView;
  const mounted: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-export-');
    app = await startApp(sim, join(work.path, 'data'));
    const added = (await addRecordings(
      app,
      await copyFixtures(work.path, ['conversation.wav']),
    )) as {
      ok: true;
      value: JobView[];
    };
    [job] = (await finished(app, [added.value[0]!.id], 15_000)) as [JobView];
  });
  afterAll(async () => {
    for (const path of mounted) execFileSync('umount', [path]);
    await app.close();
    await sim.close();
    await work.remove();
  });

  async function disk(name: string, options: string): Promise<string | undefined> {
    const path = join(work.path, name);
    await mkdir(path);
    const refused = mount(path, options);
    if (refused) {
      console.log(`SKIPPED ${name}: cannot mount a small filesystem here (${refused})`);
      return undefined;
    }
    mounted.push(path);
    return path;
  }

  function expectPlain(reply: unknown, folder: string) {
    const text = JSON.stringify(reply);
    expect(text).not.toMatch(/ENOSPC|EROFS|EACCES|errno|no space left|read-only file system/i);
    expect(text).not.toContain(folder);
    expect(text).not.toContain(work.path);
  }

  it('to a read-only folder: says so, names the folder only by its name, and what to do', async (context) => {
    const folder = await disk('Shared drive', 'size=64k,ro');
    if (!folder) return context.skip();
    app.picks.exportPath = join(folder, 'conversation.srt');
    const reply = await app.call('results:export', { id: job.id, format: 'srt' });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'write-failed',
        message:
          'Nothing can be saved in “Shared drive”: that place is read-only. Choose another folder, such as Documents, and save again.',
        detail: 'EROFS writing conversation.srt',
      },
    });
    expectPlain((reply as { error: { message: string } }).error.message, folder);
    expect(JSON.stringify(reply)).not.toContain(work.path);
  });

  it('to a full disk: says the disk is full and what to do, and leaves nothing half-written', async (context) => {
    const folder = await disk('USB stick', 'size=64k');
    if (!folder) return context.skip();
    // Filled up to the last block.
    const handle = await open(join(folder, 'filler.bin'), 'w');
    const block = Buffer.alloc(4096, 1);
    try {
      for (;;) await handle.write(block);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOSPC') throw error;
    } finally {
      await handle.close();
    }
    app.picks.exportPath = join(folder, 'conversation.json');
    const reply = await app.call('results:export', { id: job.id, format: 'json' });
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'disk-full',
        message:
          'The disk you chose is full, so the file was not saved. Free some space on it, or choose another place, and save again.',
      },
    });
    expectPlain((reply as { error: { message: string } }).error.message, folder);
    expect(JSON.stringify(reply)).not.toContain(work.path);
    expect(await readdir(folder)).toEqual(['filler.bin']);
    // With room again, the same export works.
    await rm(join(folder, 'filler.bin'));
    expect(await app.call('results:export', { id: job.id, format: 'json' })).toEqual({
      ok: true,
      value: { fileName: 'conversation.json', exportId: expect.any(String) },
    });
  });
});
