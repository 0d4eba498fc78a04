/**
 * Exports as an office worker makes them, in Debian's Chromium through the browser preview (real
 * core services) against the pyannoteAI simulator: a Word document from the result view.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { documentXmlOf, paragraphsOf } from '../support/docx-text';
import { chromiumMissingReason, FIXTURES, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('exports in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'conversation.wav' })
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('exports a Word document from the result view, with the names the person gave', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    const nameField = page.getByLabel('Name for Speaker 1');
    await nameField.fill('Ada Lovelace');
    await nameField.press('Enter');
    await page.getByRole('button', { name: 'Export…' }).click();
    const word = page.getByRole('button', { name: /^Word A Word document/ });
    await screenshot(page, 'exports-01-dialog');
    await word.click();
    await page.getByText(/Saved as conversation\.docx/).waitFor();
    const text = paragraphsOf(documentXmlOf(join(s.exportsDir, 'conversation.docx')));
    expect(text[0]).toBe('conversation.wav');
    expect(text).toContain('Ada Lovelace');
    const turns = text.slice(text.indexOf('Who spoke when') + 1);
    expect(turns.length).toBeGreaterThan(1);
    expect(turns.some((turn) => turn.endsWith('  Ada Lovelace'))).toBe(true);
    // In the order they were spoken.
    const starts = turns.map((turn) => turn.slice(0, 8));
    expect([...starts].sort()).toEqual(starts);
  });

  it('shows the exported file in its folder from the "Saved as" line', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect
      .poll(() => s.preview.desktopLog)
      .toContain(`show-in-folder ${join(s.exportsDir, 'conversation.docx')}`);
    await page.getByRole('button', { name: 'Back to jobs' }).click();
  });

  it('chooses an export folder in Settings', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByText('Not chosen: the export dialog opens where you last saved.').waitFor();
    await settings.getByRole('button', { name: 'Choose…' }).click();
    await settings.getByText(s.exportsDir, { exact: true }).waitFor();
    await screenshot(page, 'exports-02-settings-folder');
    await settings.getByRole('button', { name: 'Forget this folder' }).click();
    await settings.getByText('Not chosen: the export dialog opens where you last saved.').waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Choose…');
    await settings.getByRole('button', { name: 'Close' }).first().click();
  });

  it('saves each new result in the export folder by itself when Settings say so', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByLabel('Word').isDisabled()).resolves.toBe(true);
    await settings.getByRole('button', { name: 'Choose…' }).click();
    await settings.getByText(s.exportsDir, { exact: true }).waitFor();
    // Ticked once the setting is saved (the box shows what is saved, not what was clicked).
    await settings.getByLabel('Word').click();
    await expect.poll(() => settings.getByLabel('Word').isChecked()).toBe(true);
    await screenshot(page, 'exports-03-settings-automatic');
    await settings.getByRole('button', { name: 'Close' }).first().click();
    // A new recording, alone in the folder the stand-in file dialog lists.
    await rm(join(s.filesDir, 'conversation.wav'));
    await copyFile(join(FIXTURES, 'conversation-cbr.mp3'), join(s.filesDir, 'call.mp3'));
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const row = page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'call.mp3' });
    await row.getByText('Saved as call.docx in exports').waitFor({ timeout: 30_000 });
    await screenshot(page, 'exports-04-row-saved-automatically');
    const text = paragraphsOf(documentXmlOf(join(s.exportsDir, 'call.docx')));
    expect(text[0]).toBe('call.mp3');
  });
});
