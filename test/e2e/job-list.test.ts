/**
 * The job list for hundreds of recordings (issue 14, item 8), driven as a person would in
 * Debian's Chromium through the browser preview against the simulator: each row says when it ran
 * and with which options, search by name, sort.
 */

import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from './axe';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('the job list in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'conversation.flac', 'empty.wav']);
    await s.page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await s.page.getByRole('button', { name: 'Save key' }).click();
    await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  const list = () => s.page.getByRole('list', { name: 'Job list' });
  const jobRows = () => list().getByRole('listitem');
  const jobRow = (name: string) => jobRows().filter({ hasText: name });
  const rowNames = () => list().locator('.job-name').allTextContents();
  /** What has focus, as a person would hear it named: its label, else its text. */
  const focused = () =>
    s.page.evaluate<string>(`(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'the page';
      return (active.getAttribute('aria-label') ?? active.textContent ?? '').trim();
    })()`);
  const focusedId = () => s.page.evaluate<string>(`document.activeElement?.id ?? ''`);
  const bar = () => s.page.getByRole('group', { name: /selected$/ });

  it('says on each row when it ran and with which options, so re-runs can be told apart', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByLabel('Exactly').check();
    await page.getByRole('button', { name: 'Start' }).click();
    await jobRow('conversation.wav')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await jobRow('conversation.flac')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await jobRow('empty.wav')
      .getByText(/Failed/)
      .waitFor();

    // The same recording again, with other options: a second row, told apart by its options.
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Leave out conversation.flac' }).click();
    await page.getByRole('button', { name: 'Leave out empty.wav' }).click();
    await page.getByLabel('Detect automatically').check();
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => jobRow('conversation.wav').count()).toBe(2);
    await expect
      .poll(() => jobRow('conversation.wav').getByText('Done', { exact: true }).count(), {
        timeout: 30_000,
      })
      .toBe(2);
    const runs = await jobRow('conversation.wav').locator('.job-run').allTextContents();
    expect(runs).toHaveLength(2);
    // Newest first: the second run (any number of speakers), then the first (exactly 2).
    expect(runs[0]).toMatch(/^Today \d{1,2}:\d\d( [AP]M)? · Precision-2 · Any number of speakers/);
    expect(runs[1]).toMatch(/^Today \d{1,2}:\d\d( [AP]M)? · Precision-2 · 2 speakers/);
    await screenshot(page, 'job-list-runs');
  });

  it('filters by name as one types, says when nothing matches, and clears', async () => {
    const { page } = s;
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    await search.fill('FLAC');
    await expect.poll(rowNames).toEqual(['conversation.flac']);
    await search.fill('conversation');
    await expect
      .poll(rowNames)
      .toEqual(['conversation.wav', 'conversation.flac', 'conversation.wav']);
    await search.fill('minutes');
    await page.getByText('No recordings match “minutes”.').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => jobRows().count()).toBe(4);
    await expect.poll(focused).toBe('Search by name');
    // Escape in the field clears it too.
    await search.fill('empty');
    await expect.poll(() => jobRows().count()).toBe(1);
    await search.press('Escape');
    await expect.poll(() => jobRows().count()).toBe(4);
  });

  it('sorts newest first by default, or by name, length or status', async () => {
    const { page } = s;
    const sort = page.getByLabel('Sort by');
    expect(await sort.inputValue()).toBe('newest');
    // The newest batch first, then the first batch in the order its files were chosen.
    expect(await rowNames()).toEqual([
      'conversation.wav',
      'conversation.flac',
      'conversation.wav',
      'empty.wav',
    ]);
    await sort.selectOption({ label: 'Name' });
    await expect
      .poll(rowNames)
      .toEqual(['conversation.flac', 'conversation.wav', 'conversation.wav', 'empty.wav']);
    await sort.selectOption({ label: 'Status' });
    await expect.poll(async () => (await rowNames())[0]).toBe('empty.wav');
    await sort.selectOption({ label: 'Newest first' });
    await expect.poll(async () => (await rowNames())[3]).toBe('empty.wav');
  });

  it('chooses several rows (one, a shift-click range, all shown) and retries them at once', async () => {
    const { page } = s;
    const selectAll = page.getByLabel('Select all shown');
    await jobRows().nth(1).getByRole('checkbox').click();
    await jobRows()
      .nth(3)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    await bar().waitFor();
    expect(await bar().getByText('3 selected').count()).toBe(1);
    expect(await jobRows().getByRole('checkbox', { checked: true }).count()).toBe(3);
    expect(await selectAll.evaluate((box: { indeterminate: boolean }) => box.indeterminate)).toBe(
      true,
    );
    await screenshot(page, 'job-list-selection');
    // The checkboxes, the bar and the chosen rows pass axe in both themes.
    expect(await axeProblems(page, 'job-list')).toEqual([]);
    // Only the failed one can be retried; it fails its check again at once.
    await bar().getByRole('button', { name: 'Retry', exact: true }).click();
    await bar().waitFor({ state: 'detached' });
    await expect.poll(focusedId).toBe('jobs-select-all');
    await jobRow('empty.wav')
      .getByText(/Failed/)
      .waitFor();
    expect(await jobRows().getByRole('checkbox', { checked: true }).count()).toBe(0);

    await selectAll.check();
    expect(await bar().getByText('4 selected').count()).toBe(1);
    await bar().getByRole('button', { name: 'Clear selection' }).click();
    await bar().waitFor({ state: 'detached' });
    await expect.poll(focusedId).toBe('jobs-select-all');
    expect(await selectAll.isChecked()).toBe(false);
  });

  it('exports the chosen recordings at once: formats, one folder, progress, then Show in folder', async () => {
    const { page } = s;
    await page.getByLabel('Select all shown').check();
    await bar().getByRole('button', { name: 'Export…' }).click();
    // Three of the four have a result; the failed one is left out, and the dialog says so.
    const dialog = page.getByRole('dialog', { name: 'Export 3 recordings' });
    await dialog.waitFor();
    expect(await dialog.getByText('1 chosen recording has no result yet').count()).toBe(1);
    // Focus on the first format, the choice made here.
    await expect.poll(focusedId).toBe('export-many-txt');
    const word = dialog.getByLabel('Word');
    expect(await word.isChecked()).toBe(true);
    // No format: said, nothing written.
    await word.uncheck();
    await dialog.getByRole('button', { name: 'Choose folder and export…' }).click();
    await dialog.getByText('Tick at least one format.').waitFor();
    await word.check();
    await dialog.getByLabel('SRT').check();
    await screenshot(page, 'job-list-export-many');
    expect(await axeProblems(page, 'export-many-dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Choose folder and export…' }).click();
    const done = page.getByText(/^3 recordings exported into “/);
    await done.waitFor();
    const files = (await readdir(s.exportsDir)).sort();
    expect(files.filter((name) => name.endsWith('.docx'))).toHaveLength(3);
    expect(files.filter((name) => name.endsWith('.srt'))).toHaveLength(3);
    await expect.poll(focusedId).toBe('jobs-select-all');
    await page.getByRole('button', { name: 'Show in folder' }).click();
    await expect
      .poll(() => s.preview.desktopLog.filter((line) => line.startsWith('show-in-folder ')))
      .toHaveLength(1);
    await page
      .getByRole('status')
      .filter({ has: done })
      .getByRole('button', { name: 'Dismiss message' })
      .click();
    await done.waitFor({ state: 'detached' });
  });

  it('removes the chosen rows after one confirmation that says how many', async () => {
    const { page } = s;
    await jobRows().nth(2).getByRole('checkbox').click();
    await jobRows().nth(3).getByRole('checkbox').click();
    await bar().getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove 2 recordings from the list?' });
    await dialog.waitFor();
    await expect.poll(focused).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Remove');
    await bar().getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(rowNames).toEqual(['conversation.wav', 'conversation.flac']);
    await expect.poll(focusedId).toBe('jobs-select-all');
    expect(await bar().count()).toBe(0);
  });

  it('is one tab stop: arrows move between rows, Space chooses, Enter opens the result', async () => {
    const { page } = s;
    /** The row that has focus (its name), or what else has it. */
    const focusedRow = () =>
      page.evaluate<string>(`(() => {
        const active = document.activeElement;
        if (!active?.classList.contains('job-item')) return 'not a row: ' + (active?.tagName ?? '');
        return active.querySelector('.job-name')?.textContent ?? '';
      })()`);
    /** Controls of the list in the tab order that are not in the focused row. */
    const tabStopsElsewhere = () =>
      page.evaluate<number>(`(() => {
        const list = document.querySelector('[role="list"].job-list');
        const row = document.activeElement?.closest('.job-item');
        return [...list.querySelectorAll('button, input, [tabindex]')].filter(
          (el) => el.tabIndex >= 0 && el.closest('.job-item') !== row,
        ).length;
      })()`);

    await page.getByLabel('Sort by').focus();
    await page.keyboard.press('Tab');
    await expect.poll(focusedRow).toBe('conversation.wav');
    expect(await tabStopsElsewhere()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedRow).toBe('conversation.flac');
    expect(await tabStopsElsewhere()).toBe(0);
    await page.keyboard.press('ArrowDown'); // the last row: stays
    await expect.poll(focusedRow).toBe('conversation.flac');
    await page.keyboard.press('Home');
    await expect.poll(focusedRow).toBe('conversation.wav');
    await page.keyboard.press('End');
    await expect.poll(focusedRow).toBe('conversation.flac');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedRow).toBe('conversation.wav');

    // Space chooses the row (and again un-chooses it); focus stays on the row.
    await page.keyboard.press('Space');
    await bar().getByText('1 selected').waitFor();
    expect(await jobRows().nth(0).getByRole('checkbox').isChecked()).toBe(true);
    await expect.poll(focusedRow).toBe('conversation.wav');
    await page.keyboard.press('Space');
    await bar().waitFor({ state: 'detached' });

    // Tab from the row goes through its own controls, then leaves the list.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Select conversation.flac');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focusedRow).toBe('conversation.flac');

    // Coming back into the list lands on the row last used.
    await page.getByLabel('Sort by').focus();
    await page.keyboard.press('Tab');
    await expect.poll(focusedRow).toBe('conversation.flac');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'conversation.flac' }).waitFor();
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await expect.poll(focused).toBe('Open result conversation.flac');
  });
});
