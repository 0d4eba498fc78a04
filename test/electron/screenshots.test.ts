/**
 * Screenshots of the real window for the README, taken on every run into
 * test-results/screenshots-electron/ (copy the good ones to docs/screenshots/ by hand, with the
 * same names): the first-run key screen, a batch with its options, finished jobs, a result and
 * a job that failed at pyannoteAI, at a laptop's 1280×800; then a result at 200 % zoom, in one
 * scroll area.
 */

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COULD_NOT_LOAD } from '../simulator';
import { openSession, type Session } from './harness';
import { ROOT } from './runtime';
import { answerOpenDialog, jobRow, setUpKey, waitForDone } from './session-helpers';
import { SCROLL_AREAS, type ScrollAreas } from '../support/layout';

const ELECTRON_SCREENSHOTS = join(ROOT, 'test-results', 'screenshots-electron');
const SIZE = { width: 1280, height: 800 };

describe('Screenshots of the real window', () => {
  let s: Session;
  /**
   * `window`: the window as Electron paints it (capturePage), where the page's own screenshot
   * would take CSS pixels only (at 200 % zoom, a quarter of the window).
   */
  const shoot = async (name: string, from: 'page' | 'window' = 'page') => {
    const path = join(ELECTRON_SCREENSHOTS, `${name}.png`);
    if (from === 'page') await s.page.screenshot({ path });
    else {
      const png = await s.app.evaluate(async ({ BrowserWindow }) => {
        const image = await BrowserWindow.getAllWindows()[0]?.webContents.capturePage();
        return image?.toPNG().toString('base64') ?? '';
      });
      await writeFile(path, Buffer.from(png, 'base64'));
    }
    // A PNG of the window's size with something on it (a blank page compresses to almost nothing).
    const png = await readFile(path);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(SIZE);
    expect(png.length).toBeGreaterThan(15_000);
  };
  beforeAll(async () => {
    await rm(ELECTRON_SCREENSHOTS, { recursive: true, force: true });
    await mkdir(ELECTRON_SCREENSHOTS, { recursive: true });
    s = await openSession([
      'conversation.wav',
      'conversation-cbr.mp3',
      'text-renamed.wav',
      'conversation.flac',
    ]);
    await s.app.evaluate(({ BrowserWindow }, size) => {
      BrowserWindow.getAllWindows()[0]?.setContentSize(size.width, size.height);
    }, SIZE);
    await s.page.waitForFunction(
      `window.innerWidth === ${SIZE.width} && window.innerHeight === ${SIZE.height}`,
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('01 the first-run key screen', async () => {
    await s.page.getByLabel('pyannoteAI API key').waitFor();
    await shoot('01-key-setup');
    await setUpKey(s);
  });

  it('02 a batch with its options', async () => {
    const names = ['conversation.wav', 'conversation-cbr.mp3', 'text-renamed.wav'];
    await answerOpenDialog(
      s.app,
      names.map((name) => join(s.filesDir, name)),
    );
    await s.page.getByRole('button', { name: 'Add recordings…' }).click();
    await s.page.getByRole('button', { name: 'Start' }).waitFor();
    await shoot('02-batch-options');
  });

  it('04 the job list with finished jobs', async () => {
    await s.page.getByRole('button', { name: 'Start' }).click();
    await waitForDone(s.page, 'conversation.wav');
    await waitForDone(s.page, 'conversation-cbr.mp3');
    await jobRow(s.page, 'text-renamed.wav')
      .getByText(/^Failed:/)
      .waitFor();
    await s.page.getByText(/^Batch finished/).waitFor();
    await shoot('04-job-list-done');
  });

  it('05 a result', async () => {
    await s.page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await s.page.getByLabel('Name for Speaker 1').waitFor();
    // The player shows the recording's length once its metadata arrived over app://.
    await expect
      .poll(() => s.page.evaluate(`document.querySelector('audio')?.readyState ?? 0`))
      .toBeGreaterThanOrEqual(1);
    await shoot('05-result-view');
    await s.page.getByRole('button', { name: 'Back to jobs' }).click();
  });

  it('06 a job that failed at pyannoteAI', async () => {
    // Only this batch's message on screen.
    const dismiss = s.page.getByRole('button', { name: 'Dismiss message' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    let failures = 1;
    s.sim.options.failJob = () => (failures-- > 0 ? COULD_NOT_LOAD : undefined);
    // A recording not sent before: one already done would ask "Open the result, or run it again?".
    await answerOpenDialog(s.app, [join(s.filesDir, 'conversation.flac')]);
    await s.page.getByRole('button', { name: 'Add recordings…' }).click();
    await s.page.getByRole('button', { name: 'Start' }).click();
    await jobRow(s.page, /could not read the recording/)
      .first()
      .waitFor({ timeout: 30_000 });
    s.sim.options.failJob = undefined;
    await shoot('06-failed-job');
  });

  it('09 a result at 200 % zoom: one scroll area, nothing wider than the window', async () => {
    // As View ▸ Zoom In pressed up to 200 %: the window's 1280×800 are 640×400 CSS pixels.
    await s.app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.webContents.setZoomFactor(2);
    });
    await s.page.waitForFunction(`window.innerWidth === 640 && window.innerHeight === 400`);
    await s.page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await s.page.getByLabel('Name for Speaker 1').waitFor();
    const areas = await s.page.evaluate<ScrollAreas>(SCROLL_AREAS);
    expect(areas).toEqual({ vertical: ['div.app'], wider: [] });
    await shoot('09-result-200pc', 'window');
    await s.page.getByRole('button', { name: 'Back to jobs' }).click();
    await s.app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]?.webContents.setZoomFactor(1);
    });
    await s.page.waitForFunction(`window.innerWidth === ${SIZE.width}`);
  });
});
