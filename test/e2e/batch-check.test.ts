/**
 * Before Start, the batch panel knows the files: each is checked as it is added, broken ones are
 * marked with their reason and left out, good ones show their length (and the batch its total),
 * a video says only its sound is sent, and a file under the 20 s billing minimum is noted.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('the batch panel before Start', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'empty.wav', 'video-with-audio.mp4']);
  });
  afterAll(async () => {
    await s?.close();
  });

  const chosen = (name: string) =>
    s.page
      .getByRole('list', { name: 'Chosen recordings' })
      .getByRole('listitem')
      .filter({ hasText: name });

  it('marks a broken file with its reason and shows the others’ lengths and notes', async () => {
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await chosen('empty.wav').getByText('Can’t be sent').waitFor();
    await expect(chosen('empty.wav').textContent()).resolves.toMatch(/empty/i);
    await page
      .getByText('1 file can’t be sent (the reason is under its name); you can leave it out.')
      .waitFor();
    // 470,548 bytes of 16 kHz mono 16-bit: 14.7 s, under the billing minimum.
    await chosen('conversation.wav').getByText('0:00:15').waitFor();
    await chosen('conversation.wav')
      .getByText('Shorter than 20 s: pyannoteAI bills it as 20 s')
      .waitFor();
    await chosen('video-with-audio.mp4')
      .getByText(/^Only the sound is sent/)
      .waitFor();
    await page.getByRole('heading', { name: 'Send 3 recordings' }).waitFor();
    await expect(page.getByText(/in total · 0:00:\d\d of recordings/).count()).resolves.toBe(1);
    await screenshot(page, 'batch-check-01-marked');
    expect(s.sim.jobs(), 'nothing is sent while the files are checked').toHaveLength(0);
  });

  it('Start sends only the files that can be sent; the broken one is listed as failed, with its reason', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Start' }).click();
    const rows = page.getByRole('list', { name: 'Job list' }).getByRole('listitem');
    for (const name of ['conversation.wav', 'video-with-audio.mp4'])
      await rows
        .filter({ hasText: name })
        .getByText('Done', { exact: true })
        .waitFor({ timeout: 30_000 });
    await rows
      .filter({ hasText: 'empty.wav' })
      .getByText(/Failed: This file is empty/)
      .waitFor();
    expect(await rows.count()).toBe(3);
    expect(s.sim.jobs()).toHaveLength(2);
  });
});
