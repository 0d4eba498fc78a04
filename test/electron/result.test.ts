/**
 * A finished recording's result in the real window: playing from a turn (the recording streamed
 * from app:// in byte ranges to the real <audio> element), naming a speaker, exporting through
 * the save dialog, copying the diagnostics to the system clipboard, and a new result saved in the
 * export folder chosen in Settings by itself.
 */

import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, openSession, type Session } from './harness';
import { documentXmlOf, paragraphsOf } from '../support/docx-text';
import {
  answerOpenDialog,
  answerSaveDialog,
  jobRow,
  setUpKey,
  waitForDone,
} from './session-helpers';

interface AudioState {
  currentTime: number;
  paused: boolean;
  readyState: number;
  duration: number;
  played: [number, number][];
  error: number | null;
}

describe('A result in Electron', () => {
  let s: Session;
  let exportsDir: string;
  /** What the page's network saw of the recording: each media response's status and range. */
  const mediaResponses: { status: number; range: string | undefined; requested: string }[] = [];
  const requestedRanges = new Map<string, string>();
  const audio = () =>
    s.page.evaluate(`(() => {
      const a = document.querySelector('audio');
      if (!a) return null;
      const played = [];
      for (let i = 0; i < a.played.length; i++) played.push([a.played.start(i), a.played.end(i)]);
      return { currentTime: a.currentTime, paused: a.paused, readyState: a.readyState,
        duration: a.duration, played, error: a.error && a.error.code };
    })()`) as Promise<AudioState | null>;
  const openResult = async () => {
    await s.page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await s.page.getByRole('list', { name: 'Turns' }).getByRole('button').first().waitFor();
  };
  const turnButtons = () => s.page.getByRole('list', { name: 'Turns' }).getByRole('button');

  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
    exportsDir = join(dirname(s.filesDir), 'exports');
    await mkdir(exportsDir);
    // The page's own network log (DevTools), which lists app:// requests as any other.
    const cdp = await s.page.context().newCDPSession(s.page);
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.request.url.includes('/media/')) {
        requestedRanges.set(event.requestId, String(event.request.headers.Range ?? ''));
      }
    });
    cdp.on('Network.responseReceived', (event) => {
      if (!event.response.url.includes('/media/')) return;
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      mediaResponses.push({
        status: event.response.status,
        range: headers['content-range'],
        requested: requestedRanges.get(event.requestId) ?? '',
      });
    });
    await cdp.send('Network.enable');
    await setUpKey(s);
    await answerOpenDialog(s.app, [join(s.filesDir, 'conversation.wav')]);
    await s.page.getByRole('button', { name: 'Add recordings…' }).click();
    await s.page.getByRole('button', { name: 'Start' }).click();
    await waitForDone(s.page, 'conversation.wav');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('plays from a turn: the recording streams from app:// in ranges to the real <audio>', async () => {
    await openResult();
    // A turn late in the recording: playing it means seeking past what was loaded at first.
    const turn = turnButtons().filter({ hasText: /^0:12/ });
    await turn.click();
    await expect.poll(async () => (await audio())?.paused, { timeout: 10_000 }).toBe(false);
    const startedAt = await audio();
    // Half a second of sound heard from the turn on (the element's own record, `played`).
    const heard = (state: AudioState | null) => {
      const range = state?.played[0];
      return range ? range[1] - range[0] : 0;
    };
    await expect.poll(async () => heard(await audio()), { timeout: 10_000 }).toBeGreaterThan(0.5);
    const state = await audio();
    expect(state).toMatchObject({ error: null, duration: expect.closeTo(14.7, 1) });
    expect(state?.readyState).toBeGreaterThanOrEqual(3); // HAVE_FUTURE_DATA or more
    // Moved on from where it was when it started (read a moment after the start: the margin).
    expect(state?.currentTime).toBeGreaterThan((startedAt?.currentTime ?? Infinity) + 0.3);
    // What was heard started at the turn (0:12.x), not at the beginning of the recording.
    expect(state?.played).toHaveLength(1);
    expect(state?.played[0]?.[0]).toBeGreaterThanOrEqual(12);
    expect(state?.played[0]?.[0]).toBeLessThan(13);
    expect(await turn.getAttribute('aria-current')).toBe('true');
    // The seek was a range request from the middle of the file, answered with that range.
    const size = 470_548;
    const fromMiddle = mediaResponses.filter(
      (r) => r.status === 206 && /^bytes=[1-9]\d*-/.test(r.requested),
    );
    expect(fromMiddle.length, JSON.stringify(mediaResponses)).toBeGreaterThan(0);
    for (const response of fromMiddle) {
      const start = /^bytes=(\d+)-/.exec(response.requested)?.[1];
      expect(response.range).toBe(`bytes ${start}-${size - 1}/${size}`);
    }
  });

  it('renames a speaker: the name shows in the turns and is still there when the result is opened again', async () => {
    const { page } = s;
    const nameField = page.getByLabel('Name for Speaker 1');
    await nameField.fill('Ada Lovelace');
    await nameField.press('Enter');
    const speakerNames = () =>
      page.getByRole('list', { name: 'Turns' }).locator('.turn-speaker-name').allTextContents();
    await expect.poll(speakerNames).toContain('Ada Lovelace');
    expect(await speakerNames()).not.toContain('Speaker 1');
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('region', { name: 'Jobs' }).waitFor();
    await openResult();
    expect(await page.getByLabel('Name for Speaker 1').inputValue()).toBe('Ada Lovelace');
    expect(await speakerNames()).toContain('Ada Lovelace');
    expect(await speakerNames()).not.toContain('Speaker 1');
  });

  it('exports through the save dialog: SRT and CSV files with the speaker’s new name', async () => {
    const { page } = s;
    for (const [format, fileName] of [
      ['SRT', 'Team call.srt'],
      ['CSV', 'Team call.csv'],
    ] as const) {
      await answerSaveDialog(s.app, join(exportsDir, fileName));
      await page.getByRole('button', { name: 'Export…' }).click();
      // Named by what it shows: the format, then what it is for.
      await page.getByRole('button', { name: new RegExp(`^${format} `) }).click();
      await page.getByText(`Saved as ${fileName}`).waitFor();
    }
    const srt = await readFile(join(exportsDir, 'Team call.srt'), 'utf8');
    expect(srt).toMatch(/^1\n00:00:00,\d{3} --> 00:00:0\d,\d{3}\nAda Lovelace\n/);
    expect(srt).toContain('Speaker 2');
    const csv = await readFile(join(exportsDir, 'Team call.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('start,end,duration,speaker,text,corrected');
    expect(csv).toMatch(/\r\n0\.\d+,[\d.]+,[\d.]+,Ada Lovelace,/);
  });

  it('copies the diagnostics to the system clipboard: versions, no key, and says "Copied"', async () => {
    const { page } = s;
    await s.app.evaluate(({ clipboard }) => clipboard.writeText('before'));
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Copy diagnostics' }).click();
    await settings.getByText('Copied. Paste it into your message to support.').waitFor();
    await expect(settings.getByRole('textbox', { name: 'Diagnostics' }).count()).resolves.toBe(0);
    const { text, versions, appVersion } = await s.app.evaluate(({ app, clipboard }) => ({
      text: clipboard.readText(),
      versions: process.versions,
      appVersion: app.getVersion(),
    }));
    expect(text).toMatch(/^Diarist diagnostics — /);
    expect(text).toContain(`App: ${appVersion} (electron)`);
    expect(text).toContain(
      `Runtime: electron ${versions.electron}, chrome ${versions.chrome}, node ${versions.node}`,
    );
    expect(text).toMatch(/Jobs: succeeded 1/);
    expect(text).not.toContain(s.sim.apiKey);
    expect(text).not.toContain(s.sim.apiKey.slice(3, 20));
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('saves each new result in the export folder chosen in Settings, by itself, as Word', async () => {
    const { page } = s;
    const folder = join(exportsDir, 'Minutes');
    await mkdir(folder);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await answerOpenDialog(s.app, [folder]);
    await settings.getByRole('button', { name: 'Choose…' }).click();
    await settings.getByText(folder, { exact: true }).waitFor();
    await settings.getByLabel('Word').click();
    await expect.poll(() => settings.getByLabel('Word').isChecked()).toBe(true);
    await settings.getByRole('button', { name: 'Close', exact: true }).click();

    const call = join(s.filesDir, 'call.mp3');
    await copyFile(join(FIXTURES, 'conversation-cbr.mp3'), call);
    await answerOpenDialog(s.app, [call]);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await jobRow(page, 'call.mp3')
      .getByText('Saved as call.docx in Minutes')
      .waitFor({ timeout: 30_000 });
    const minutes = paragraphsOf(documentXmlOf(join(folder, 'call.docx')));
    expect(minutes[0]).toBe('call.mp3');
    expect(minutes).toContain('Who spoke when');
  });
});
