/**
 * Without a key, the saved results stay (issue 14): removing the key in Settings keeps the job
 * list, every result opens and exports; what needs pyannoteAI (Start, Retry) says a key is
 * needed and takes it on the spot. Removing a job from the list says where its result stays.
 */

import { copyFile, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, FIXTURES, openSession, type Session } from './harness';

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
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Remove key' }).click();
    await settings.getByRole('button', { name: 'Yes, remove the key' }).click();
    await settings.getByText('No key set.').waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
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
});
