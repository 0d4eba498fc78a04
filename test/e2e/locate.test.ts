/**
 * "Locate file…" (issue 14), as a person uses it: a recording renamed after it was added is
 * found again from the result's player and from a failed row; another file is refused in plain
 * words. The preview's dialog answers with the newest file in its folder.
 */

import { copyFile, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, FIXTURES, openSession, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('locating a moved recording, in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  const jobRow = (name: string) =>
    s.page.getByRole('list', { name: 'Job list' }).getByRole('listitem').filter({ hasText: name });
  /** Makes a file the newest in the folder: the one the preview's dialog answers with. */
  const newest = (path: string) => utimes(path, new Date(), new Date(Date.now() + 60_000));

  it('plays a renamed recording again once it is located from the player', async () => {
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await jobRow('conversation.wav')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });

    const moved = join(s.filesDir, 'conversation (board).wav');
    await rename(join(s.filesDir, 'conversation.wav'), moved);
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await page.getByText(/^The recording cannot be played here: it may have been moved/).waitFor();

    // Another file: refused in words, nothing changes.
    const other = join(s.filesDir, 'other.flac');
    await copyFile(join(FIXTURES, 'conversation.flac'), other);
    await newest(other);
    await page.getByRole('button', { name: 'Locate file…' }).click();
    await page
      .getByRole('alert')
      .getByText(/^This is not the same recording/)
      .waitFor();
    await page.getByText(/^The recording cannot be played here/).waitFor();

    // The same recording: the player loads it from its new place.
    await rm(other);
    await newest(moved);
    await page.getByRole('button', { name: 'Locate file…' }).click();
    await page.getByText(/^The recording cannot be played here/).waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator('audio').evaluate((audio: { duration: number }) => audio.duration))
      .toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Locate file…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await jobRow('conversation (board).wav').getByText('Done', { exact: true }).waitFor();
  });

  it('offers "Locate file…" on a row that failed on a missing file, then Retry sends it', async () => {
    const { page } = s;
    const second = join(s.filesDir, 'second.ogg');
    await copyFile(join(FIXTURES, 'conversation.ogg'), second);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Leave out conversation (board).wav' }).click();
    // Renamed after it was chosen, before Start.
    const renamed = join(s.filesDir, 'second (renamed).ogg');
    await rename(second, renamed);
    await page.getByRole('button', { name: 'Start' }).click();
    const row = jobRow('second.ogg');
    await row.getByText(/^Failed/).waitFor({ timeout: 30_000 });

    // The wrong file first.
    const other = join(s.filesDir, 'other.wav');
    await copyFile(join(FIXTURES, 'empty.wav'), other);
    await newest(other);
    await row.getByRole('button', { name: 'Locate file second.ogg' }).click();
    await page.getByText(/^Could not locate “second\.ogg”: /).waitFor();
    await rm(other);

    await newest(renamed);
    await row.getByRole('button', { name: 'Locate file second.ogg' }).click();
    const found = jobRow('second (renamed).ogg');
    await found.getByText('Found at its new place. Retry sends it from there.').waitFor();
    await found.getByRole('button', { name: 'Retry second (renamed).ogg' }).click();
    await found.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
  });
});
