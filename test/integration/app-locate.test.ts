/**
 * "Locate file…" (issue 14): a recording moved or renamed after it was added is found again. The
 * same recording (its content, or its size and length when the job never hashed it) points the
 * job at its new place: playback reads it from there and Retry sends it. Any other file is
 * refused in plain words and changes nothing.
 */

import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView, PickedFile, Reply } from '../../src/shared/ipc-contract';
import { DEFAULT_DIARIZE_OPTIONS } from '../../src/shared/diarize-options';
import {
  FAST_SIM,
  FIXTURES,
  startSimulator,
  tempDir,
  type Simulator,
} from '../support/engine-harness';
import { startApp, type TestApp } from '../support/app-harness';

describe('locating a moved recording', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-locate-');
    app = await startApp(sim, join(work.path, 'data'));
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  const value = <T>(reply: Reply<unknown>): T => {
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.value as T;
  };
  const jobOf = async (id: string) =>
    value<JobView[]>(await app.call('jobs:list')).find((job) => job.id === id);
  const addFile = async (path: string): Promise<JobView> => {
    app.picks.recordings = [path];
    const picked = value<PickedFile[]>(await app.call('files:pick'));
    const [job] = value<JobView[]>(
      await app.call('jobs:add', {
        fileIds: picked.map((file) => file.id),
        options: DEFAULT_DIARIZE_OPTIONS,
      }),
    );
    return job!;
  };
  const settled = async (id: string) => {
    await expect
      .poll(async () => (await jobOf(id))?.state, { timeout: 20_000 })
      .toMatch(/succeeded|failed|canceled/);
    return (await jobOf(id))!;
  };

  it('points a done job at the same recording moved elsewhere, and refuses another file', async () => {
    const original = join(work.path, 'meeting.wav');
    await copyFile(join(FIXTURES, 'conversation.wav'), original);
    const job = await addFile(original);
    expect((await settled(job.id)).state).toBe('succeeded');

    const moved = join(work.path, 'meeting (board).wav');
    await rename(original, moved);

    // Another recording: refused, nothing changes.
    const other = join(work.path, 'other.flac');
    await copyFile(join(FIXTURES, 'conversation.flac'), other);
    app.picks.recording = other;
    const refused = await app.call('jobs:locate', { id: job.id });
    expect(refused).toMatchObject({ ok: false, error: { key: 'locate.notSame' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^This is not the same recording/);
    expect(app.services.recordingPath(job.id)).toBe(original);
    expect((await jobOf(job.id))?.source.name).toBe('meeting.wav');

    // The same size but other bytes: the hash tells them apart.
    const lookalike = join(work.path, 'lookalike.wav');
    const bytes = await readFile(moved);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await writeFile(lookalike, bytes);
    app.picks.recording = lookalike;
    expect(await app.call('jobs:locate', { id: job.id })).toMatchObject({
      ok: false,
      error: { key: 'locate.notSame' },
    });
    expect(app.services.recordingPath(job.id)).toBe(original);

    // Canceled dialog: nothing.
    app.picks.recording = undefined;
    expect(await app.call('jobs:locate', { id: job.id })).toEqual({ ok: true, value: null });

    // The same recording at its new place: the job points there from now on.
    app.picks.recording = moved;
    const located = value<JobView>(await app.call('jobs:locate', { id: job.id }));
    expect(located.source.name).toBe('meeting (board).wav');
    expect(located.relocatedAt).toBeDefined();
    expect(located.state).toBe('succeeded');
    expect(app.services.recordingPath(job.id)).toBe(moved);
    // The result is untouched.
    expect(await app.call('results:get', { id: job.id })).toMatchObject({ ok: true });
  });

  it('compares the size and length of a recording whose prepared sound was what got hashed', async () => {
    const original = join(work.path, 'video call.mp4');
    await copyFile(join(FIXTURES, 'video-with-audio.mp4'), original);
    const job = await addFile(original);
    const done = await settled(job.id);
    expect(done.state).toBe('succeeded');
    // Only its sound was sent: the hash is of that, not of the file.
    expect(done.preparation?.action).toBe('extract-audio');
    const moved = join(work.path, 'video call (kept).mp4');
    await rename(original, moved);
    const other = join(work.path, 'another.mp4');
    await copyFile(join(FIXTURES, 'video-no-audio.mp4'), other);
    app.picks.recording = other;
    expect(await app.call('jobs:locate', { id: job.id })).toMatchObject({
      ok: false,
      error: { key: 'locate.notSame' },
    });
    app.picks.recording = moved;
    const located = value<JobView>(await app.call('jobs:locate', { id: job.id }));
    expect(located.source.name).toBe('video call (kept).mp4');
    expect(app.services.recordingPath(job.id)).toBe(moved);
  });

  it('lets a job that failed on a missing file be retried from where it was found', async () => {
    const path = join(work.path, 'interview.wav');
    await copyFile(join(FIXTURES, 'conversation.wav'), path);
    app.picks.recordings = [path];
    const picked = value<PickedFile[]>(await app.call('files:pick'));
    // Moved after it was chosen, before its check.
    const moved = join(work.path, 'interview-2024.wav');
    await rename(path, moved);
    const [job] = value<JobView[]>(
      await app.call('jobs:add', {
        fileIds: picked.map((file) => file.id),
        options: { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact', count: 2 } },
      }),
    );
    const failed = await settled(job!.id);
    expect(failed.error?.code).toBe('source-missing');

    // Not a recording at all: refused.
    const text = join(work.path, 'notes.wav');
    await copyFile(join(FIXTURES, 'text-renamed.wav'), text);
    app.picks.recording = text;
    expect(await app.call('jobs:locate', { id: job!.id })).toMatchObject({
      ok: false,
      error: { key: 'locate.notSame' },
    });

    app.picks.recording = moved;
    const located = value<JobView>(await app.call('jobs:locate', { id: job!.id }));
    expect(located).toMatchObject({ state: 'failed', source: { name: 'interview-2024.wav' } });
    expect(located.relocatedAt).toBeDefined();
    value(await app.call('jobs:retry', { id: job!.id }));
    const done = await settled(job!.id);
    expect(done.state).toBe('succeeded');
    // Retry cleared the mark: a later move is located again.
    expect(done.relocatedAt).toBeUndefined();
    await rm(moved);
  });
});
