/**
 * Without a key, the saved results stay (issue 14): removing the key in Settings keeps the job
 * list, every result opens and exports; what needs pyannoteAI (Start, Retry) says a key is
 * needed and takes it on the spot, once for several rows retried at once. Removing a job from
 * the list says where its result stays.
 */

import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, FIXTURES, openSession, type Session } from './harness';
import { COULD_NOT_LOAD } from '../simulator';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('without a key, in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Settings ▸ Remove key, confirmed, and the dialog closed. */
  const removeKeyInSettings = async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Remove key' }).click();
    await settings.getByRole('button', { name: 'Yes, remove the key' }).click();
    await settings.getByText('No key set.').waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
  };
  const jobRow = (name: string) =>
    s.page.getByRole('list', { name: 'Job list' }).getByRole('listitem').filter({ hasText: name });

  it('keeps every saved result after the key is removed, and asks for the key only to send', async () => {
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await jobRow('conversation.wav')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });

    // Remove the key in Settings: the window stays, the list stays.
    await removeKeyInSettings();
    expect(await page.getByLabel('pyannoteAI API key').count()).toBe(0);
    await page.getByText(/^No key is set\. Saved results open as usual/).waitFor();

    // The result opens, is renamed and exported without a key.
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await page.getByLabel('Name for Speaker 1').fill('Anna');
    await page.getByLabel('Name for Speaker 1').press('Enter');
    await page.getByText('Anna').first().waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('button', { name: 'CSV' }).click();
    await page.getByText(/Saved as conversation\.csv/).waitFor();
    expect(await readFile(join(s.exportsDir, 'conversation.csv'), 'utf8')).toContain('Anna');
    await page.getByRole('button', { name: 'Back to jobs' }).click();

    // After a restart without a key (the preview keeps it for the session only), the same.
    await s.restart();
    await jobRow('conversation.wav').getByText('Done', { exact: true }).waitFor();
    expect(await page.getByLabel('pyannoteAI API key').count()).toBe(0);

    // Adding a recording asks for the key at Start, and loses nothing on Cancel.
    await copyFile(join(FIXTURES, 'conversation.flac'), join(s.filesDir, 'conversation.flac'));
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Leave out conversation.wav' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const asking = page.getByRole('dialog', { name: 'A key is needed' });
    await asking.getByText(/^Sending recordings to pyannoteAI needs your API key/).waitFor();
    await asking.getByRole('button', { name: 'Cancel' }).click();
    await asking.waitFor({ state: 'detached' });
    expect(s.sim.diarizePosts).toBe(1);
    await page.getByRole('region', { name: /^Send 1 recording/ }).waitFor();

    // With the key entered there, the batch is sent.
    await page.getByRole('button', { name: 'Start' }).click();
    await asking.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await asking.getByRole('button', { name: 'Save key' }).click();
    await jobRow('conversation.flac')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await page.getByText(/^No key is set/).waitFor({ state: 'detached' });
  });

  it('says where the saved result stays when a job is only removed from the list', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Remove conversation.wav' }).click();
    const dialog = page.getByRole('dialog');
    const stays = dialog.getByText(
      /the saved result stays on this computer in Diarist’s data folder/,
    );
    const said = (await stays.textContent()) ?? '';
    const file = /as (results\/[^,]+\.json),/.exec(said)?.[1];
    expect(file).toBeDefined();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await jobRow('conversation.wav').waitFor({ state: 'detached' });
    // Where it said, the result is.
    expect(existsSync(join(s.dataDir, file!))).toBe(true);
    expect(await readdir(join(s.dataDir, 'results'))).toContain(file!.split('/')[1]);
  });

  it('asks for the key once when several failed rows are retried at once, then sends them all', async () => {
    const { page } = s;
    // Two new recordings that pyannoteAI fails, then the key is removed.
    for (const name of await readdir(s.filesDir)) await rm(join(s.filesDir, name));
    for (const name of ['conversation.ogg', 'conversation-cbr.mp3'])
      await copyFile(join(FIXTURES, name), join(s.filesDir, name));
    let failures = 2;
    s.sim.options.failJob = () => (failures-- > 0 ? COULD_NOT_LOAD : undefined);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    for (const name of ['conversation.ogg', 'conversation-cbr.mp3'])
      await jobRow(name)
        .getByText(/^Failed/)
        .waitFor({ timeout: 30_000 });
    s.sim.options.failJob = undefined;
    await removeKeyInSettings();
    const sent = s.sim.diarizePosts;

    // Both chosen, Retry: the key is asked for once; Cancel sends nothing and keeps them failed.
    const bar = page.getByRole('group', { name: /selected$/ });
    const retry = bar.getByRole('button', { name: 'Retry', exact: true });
    await page.getByLabel('Select all shown').check();
    await retry.click();
    const asking = page.getByRole('dialog', { name: 'A key is needed' });
    await asking.getByRole('button', { name: 'Cancel' }).click();
    await asking.waitFor({ state: 'detached' });
    expect(s.sim.diarizePosts).toBe(sent);
    expect(
      await jobRow('conversation.ogg')
        .getByText(/^Failed/)
        .count(),
    ).toBe(1);

    // The choice is kept; with the key entered there, both are sent again and finish.
    await retry.click();
    await asking.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await asking.getByRole('button', { name: 'Save key' }).click();
    for (const name of ['conversation.ogg', 'conversation-cbr.mp3'])
      await jobRow(name).getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(s.sim.diarizePosts).toBe(sent + 2);
  });
});
