/**
 * Light and dark: the page follows the computer's setting, and Settings' Appearance fixes one at
 * once (kept after a reload); the timeline's canvas is painted again in the theme's colours. And
 * Windows high contrast (forced colours): every state still shows without the page's colours.
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

  it('stays usable in Windows high contrast (forced colours): each state shows without colour', async () => {
    const { page } = s;
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
    expect(await page.evaluate<boolean>(`matchMedia('(forced-colors: active)').matches`)).toBe(
      true,
    );
    /** How the first box `selector` finds is painted: background, text, border and outline. */
    const paint = (selector: string) =>
      page.evaluate<string>(`(() => {
        const style = getComputedStyle(document.querySelector(${JSON.stringify(selector)}));
        return [style.backgroundColor, style.color, style.borderColor,
          style.outlineStyle + ' ' + style.outlineWidth].join(' | ');
      })()`);
    // The job list's filter that is on, against one that is off.
    expect(await paint('.filter[aria-pressed="true"]')).not.toBe(
      await paint('.filter[aria-pressed="false"]'),
    );
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await page.getByLabel('Name for Speaker 1').waitFor();
    // Which of the turn list and the reading view is shown.
    expect(await paint('.view-toggle .btn[aria-pressed="true"]')).not.toBe(
      await paint('.view-toggle .btn[aria-pressed="false"]'),
    );
    // The turn playing, and a turn chosen for a correction, against the others.
    const turns = page.getByRole('list', { name: 'Turns' }).getByRole('button');
    await turns.nth(1).click();
    await page.evaluate(`document.querySelector('audio').pause()`);
    await turns.nth(3).click({ modifiers: ['Control'] });
    await page.locator('.turn-row.is-current').waitFor();
    const plain = await paint('.turn-row:not(.is-current):not(.is-selected)');
    expect(await paint('.turn-row.is-current')).not.toBe(plain);
    // Everything written on the highlight is in its text colour, the length and time too.
    const colour = (selector: string) =>
      page.evaluate<string>(
        `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).color`,
      );
    for (const part of ['.turn-time', '.turn-length'])
      expect(await colour(`.turn-row.is-current ${part}`)).toBe(
        await colour('.turn-row.is-current'),
      );
    expect(await paint('.turn-row.is-selected:not(.is-current)')).not.toBe(plain);
    // Where focus is, from the keyboard.
    await page.getByRole('button', { name: 'Back to jobs' }).focus();
    await page.keyboard.press('Tab');
    expect(await paint(':focus-visible')).toMatch(/ \| solid [2-9]px$/);
    await screenshot(page, 'appearance-forced-colours');
    await page.emulateMedia({ forcedColors: 'none' });
  });
});
