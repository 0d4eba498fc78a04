/**
 * "Open with Diarist" in the real app: a recording named on the command line of the first launch,
 * and a second launch with recordings while the app runs, which must hand them to the running
 * window (single-instance lock) and exit straight away instead of opening a second Diarist.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './harness';
import { chosenRecordings, launchAgain, setUpKey, waitForDone } from './session-helpers';

describe('Opening recordings with Diarist', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'conversation-cbr.mp3', 'réunion équipe.m4a'], {
      args: (filesDir) => [join(filesDir, 'conversation.wav')],
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('offers the recording named on the first launch’s command line once the key is set', async () => {
    await setUpKey(s);
    expect(await chosenRecordings(s.page, 1)).toEqual(['conversation.wav']);
  });

  it('a second launch with recordings hands them to the running window and exits at once', async () => {
    // A path, as Windows and most file managers pass it, and a file:// URL, as a Linux desktop
    // entry's %U does (with a space and accents, encoded).
    const second = await launchAgain(s, [join(s.filesDir, 'conversation-cbr.mp3')]);
    const third = await launchAgain(s, [
      pathToFileURL(join(s.filesDir, 'réunion équipe.m4a')).href,
    ]);
    for (const launch of [second, third]) {
      expect(launch).toMatchObject({ code: 0, signal: null });
      expect(launch.ms).toBeLessThan(10_000);
    }
    expect(await chosenRecordings(s.page, 3)).toEqual([
      'conversation-cbr.mp3',
      'conversation.wav',
      'réunion équipe.m4a',
    ]);
    // Still the one app with its one window, which goes on to send them.
    await expect(
      s.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length),
    ).resolves.toBe(1);
    await s.page.getByRole('button', { name: 'Start' }).click();
    for (const name of ['conversation.wav', 'conversation-cbr.mp3', 'réunion équipe.m4a']) {
      await waitForDone(s.page, name);
    }
    expect(s.sim.jobs()).toHaveLength(3);
  });
});
