/**
 * Runs of a recording, in Debian's Chromium over the preview: try other settings, see the new run
 * sent without a second upload, compare the two runs, choose the new one and find the names there.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from './axe';
import { checkScreen } from './screen-checks';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('Runs of a recording in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    // Slow enough to see the new run's row before it is done.
    s = await openSession(['conversation.wav'], {
      timing: { createdMs: 50, pendingMs: 300, runningMs: 2_500, runningMsPerAudioSecond: 5 },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('tries other settings, compares the two runs, chooses the new one with the names', async () => {
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const rows = page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'conversation.wav' });
    await rows.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    const firstName = page.getByLabel('Name for Speaker 1');
    await firstName.fill('Ada');
    await firstName.press('Enter');
    await expect(page.getByText(/^Runs:/).count()).resolves.toBe(0);

    // Try other settings: Community-1, exactly 2 speakers.
    await page.getByRole('button', { name: /^Try other settings for conversation\.wav/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Try other settings' });
    await dialog.getByText(/^These are the settings of this run/).waitFor();
    await dialog.getByLabel('Community-1').check();
    await dialog.getByLabel('Exactly').check();
    await dialog.getByLabel('Number of speakers').fill('2');
    await expect(dialog.getByText(/^These are the settings of this run/).count()).resolves.toBe(0);
    await screenshot(page, 'runs-try-other-settings');
    expect(await axeProblems(page, 'try-other-settings')).toEqual([]);
    await dialog.getByRole('button', { name: 'Start the new run' }).click();
    await page.getByText('A new run has started.', { exact: false }).waitFor();
    await page.getByText('Runs: 2').waitFor();

    // In the job list while it runs, saying the file was not uploaded again; then only one row.
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page
      .getByText('Sent again: pyannoteAI still had the file, so nothing was uploaded.')
      .waitFor({ timeout: 15_000 });
    await expect(rows.count()).resolves.toBe(2);
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    // The filters count what the list shows.
    await expect(page.locator('#filter-count-done').textContent()).resolves.toBe('1');
    await expect(page.locator('#filter-count-all').textContent()).resolves.toBe('1');
    expect(s.sim.countRequests({ method: 'PUT' })).toBe(1);
    expect(s.sim.jobs()).toHaveLength(2);

    // The runs, listed in the result, and compared.
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    const runs = page.getByRole('region', { name: 'Runs: 2' });
    await runs.waitFor();
    await expect(runs.getByRole('listitem').nth(0).textContent()).resolves.toMatch(
      /^Precision-2, auto(, no overlapping turns)? \(chosen\) · ran .+ · shown here/,
    );
    await expect(runs.getByRole('listitem').nth(1).textContent()).resolves.toMatch(
      /^Community-1, exactly 2(, no overlapping turns)? · ran /,
    );
    await screenshot(page, 'runs-listed');
    expect(await axeProblems(page, 'runs')).toEqual([]);
    await runs
      .getByRole('button', { name: /^Compare this run with the run Community-1, exactly 2/ })
      .click();
    await page.getByRole('heading', { name: 'Two runs compared' }).waitFor();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (
              globalThis as unknown as {
                document: { activeElement: { textContent: string } | null };
              }
            ).document.activeElement?.textContent,
        ),
      )
      .toBe('Two runs compared');
    const agreement = page.getByText(
      /^They agree on \d+(\.\d+)?% of the speech after matching speakers\.$/,
    );
    await agreement.waitFor();
    const percent = Number(/(\d+(\.\d+)?)%/.exec((await agreement.textContent()) ?? '')?.[1]);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThanOrEqual(100);
    await page.getByRole('heading', { name: /^Run A: Precision-2, auto/ }).waitFor();
    await page.getByRole('heading', { name: /^Run B: Community-1, exactly 2/ }).waitFor();
    await page.getByText(/^Ada \(run A\) is Speaker \d \(run B\)$/).waitFor();
    await screenshot(page, 'runs-compared');
    expect(await axeProblems(page, 'compare')).toEqual([]);
    // In a small window too (1024×640, and 200 % zoom): one scroll area, nothing hidden.
    for (const [size, tag] of [
      [{ width: 1024, height: 640 }, '1024x640'],
      [{ width: 640, height: 400 }, '200pc'],
    ] as const) {
      await page.setViewportSize(size);
      expect(await checkScreen(page, 'compare', tag)).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // A stretch where they disagree plays the recording from its start.
    const stretches = page.getByRole('button', { name: /: run A says .+, run B says / });
    const count = await stretches.count();
    if (count > 0) {
      const last = stretches.nth(count - 1);
      await last.click();
      await expect
        .poll(() =>
          page
            .locator('audio')
            .evaluate((audio) => (audio as unknown as { currentTime: number }).currentTime),
        )
        .toBeGreaterThan(0);
    } else {
      await page.getByText('They agree everywhere.').waitFor();
    }

    // Choose run B: the job list shows it, with Ada's name carried over.
    await page.getByRole('button', { name: 'Choose run B as the result' }).click();
    await page
      .getByText('This run is now the recording’s result; 1 speaker name was carried over.')
      .waitFor();
    await page.getByRole('button', { name: 'Close the comparison' }).click();
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await page
      .getByText(/Community-1/)
      .first()
      .waitFor();
    await expect(
      page.getByRole('region', { name: 'Runs: 2' }).getByRole('listitem').nth(1).textContent(),
    ).resolves.toMatch(
      /^Community-1, exactly 2(, no overlapping turns)? \(chosen\) · ran .+ · shown here/,
    );
    const values = await page
      .getByLabel(/^Name for Speaker \d+$/)
      .evaluateAll((inputs) =>
        inputs.map((input) => (input as unknown as { value: string }).value),
      );
    expect(values).toContain('Ada');
  });
});
