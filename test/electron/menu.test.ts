/**
 * The native menu in the real app: every item of Diarist's own (not the platform's roles) is
 * clicked in main, as a person's click runs it, and the window must do what the item says.
 */

import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYANNOTE_LINKS } from '../../src/shared/ipc-contract';
import { FIXTURES, openSession, type Session } from './harness';
import {
  answerOpenDialog,
  chosenRecordings,
  clickMenuItem,
  menuCommands,
  openDialogCalls,
  setUpKey,
} from './session-helpers';

describe('The menu in Electron', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'conversation.flac']);
    await setUpKey(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const clearBatch = async () => {
    await s.page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await s.page.getByRole('list', { name: 'Chosen recordings' }).waitFor({ state: 'detached' });
  };

  it('has exactly the commands tested here (a new one needs a test)', async () => {
    expect(await menuCommands(s.app)).toEqual([
      'Add Recordings…',
      'Add Folder…',
      'Settings',
      'pyannoteAI Documentation',
      'pyannoteAI Dashboard',
      'pyannoteAI Service Status',
    ]);
  });

  it('File > Add Recordings… opens the open dialog for files and offers what was chosen', async () => {
    await answerOpenDialog(s.app, [
      join(s.filesDir, 'conversation.wav'),
      join(s.filesDir, 'conversation.flac'),
    ]);
    const before = (await openDialogCalls(s.app)).length;
    await clickMenuItem(s.app, 'Add Recordings…');
    expect(await chosenRecordings(s.page, 2)).toEqual(['conversation.flac', 'conversation.wav']);
    const calls = await openDialogCalls(s.app);
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    await clearBatch();
  });

  it('File > Add Folder… opens the folder dialog and offers the recordings inside', async () => {
    const folder = join(s.filesDir, 'Interviews');
    await mkdir(folder);
    await copyFile(join(FIXTURES, 'conversation.ogg'), join(folder, 'conversation.ogg'));
    await answerOpenDialog(s.app, [folder]);
    const before = (await openDialogCalls(s.app)).length;
    await clickMenuItem(s.app, 'Add Folder…');
    expect(await chosenRecordings(s.page, 1)).toEqual(['conversation.ogg']);
    const calls = await openDialogCalls(s.app);
    expect(calls).toHaveLength(before + 1);
    expect(calls.at(-1)).toContain('openDirectory');
    expect(calls.at(-1)).not.toContain('openFile');
    await clearBatch();
  });

  it('File > Settings opens the settings dialog', async () => {
    const settings = s.page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.count()).resolves.toBe(0);
    await clickMenuItem(s.app, 'Settings');
    await settings.getByRole('button', { name: 'Copy diagnostics' }).waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await settings.waitFor({ state: 'detached' });
  });

  it('Help opens pyannoteAI’s documentation, dashboard and status pages in the browser', async () => {
    // The system browser is main's shell.openExternal; it notes the address instead.
    await s.app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = opened;
      shell.openExternal = (async (url: string) => void opened.push(url)) as never;
    });
    for (const label of [
      'pyannoteAI Documentation',
      'pyannoteAI Dashboard',
      'pyannoteAI Service Status',
    ]) {
      await clickMenuItem(s.app, label);
    }
    await expect
      .poll(() => s.app.evaluate(() => (globalThis as { __opened?: string[] }).__opened))
      .toEqual([PYANNOTE_LINKS.docs, PYANNOTE_LINKS.dashboard, PYANNOTE_LINKS.status]);
  });
});
