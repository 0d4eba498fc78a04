/**
 * Never billed twice by accident, as a person meets it: the same file picked twice is listed
 * once, copies of one recording are sent once, and a recording already done asks first.
 */

import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('the same recording, sent once', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'conversation-cbr.mp3']);
    await copyFile(
      join(s.filesDir, 'conversation.wav'),
      join(s.filesDir, 'copy of conversation.wav'),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  const chosen = () =>
    s.page.getByRole('list', { name: 'Chosen recordings' }).getByRole('listitem');
  const jobRows = () => s.page.getByRole('list', { name: 'Job list' }).getByRole('listitem');
  const jobRow = (name: string) => jobRows().filter({ hasText: name });
  /** Service jobs per recording content (the request's media:// key). */
  const jobsPerContent = () => {
    const counts = new Map<string, number>();
    for (const job of s.sim.jobs()) {
      const url = String((job.request as { url?: unknown }).url);
      counts.set(url, (counts.get(url) ?? 0) + 1);
    }
    return [...counts.values()];
  };

  it('lists a file once when it is picked again with its folder, and says so', async () => {
    const { page } = s;
    const keyField = page.getByLabel('pyannoteAI API key');
    await keyField.fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).waitFor();
    await expect.poll(() => chosen().count()).toBe(3);
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page.getByText('3 files were already in the list; each is listed once.').waitFor();
    expect(await chosen().count()).toBe(3);
  });

  it('merges copies of one recording when Start is pressed, and sends each recording once', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .getByText('2 files were the same recording; each will be sent once. Choose Start to send.')
      .waitFor();
    await expect.poll(() => chosen().count()).toBe(2);
    await expect(chosen().allTextContents()).resolves.not.toContainEqual(
      expect.stringContaining('copy of conversation.wav'),
    );
    await screenshot(page, 'dupes-01-merged');
    expect(s.sim.jobs()).toHaveLength(0);
    await page.getByRole('button', { name: 'Start' }).click();
    for (const name of ['conversation.wav', 'conversation-cbr.mp3'])
      await jobRow(name).getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await jobRows().count()).toBe(2);
    expect(jobsPerContent()).toEqual([1, 1]);
  });

  /** Adds the folder's recordings again and keeps only conversation.wav in the batch. */
  async function addConversationAgain(): Promise<void> {
    const { page } = s;
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await expect.poll(() => chosen().count()).toBe(3);
    for (const name of ['conversation-cbr.mp3', 'copy of conversation.wav'])
      await page.getByRole('button', { name: `Leave out ${name}` }).click();
    await expect.poll(() => chosen().count()).toBe(1);
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .getByText(
        '“conversation.wav” was already done with these options. Open the result, or run it again?',
      )
      .waitFor();
  }

  it('asks about a recording already done, and "Open the result" opens it without a new job', async () => {
    const { page } = s;
    await addConversationAgain();
    await screenshot(page, 'dupes-02-already-done');
    await page.getByRole('button', { name: 'Open the result' }).click();
    await page.getByLabel('Name for Speaker 1').waitFor();
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('region', { name: 'Jobs' }).waitFor();
    expect(await jobRows().count()).toBe(2);
    expect(s.sim.jobs()).toHaveLength(2);
  });

  it('"Run it again" sends it again as a new job', async () => {
    const { page } = s;
    await addConversationAgain();
    await page.getByRole('button', { name: 'Run it again' }).click();
    await expect.poll(() => jobRow('conversation.wav').count()).toBe(2);
    await expect
      .poll(() => jobRow('conversation.wav').getByText('Done', { exact: true }).count(), {
        timeout: 30_000,
      })
      .toBe(2);
    expect(s.sim.jobs()).toHaveLength(3);
    expect(jobsPerContent().sort()).toEqual([1, 2]);
  });
});
