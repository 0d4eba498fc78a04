/**
 * Corrections in the result view, in Debian's Chromium over the preview: merge two speakers,
 * undo and redo, keep the correction across a restart, and export it.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('Corrections in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  const openResult = async () => {
    await s.page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await s.page.getByLabel('Name for Speaker 1').waitFor();
  };
  const nameFields = () => s.page.getByLabel(/^Name for Speaker \d+$/);

  it('merges two speakers, undoes, redoes, keeps it after a restart and exports it', async () => {
    const { page } = s;
    const keyField = page.getByLabel('pyannoteAI API key');
    await keyField.fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'conversation.wav' })
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await openResult();
    const before = await nameFields().count();
    expect(before).toBeGreaterThanOrEqual(2);
    await expect(
      page.getByText('No corrections: this is pyannoteAI’s result.').count(),
    ).resolves.toBe(1);

    await page.getByLabel('Speaker 2 is the same person as').selectOption({ label: 'Speaker 1' });
    await page.getByText('1 correction. Last: Speaker 2 merged into Speaker 1.').waitFor();
    await expect(nameFields().count()).resolves.toBe(before - 1);
    await expect(page.getByLabel('Name for Speaker 2').count()).resolves.toBe(0);
    await expect(page.getByText('corrected', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'corrections-merged');

    // Undo with the keyboard, redo with the button.
    await page.getByRole('heading', { name: /^Turns/ }).click();
    await page.keyboard.press('Control+z');
    await page.getByText('No corrections: this is pyannoteAI’s result.').waitFor();
    await expect(nameFields().count()).resolves.toBe(before);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.getByText('1 correction.').waitFor();
    await expect(page.getByLabel('Name for Speaker 2').count()).resolves.toBe(0);

    // Kept across quitting and opening the app again.
    await s.restart();
    // The preview keeps the key for the session only, as on a computer with no keychain; a
    // saved result opens without it.
    await openResult();
    await page.getByText('1 correction.').waitFor();
    await expect(nameFields().count()).resolves.toBe(before - 1);
    await expect(page.getByRole('button', { name: 'Redo' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Undo' }).isEnabled()).resolves.toBe(true);

    // The export shows the merge, and marks the turns that changed.
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('button', { name: 'CSV' }).click();
    await page.getByText(/Saved as conversation\.csv/).waitFor();
    const csv = await readFile(join(s.exportsDir, 'conversation.csv'), 'utf8');
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(csv).not.toContain('Speaker 2');
    expect(rows.some((row) => row.endsWith(',yes'))).toBe(true);
    expect(
      rows.filter((row) => row.endsWith(',yes')).every((row) => row.includes('Speaker 1')),
    ).toBe(true);

    // Back to pyannoteAI's result, after saying yes.
    await page.getByRole('button', { name: 'Revert to pyannoteAI’s result' }).click();
    await page.getByRole('button', { name: 'Remove all corrections' }).click();
    await page.getByText('No corrections: this is pyannoteAI’s result.').waitFor();
    await expect(nameFields().count()).resolves.toBe(before);
  });

  it('moves a selected turn to another speaker and splits a turn at the playhead', async () => {
    const { page } = s;
    const turnRows = page.getByRole('list', { name: 'Turns' }).getByRole('button');
    const countTurns = async () =>
      Number(
        /\((\d[\d,]*)\)/
          .exec((await page.getByRole('heading', { name: /^Turns/ }).textContent()) ?? '')?.[1]
          ?.replace(/,/g, ''),
      );
    const turnsBefore = await countTurns();
    const first = turnRows.first();
    const firstSpeaker = (await first.locator('.turn-speaker-name').textContent()) ?? '';
    await first.click();
    await page.getByText('Move the selected turn to').waitFor();
    const other = firstSpeaker === 'Speaker 1' ? 'Speaker 2' : 'Speaker 1';
    await page.getByLabel('Move the selected turn to').selectOption({ label: other });
    await page.getByText('1 correction.').waitFor();
    await expect(turnRows.first().locator('.turn-speaker-name').textContent()).resolves.toBe(other);
    await expect(turnRows.first().getByText('corrected', { exact: true }).count()).resolves.toBe(1);

    // Half a second into the first turn, paused: the split button names that time.
    await page.evaluate(`(() => {
      const audio = document.querySelector('audio');
      audio.pause();
      audio.currentTime = audio.currentTime + 0.5;
    })()`);
    const split = page.getByRole('button', { name: /^Split the turn at \d/ });
    await split.waitFor();
    await split.click();
    await page.getByText('2 corrections.').waitFor();
    await expect(countTurns()).resolves.toBe(turnsBefore + 1);
    await screenshot(page, 'corrections-moved-split');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('1 correction.').waitFor();
    await expect(countTurns()).resolves.toBe(turnsBefore);
  });
});
