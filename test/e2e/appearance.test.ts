/**
 * Light and dark: the page follows the computer's setting, and Settings' Appearance fixes one at
 * once (kept after a reload); the timeline's canvas is painted again in the theme's colours.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

const LIGHT_BG = 'rgb(244, 245, 247)';
const DARK_BG = 'rgb(21, 23, 26)';
const LIGHT_LANE = [241, 243, 246];
const DARK_LANE = [35, 39, 45];

// Evaluated as text in the page: this side is compiled for Node, without the DOM's types.
const pageBackground = (page: Page) =>
  page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');

/** The first lane's background on the timeline, above its turns (they start 3 px lower). */
const laneColour = (page: Page) =>
  page.evaluate<number[]>(`(() => {
    const canvas = document.querySelector('canvas');
    const ctx = canvas && canvas.getContext('2d');
    if (!ctx) return [];
    const dpr = window.devicePixelRatio || 1;
    return [...ctx.getImageData(Math.round(2 * dpr), Math.round(29 * dpr), 1, 1).data.slice(0, 3)];
  })()`);

describe.skipIf(missing !== undefined)('light and dark in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .getByRole('button', { name: 'Open result conversation.wav' })
      .click({ timeout: 30_000 });
    await page.getByLabel('Name for Speaker 1').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('follows the computer, and the timeline is painted again in its colours', async () => {
    const { page } = s;
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => pageBackground(page)).toBe(LIGHT_BG);
    await expect.poll(() => laneColour(page)).toEqual(LIGHT_LANE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => pageBackground(page)).toBe(DARK_BG);
    await expect.poll(() => laneColour(page)).toEqual(DARK_LANE);
    await screenshot(page, 'appearance-result-dark');
  });

  it('keeps the choice made in Settings whatever the computer says, after a reload too', async () => {
    const { page } = s;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Colours').selectOption({ label: 'Light' });
    await settings.getByText('Saved.', { exact: true }).waitFor();
    await expect.poll(() => pageBackground(page)).toBe(LIGHT_BG);
    await page.reload();
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await page.getByLabel('Name for Speaker 1').waitFor();
    await expect.poll(() => pageBackground(page)).toBe(LIGHT_BG);
    await expect.poll(() => laneColour(page)).toEqual(LIGHT_LANE);

    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await settings.getByLabel('Colours').selectOption({ label: 'Same as the computer' });
    await settings.getByText('Saved.', { exact: true }).waitFor();
    await expect.poll(() => pageBackground(page)).toBe(DARK_BG);
  });
});
