/**
 * Adding recordings in the real window, the three ways a person does: the open dialog (answered
 * from main, since a native dialog cannot be clicked), the folder dialog, and a drop of files from
 * the file manager through Chromium's own drag and drop; each batch goes on to Done, and a bad file
 * ends with its reason in words.
 */

import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, openSession, type Session } from './harness';
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
});
