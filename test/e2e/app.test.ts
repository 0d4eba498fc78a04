/**
 * The desktop app's screens, driven in Debian's Chromium as a person would, through the browser
 * preview (real core services) against the pyannoteAI simulator.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDiaristApi } from '../../src/preload/api';
import { COULD_NOT_LOAD } from '../simulator';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('Diarist in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'conversation-cbr.mp3', 'text-renamed.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  const jobRows = () => s.page.getByRole('list', { name: 'Job list' }).getByRole('listitem');
  const jobRow = (name: string | RegExp) => jobRows().filter({ hasText: name });

  it('asks for the key on first run, refuses a wrong one and accepts the right one', async () => {
    const { page } = s;
    const keyField = page.getByLabel('pyannoteAI API key');
    await keyField.waitFor();
    await screenshot(page, '01-key-setup');
    await keyField.fill('sk_this-is-not-the-key');
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText(/did not accept this key/).waitFor();
    await keyField.fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).waitFor();
  });

  it('runs on the Electron preload’s own window.diarist (same builder, same channels)', async () => {
    const electron = buildDiaristApi(
      { invoke: async () => ({ ok: true }), on: () => undefined, removeListener: () => undefined },
      () => '',
    );
    const inPage = await s.page.evaluate<{ keys: string[]; frozen: boolean; fixed: boolean }>(
      `({
        keys: Object.keys(window.diarist),
        frozen: Object.isFrozen(window.diarist),
        fixed: Object.getOwnPropertyDescriptor(window, 'diarist').writable === false,
      })`,
    );
    expect(inPage.keys.sort()).toEqual(Object.keys(electron).sort());
    expect(inPage).toMatchObject({ frozen: true, fixed: true });
  });

  it('adds recordings, shows the bad one with its reason, and follows the rest to Done', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).waitFor();
    await screenshot(page, '02-batch-options');
    await page.getByRole('button', { name: 'Start' }).click();
    await jobRow('text-renamed.wav')
      .getByText(/Failed:/)
      .waitFor();
    await screenshot(page, '03-job-list-in-progress');
    await jobRow('conversation.wav')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await jobRow('conversation-cbr.mp3')
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await expect(jobRow('text-renamed.wav').textContent()).resolves.toMatch(/recording/i);
    expect(s.sim.jobs()).toHaveLength(2);
    await screenshot(page, '04-job-list-done');
  });

  it('filters the list', async () => {
    const { page } = s;
    await page.getByRole('button', { name: /^Failed/ }).click();
    await expect(jobRow('text-renamed.wav').count()).resolves.toBe(1);
    await expect(jobRow('conversation.wav').count()).resolves.toBe(0);
    await page.getByRole('button', { name: /^All/ }).click();
    await expect(jobRow('conversation.wav').count()).resolves.toBe(1);
  });

  it('opens a result, renames a speaker everywhere, and exports with the name', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    const nameField = page.getByLabel('Name for Speaker 1');
    await nameField.waitFor();
    await screenshot(page, '05-result-view');
    await nameField.fill('Ada Lovelace');
    await nameField.press('Enter');
    await page.getByText('Ada Lovelace').first().waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('button', { name: /WebVTT/ }).click();
    await page.getByText(/Saved as conversation\.vtt/).waitFor();
    const vtt = await readFile(join(s.exportsDir, 'conversation.vtt'), 'utf8');
    expect(vtt).toMatch(/^WEBVTT/);
    expect(vtt).toContain('<v Ada Lovelace>');
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('region', { name: 'Jobs' }).waitFor();
  });

  it('explains a job that failed at pyannoteAI, and retries it', async () => {
    const { page } = s;
    let failures = 1;
    s.sim.options.failJob = () => (failures-- > 0 ? COULD_NOT_LOAD : undefined);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page
      .getByRole('button', { name: 'Exactly' })
      .or(page.getByLabel('Exactly'))
      .first()
      .check();
    await page.getByRole('button', { name: 'Start' }).click();
    const failed = jobRow(/could not read the recording/);
    await failed.first().waitFor({ timeout: 30_000 });
    await screenshot(page, '06-failed-job');
    await failed
      .first()
      .getByRole('button', { name: /^Retry / })
      .click();
    await failed.first().waitFor({ state: 'detached', timeout: 30_000 });
    s.sim.options.failJob = undefined;
  });

  it('keeps the job list across a restart', async () => {
    const { page } = s;
    const before = await jobRows().count();
    await s.restart();
    // The preview keeps the key for the session only: the list shows without it.
    await jobRow('conversation.wav').first().waitFor();
    expect(await jobRows().count()).toBe(before);
    await page.getByRole('button', { name: 'Enter key' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('textbox', { name: 'pyannoteAI API key' }).fill(s.sim.apiKey);
    await settings.getByRole('button', { name: 'Save key' }).click();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText(/^No key is set/).waitFor({ state: 'detached' });
  });

  it('copies diagnostics for support, without the key', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    // The preview has no system clipboard, so the text is shown to copy by hand.
    const text = await page.getByRole('textbox', { name: 'Diagnostics' }).inputValue();
    expect(text).toContain('Diarist diagnostics');
    expect(text).toMatch(/Jobs: .*succeeded \d/);
    expect(text).toContain('log lines');
    expect(text).not.toContain(s.sim.apiKey);
    await screenshot(page, '07-settings-diagnostics');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('never sends the key back to the page, nor writes it to its storage or the app’s files', async () => {
    const key = s.sim.apiKey;
    // The log is the real traffic: it holds the job list and the pushed updates the page showed.
    expect(
      s.sentToPage().some((m) => m.includes('conversation.wav') && m.includes('"type":"job"')),
    ).toBe(true);
    for (const message of s.sentToPage()) expect(message).not.toContain(key);
    // Runs in the page (as source text: this file is type-checked without the DOM library).
    const pageStorage = await s.page.evaluate(`(async () => JSON.stringify({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookies: document.cookie,
      databases: await indexedDB.databases(),
      html: document.documentElement.outerHTML,
    }))()`);
    expect(String(pageStorage)).not.toContain(key);
    expect(String(pageStorage)).not.toContain(key.slice(3, 20));
    for (const file of await readdir(s.dataDir, { recursive: true })) {
      const text = await readFile(join(s.dataDir, file)).catch(() => Buffer.alloc(0));
      expect(text.includes(key), file).toBe(false);
    }
  });
});
