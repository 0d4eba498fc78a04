/**
 * Exporting several recordings at once, through the app's operations as the page calls them,
 * against the simulator: one folder chosen once (known to the page by an id, never by its path),
 * every chosen format per recording, nothing overwritten, and plain words when it cannot be done.
 */

import { readdir, readFile, writeFile } from 'node:fs/promises';
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
import { docxParagraphs } from '../support/docx-text';

describe('exporting several recordings into one folder', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  let jobs: JobView[];
  const shown: string[] = [];
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-export-into-');
    app = await startApp(sim, join(work.path, 'data'), {
      desktop: { showInFolder: (path) => void shown.push(path) },
    });
    const added = (await addRecordings(
      app,
      await copyFixtures(work.path, ['conversation.wav', 'voices-meeting.wav']),
    )) as { ok: true; value: JobView[] };
    jobs = await finished(
      app,
      added.value.map((job) => job.id),
    );
  });
  afterAll(async () => {
    await app?.close();
    await sim?.close();
    await work?.remove();
  });

  const pickFolder = async (folder: string | undefined) => {
    app.picks.exportFolder = folder;
    return (await app.call('exports:pick-folder')) as {
      ok: true;
      value: { folderId: string; folderName: string } | null;
    };
  };

  it('writes every chosen format of each recording into the folder picked once, and shows the first', async () => {
    const folder = join(work.path, 'minutes');
    const picked = await pickFolder(folder);
    expect(picked.value).toMatchObject({ folderName: 'minutes' });
    const { folderId } = picked.value!;
    expect(folderId).not.toContain(work.path);
    const replies = [];
    for (const job of jobs) {
      replies.push(
        await app.call('results:export-into', {
          id: job.id,
          formats: ['srt', 'docx'],
          folderId,
          language: 'de',
        }),
      );
    }
    for (const reply of replies) expect(reply).toMatchObject({ ok: true, value: { files: 2 } });
    expect((await readdir(folder)).sort()).toEqual([
      'conversation.docx',
      'conversation.srt',
      'voices-meeting.docx',
      'voices-meeting.srt',
    ]);
    expect(docxParagraphs(await readFile(join(folder, 'conversation.docx')))).toContain(
      'Wer wann spricht',
    );
    expect(await readFile(join(folder, 'voices-meeting.srt'), 'utf8')).toMatch(/^1\r?\n00:00:/);
    const { exportId } = (replies[1] as { value: { exportId: string } }).value;
    expect(await app.call('exports:show', { exportId })).toEqual({ ok: true, value: null });
    // The formats go in the list's order (SRT before DOCX): the first file is the SRT.
    expect(shown.at(-1)).toBe(join(folder, 'voices-meeting.srt'));
  });

  it('never overwrites a file already there: the new one takes a free name', async () => {
    const folder = join(work.path, 'again');
    const { folderId } = (await pickFolder(folder)).value!;
    const call = () =>
      app.call('results:export-into', { id: jobs[0]!.id, formats: ['txt'], folderId });
    await call();
    await writeFile(join(folder, 'conversation.txt'), 'the person’s own notes');
    expect(await call()).toMatchObject({ ok: true, value: { files: 1 } });
    expect(await readFile(join(folder, 'conversation.txt'), 'utf8')).toBe('the person’s own notes');
    expect((await readdir(folder)).sort()).toEqual(['conversation (2).txt', 'conversation.txt']);
  });

  it('gives each of several exports at once a name of its own', async () => {
    const folder = join(work.path, 'at-once');
    const { folderId } = (await pickFolder(folder)).value!;
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        app.call('results:export-into', { id: jobs[0]!.id, formats: ['csv'], folderId }),
      ),
    );
    for (const reply of replies) expect(reply).toMatchObject({ ok: true });
    expect((await readdir(folder)).sort()).toEqual([
      'conversation (2).csv',
      'conversation (3).csv',
      'conversation.csv',
    ]);
  });

  it('does nothing when the folder dialog is closed, and refuses a folder id it did not give', async () => {
    expect((await pickFolder(undefined)).value).toBeNull();
    expect(
      await app.call('results:export-into', {
        id: jobs[0]!.id,
        formats: ['txt'],
        folderId: 'made-up',
      }),
    ).toMatchObject({ ok: false, error: { key: 'calls.exportFolderGone' } });
  });

  it('says in plain words why a folder cannot be written, naming no path', async () => {
    // A file where the folder should be: no one, not even root, can write into it.
    const blocked = join(work.path, 'blocked');
    await writeFile(blocked, 'in the way');
    const { folderId } = (await pickFolder(blocked)).value!;
    const reply = (await app.call('results:export-into', {
      id: jobs[0]!.id,
      formats: ['csv'],
      folderId,
    })) as { ok: false; error: { message: string; key?: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error.key).toMatch(/^save\./);
    expect(reply.error.message).not.toContain(work.path);
  });

  it('writes a format named twice once, and refuses no format and an unknown one', async () => {
    const folder = join(work.path, 'twice');
    const { folderId } = (await pickFolder(folder)).value!;
    expect(
      await app.call('results:export-into', { id: jobs[0]!.id, formats: ['txt', 'txt'], folderId }),
    ).toMatchObject({ ok: true, value: { files: 1 } });
    expect(await readdir(folder)).toEqual(['conversation.txt']);
    for (const formats of [[], ['mp3']]) {
      expect(
        await app.call('results:export-into', { id: jobs[0]!.id, formats, folderId }),
      ).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
  });
});
