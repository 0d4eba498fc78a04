/**
 * Adding recordings in the real window, the three ways a person does: the open dialog (answered
 * from main, since a native dialog cannot be clicked), the folder dialog, and a drop of files from
 * the file manager through Chromium's own drag and drop; each batch goes on to Done, and a bad file
 * ends with its reason in words. Then every finished one is exported at once into a folder chosen
 * in the folder dialog.
 */

import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, openSession, type Session } from './harness';
import { documentXmlOf, paragraphsOf } from '../support/docx-text';
import {
  answerOpenDialog,
  chosenRecordings,
  dropFiles,
  jobRow,
  openDialogCalls,
  setUpKey,
  waitForDone,
} from './session-helpers';

describe('Adding recordings in Electron', () => {
  let s: Session;
  const file = (name: string) => join(s.filesDir, name);
  beforeAll(async () => {
    s = await openSession([
      'conversation.wav',
      'conversation-cbr.mp3',
      'conversation.flac',
      'conversation.ogg',
      'empty.wav',
      'text-renamed.wav',
      'conversation.opus',
      'conversation.webm',
      'video-no-audio.mp4',
    ]);
    await setUpKey(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('takes good recordings from the open dialog to Done and says why the bad ones failed', async () => {
    const { page } = s;
    const good = [
      'conversation.wav',
      'conversation-cbr.mp3',
      'conversation.flac',
      'conversation.ogg',
    ];
    const bad = ['empty.wav', 'text-renamed.wav'];
    await answerOpenDialog(s.app, [...good, ...bad].map(file));
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    expect(await chosenRecordings(page, 6)).toEqual([...good, ...bad].sort());
    expect((await openDialogCalls(s.app)).at(-1)).toContain('openFile');
    await page.getByRole('button', { name: 'Start' }).click();
    await jobRow(page, 'empty.wav')
      .getByText(/^Failed: This file is empty \(0 bytes\)/)
      .waitFor();
    await jobRow(page, 'text-renamed.wav')
      .getByText(/^Failed: This file is named like a recording \(\.wav\), but .* any sound/)
      .waitFor();
    for (const name of good) await waitForDone(page, name);
    // Only the good ones were sent; the bad ones were stopped on this computer.
    expect(s.sim.jobs()).toHaveLength(good.length);
  });

  it('adds the recordings in a folder from the folder dialog, and only those, to Done', async () => {
    const { page } = s;
    const folder = join(s.filesDir, 'Team meeting');
    await mkdir(join(folder, 'afternoon'), { recursive: true });
    await copyFile(join(FIXTURES, 'conversation-vbr.mp3'), join(folder, 'conversation-vbr.mp3'));
    await copyFile(
      join(FIXTURES, 'réunion équipe.m4a'),
      join(folder, 'afternoon', 'réunion équipe.m4a'),
    );
    await writeFile(join(folder, 'agenda.txt'), 'Not a recording.\n');
    const sentBefore = s.sim.jobs().length;
    await answerOpenDialog(s.app, [folder]);
    await page.getByRole('button', { name: 'Add folder…' }).click();
    expect(await chosenRecordings(page, 2)).toEqual(['conversation-vbr.mp3', 'réunion équipe.m4a']);
    expect((await openDialogCalls(s.app)).at(-1)).toContain('openDirectory');
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForDone(page, 'conversation-vbr.mp3');
    await waitForDone(page, 'réunion équipe.m4a');
    await expect(jobRow(page, 'agenda.txt').count()).resolves.toBe(0);
    expect(s.sim.jobs()).toHaveLength(sentBefore + 2);
  });

  it('takes recordings dropped on the window to Done, and says why the bad one failed', async () => {
    const { page } = s;
    const dropped = ['conversation.opus', 'conversation.webm', 'video-no-audio.mp4'];
    const sentBefore = s.sim.jobs().length;
    await dropFiles(page, dropped.map(file), async () => {
      // Mid-drag, the window says what a drop will do.
      await page.getByText('Drop recordings to add them').waitFor();
    });
    await page.getByText('Drop recordings to add them').waitFor({ state: 'detached' });
    // The page has only File objects; that the panel lists them with their sizes means the
    // preload found each one's path on disk (webUtils) and main accepted it.
    expect(await chosenRecordings(page, 3)).toEqual([...dropped].sort());
    await expect(
      page.getByRole('listitem').filter({ hasText: 'conversation.opus' }).first().textContent(),
    ).resolves.toMatch(/35 KB/);
    await page.getByRole('button', { name: 'Start' }).click();
    await waitForDone(page, 'conversation.opus');
    await waitForDone(page, 'conversation.webm');
    await jobRow(page, 'video-no-audio.mp4')
      .getByText(/^Failed: This video has no sound track/)
      .waitFor();
    expect(s.sim.jobs()).toHaveLength(sentBefore + 2);
  });

  it('exports every finished recording at once, Word and SRT, into one folder from the folder dialog', async () => {
    const { page } = s;
    const done = s.sim.jobs().length;
    const folder = join(s.filesDir, 'Exports');
    await mkdir(folder);
    await page.getByLabel('Select all shown').check();
    const bar = page.getByRole('group', { name: /selected$/ });
    await bar.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${done} recordings` });
    await dialog.getByText('3 chosen recordings have no result yet and are left out.').waitFor();
    await dialog.getByLabel('SRT').check();
    await answerOpenDialog(s.app, [folder]);
    // Main's "Show in folder" goes to the file manager: recorded here instead of opened.
    await s.app.evaluate(({ shell }) => {
      const shown: string[] = [];
      (globalThis as { __shown?: string[] }).__shown = shown;
      shell.showItemInFolder = (path: string) => void shown.push(path);
    });
    await dialog.getByRole('button', { name: 'Choose folder and export…' }).click();
    const banner = page.getByText(`${done} recordings exported into “Exports”.`);
    await banner.waitFor({ timeout: 30_000 });
    expect((await openDialogCalls(s.app)).at(-1)).toContain('openDirectory');

    // Each in both formats, named after its recording (five are "conversation.*": free names,
    // nothing overwritten); each Word document reads back as the minutes of its own recording.
    const files = (await readdir(folder)).sort();
    expect(files).toHaveLength(done * 2);
    expect(files).toContain('réunion équipe.srt');
    expect(files).toContain('conversation (5).srt');
    const documents = files.filter((name) => name.endsWith('.docx'));
    const titles = documents.map((name) => {
      const minutes = paragraphsOf(documentXmlOf(join(folder, name)));
      expect(minutes).toContain('Who spoke when');
      return minutes[0];
    });
    // Exporting is done on this computer: nothing more was sent to pyannoteAI.
    expect(s.sim.jobs()).toHaveLength(done);
    expect(new Set(titles)).toEqual(
      new Set([
        'conversation.wav',
        'conversation-cbr.mp3',
        'conversation.flac',
        'conversation.ogg',
        'conversation-vbr.mp3',
        'réunion équipe.m4a',
        'conversation.opus',
        'conversation.webm',
      ]),
    );

    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect
      .poll(() => s.app.evaluate(() => (globalThis as { __shown?: string[] }).__shown ?? []))
      .toHaveLength(1);
    const [shown] = await s.app.evaluate(
      () => (globalThis as { __shown?: string[] }).__shown ?? [],
    );
    expect(shown?.startsWith(folder)).toBe(true);
  });
});
