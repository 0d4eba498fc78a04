/**
 * While recordings are under way the window's title counts them ("Diarist — 1 of 2 done"), so
 * the taskbar shows it when Diarist is behind other windows; at rest it is "Diarist" again, and
 * the "Batch finished" banner goes by itself when there is nothing to act on.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('the window title in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'conversation.flac'], {
      timing: { createdMs: 50, pendingMs: 300, runningMs: 1_500, runningMsPerAudioSecond: 5 },
    });
    await s.page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await s.page.getByRole('button', { name: 'Save key' }).click();
    await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('counts the recordings done while they run, and goes back to the app name', async () => {
    const { page } = s;
    expect(await page.title()).toBe('Diarist');
    // Page time runs as usual, and can be moved on to see the banner go.
    await page.clock.install();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const title = await page.title();
          seen.add(title);
          return seen.has('Diarist — 0 of 2 done') && title === 'Diarist';
        },
        { timeout: 30_000, interval: 50 },
      )
      .toBe(true);
    expect([...seen].every((title) => /^Diarist( — [0-2] of 2 done)?$/.test(title))).toBe(true);
  });

  it('says the batch finished, and the banner goes by itself when nothing failed', async () => {
    const { page } = s;
    const banner = page.getByText('Batch finished: 2 of 2 done.');
    await banner.waitFor();
    await page.clock.fastForward(21_000);
    await banner.waitFor({ state: 'detached', timeout: 2_000 });
  });
});
