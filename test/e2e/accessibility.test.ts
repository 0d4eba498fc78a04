/**
 * axe-core (WCAG 2.1 A and AA rules, contrast included) on every screen a person meets, in the
 * light and the dark theme: first run, the empty list, the batch panel, the finished list, the
 * result, the export dialog, the Voices page and Settings. Screenshots of each in both themes.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from './axe';
import { chromiumMissingReason, openSession, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('accessibility of every screen, light and dark', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('passes axe on each screen in both themes', async () => {
    const { page } = s;
    const seen: string[] = [];
    await page.getByLabel('pyannoteAI API key').waitFor();
    seen.push(...(await axeProblems(page, 'first-run', { screenshots: 'a11y' })));

    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).waitFor();
    seen.push(...(await axeProblems(page, 'empty-list', { screenshots: 'a11y' })));

    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).waitFor();
    seen.push(...(await axeProblems(page, 'batch-panel', { screenshots: 'a11y' })));

    await page.getByRole('button', { name: 'Start' }).click();
    const open = page.getByRole('button', { name: 'Open result conversation.wav' });
    await open.waitFor({ timeout: 30_000 });
    seen.push(...(await axeProblems(page, 'finished-list', { screenshots: 'a11y' })));

    await open.click();
    await page.getByLabel('Name for Speaker 1').waitFor();
    seen.push(...(await axeProblems(page, 'result', { screenshots: 'a11y' })));

    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('button', { name: /WebVTT/ }).waitFor();
    seen.push(...(await axeProblems(page, 'export', { screenshots: 'a11y' })));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Back to jobs' }).click();
    // The Voices page (its other states: test/e2e/voices.test.ts).
    await page.getByRole('button', { name: 'Voices' }).click();
    await page
      .getByRole('dialog', { name: 'Known voices' })
      .getByText(/^No voices/)
      .waitFor();
    seen.push(...(await axeProblems(page, 'voices', { screenshots: 'a11y' })));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    seen.push(...(await axeProblems(page, 'settings', { screenshots: 'a11y' })));

    // Without a key: the list with its banner, and the key asked for at Start.
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Remove key' }).click();
    await settings.getByRole('button', { name: 'Yes, remove the key' }).click();
    await settings.getByText('No key set.').waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText(/^No key is set/).waitFor();
    seen.push(...(await axeProblems(page, 'no-key-list', { screenshots: 'a11y' })));
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'A key is needed' }).waitFor();
    seen.push(...(await axeProblems(page, 'key-needed', { screenshots: 'a11y' })));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Remove conversation.wav' }).click();
    await page.getByText(/the saved result stays on this computer/).waitFor();
    seen.push(...(await axeProblems(page, 'remove-dialog', { screenshots: 'a11y' })));

    expect(seen).toEqual([]);
  });
});
