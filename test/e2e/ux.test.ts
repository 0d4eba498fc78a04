/**
 * What a new user hit (issue 14, "Found"): choices that change only on deliberate input, focus
 * after every action, the key screen's own words, failed rows that say what to do. Driven by the
 * keyboard where the finding was about the keyboard.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('what a new user hits, in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'empty.wav']);
    await s.page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await s.page.getByRole('button', { name: 'Save key' }).click();
    await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('keeps "Detect automatically" when Tab only passes the speaker numbers', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const batch = page.getByRole('region', { name: /^Send 2 recordings/ });
    const auto = batch.getByLabel('Detect automatically');
    await auto.focus();
    // Past "Number of speakers", "Fewest speakers" and "Most speakers", and on out.
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
    expect(await auto.isChecked()).toBe(true);
    expect(await batch.getByLabel('Exactly').isChecked()).toBe(false);
    expect(await batch.getByLabel('Between').isChecked()).toBe(false);
    // Typing a number, or clicking into its box, is a choice.
    await batch.getByLabel('Number of speakers').fill('3');
    expect(await batch.getByLabel('Exactly').isChecked()).toBe(true);
    await batch.getByLabel('Most speakers').click();
    expect(await batch.getByLabel('Between').isChecked()).toBe(true);
    await auto.check();
  });

  it('in Settings, keeps the saved default when Tab only passes "Exactly"', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Number of speakers').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // Give a save time to happen and show itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await settings.getByLabel('Detect automatically').isChecked()).toBe(true);
    expect(await settings.getByText('Saved.').count()).toBe(0);
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    // The next batch still starts on "Detect automatically".
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const batch = page.getByRole('region', { name: /^Send 2 recordings/ });
    expect(await batch.getByLabel('Detect automatically').isChecked()).toBe(true);
    await batch.getByRole('button', { name: 'Cancel' }).click();
  });
});
