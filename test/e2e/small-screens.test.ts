/**
 * The whole flow in small windows: a short laptop screen (1024×640, with the mouse) and 200 % zoom
 * (a 1280×800 window at 200 % is 640×400 CSS pixels, at two device pixels each; by keyboard only).
 * On every screen: one scroll area (the window's; a dialog's own body when one is open), nothing
 * wider than the window, and, scrolled from top to bottom, no text cut off and nothing on top of
 * anything else; the controls each step needs can be brought into view. Screenshots of each.
 */

import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, type Session } from './harness';
import { checkScreen, reachable } from './screen-checks';
import { makeMedia } from '../support/prepare-media';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

/** The name a person would hear for what has focus: its label, else its text. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  const by = el.getAttribute('aria-labelledby');
  const label = el.getAttribute('aria-label')
    || (by && by.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '))
    || (el.labels && el.labels[0] && el.labels[0].textContent)
    || el.textContent || '';
  return label.replace(/\\s+/g, ' ').trim();
})()`;

/** Whether what has focus shows whole in the window (the one scroll area followed it). */
const FOCUSED_IN_VIEW = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const r = el.getBoundingClientRect();
  return r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
})()`;

describe.skipIf(missing !== undefined)('a short laptop screen (1024×640), with the mouse', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'empty.wav'], undefined, {
      viewport: { width: 1024, height: 640 },
    });
    // A long meeting: a turn list far taller than the window, drawn as the one area scrolls.
    await makeMedia(s.filesDir, 'long-meeting.wav');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('walks the whole flow with every screen in one scroll area and nothing hidden', async () => {
    const { page } = s;
    const problems: string[] = [];
    const check = async (screen: string) =>
      problems.push(...(await checkScreen(page, screen, '1024x640')));
    const mustReach = async (what: string, control: Locator) => {
      if (!(await reachable(page, control))) problems.push(`cannot bring into view: ${what}`);
    };

    const keyField = page.getByLabel('pyannoteAI API key');
    await keyField.waitFor();
    await check('first-run');
    await keyField.fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const start = page.getByRole('button', { name: 'Start' });
    await start.waitFor();
    await page.getByText(/This file is empty/).waitFor();
    await check('batch');
    // The options the finding named, below the fold, reachable in the one area; then ticked.
    const transcription = page.getByRole('checkbox', { name: 'Transcription' });
    await mustReach('Transcription', transcription);
    await mustReach(
      'Mark uncertain turns',
      page.getByRole('checkbox', { name: 'Mark uncertain turns' }),
    );
    await transcription.check();
    await mustReach('Start', start);
    await start.click();

    const open = page.getByRole('button', { name: 'Open result conversation.wav' });
    await open.waitFor({ timeout: 30_000 });
    await check('job-list');
    await mustReach('Retry empty.wav', page.getByRole('button', { name: /empty\.wav/ }).first());

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog').waitFor();
    await check('settings');
    await mustReach(
      'Close (Settings)',
      page.getByRole('dialog').getByRole('button', { name: 'Close' }).last(),
    );
    await page.keyboard.press('Escape');

    // The long meeting first: its hundred turns are drawn as the window's one area scrolls.
    const openLong = page.getByRole('button', { name: 'Open result long-meeting.wav' });
    await openLong.waitFor({ timeout: 30_000 });
    await mustReach('Open result long-meeting.wav', openLong);
    await openLong.click();
    const turns = page.getByRole('list', { name: 'Turns' }).getByRole('listitem');
    await turns.first().waitFor();
    const count = Number(
      (await page.getByRole('heading', { name: /^Turns/ }).textContent())?.match(/\d+/)?.[0],
    );
    expect(count).toBeGreaterThan(80);
    // Scrolled into the middle of the list, the window is full of turns, each where it belongs.
    await page.evaluate(`(() => {
      const list = document.querySelector('.turn-list').getBoundingClientRect();
      document.querySelector('.app').scrollTop += list.top + list.height / 2 - innerHeight / 2;
    })()`);
    await page.waitForTimeout(300);
    const filled = await page.evaluate<boolean[]>(`(() => {
      const list = document.querySelector('.turn-list').getBoundingClientRect();
      return [0.15, 0.5, 0.85].map((at) =>
        !!document.elementFromPoint(list.left + 40, innerHeight * at)?.closest('.turn-row'));
    })()`);
    expect(filled).toEqual([true, true, true]);
    // Scrolled to the bottom of the window's area, the last turns are drawn there, in view.
    await page.evaluate(`document.querySelector('.app').scrollTop = 1e9`);
    const last = page.locator(`.turn-item[data-index="${count - 1}"]`);
    await last.waitFor();
    expect(await reachable(page, last)).toBe(true);
    // Where it belongs: the list ends where its last turn does.
    const edges = await page.evaluate<number[]>(`[
      document.querySelector('.turn-list').getBoundingClientRect().bottom,
      document.querySelector('.turn-item[data-index="${count - 1}"]').getBoundingClientRect().bottom,
    ]`);
    expect(Math.abs((edges[0] ?? 0) - (edges[1] ?? 0))).toBeLessThan(2);
    // Still a virtual list: only the turns near the window are drawn, not all of them.
    expect(await turns.count()).toBeLessThan(count / 2);
    await check('long-result');
    await page.getByRole('button', { name: 'Back to jobs' }).click();

    await mustReach('Open result', open);
    await open.click();
    await page.getByLabel('Name for Speaker 1').waitFor();
    await check('result');
    // Every speaker and every turn can be seen, in the one area: the finding was 1 and 2.
    const speakers = await page.getByRole('textbox', { name: /^Name for / }).count();
    expect(speakers).toBe(3);
    for (let n = 1; n <= speakers; n++)
      await mustReach(`Name for Speaker ${n}`, page.getByLabel(`Name for Speaker ${n}`));
    await mustReach('the last turn', turns.last());

    // Playback follows in the list when the list is in sight; while the person looks at the
    // player, the page stays where it is.
    const appTop = () => page.evaluate<number>(`document.querySelector('.app').scrollTop`);
    const playAt = (seconds: number) =>
      page.evaluate(`(() => {
        const audio = document.querySelector('audio');
        audio.currentTime = ${seconds};
        return audio.play();
      })()`);
    const currentTurnShows = () =>
      page.evaluate<boolean>(`(() => {
        const row = document.querySelector('.turn-row[aria-current="true"]');
        if (!row) return false;
        const at = row.getBoundingClientRect();
        return at.top >= 0 && at.bottom <= innerHeight;
      })()`);
    await page.evaluate(`document.querySelector('.app').scrollTop = 0`);
    const listTop = await page.evaluate<number>(
      `document.querySelector('.turn-list').getBoundingClientRect().top`,
    );
    expect(listTop).toBeGreaterThanOrEqual(640);
    await playAt(13);
    await page.waitForTimeout(500);
    expect(await appTop()).toBe(0);
    await page.evaluate(`document.querySelector('audio').pause()`);
    await page.evaluate(`(() => {
      const list = document.querySelector('.turn-list').getBoundingClientRect();
      document.querySelector('.app').scrollTop += list.top - 300;
    })()`);
    await playAt(0.2);
    await page.evaluate(`document.querySelector('audio').pause()`);
    await playAt(13);
    await expect.poll(currentTurnShows).toBe(true);
    await page.evaluate(`document.querySelector('audio').pause()`);
    expect(await turns.last().textContent()).toMatch(/\w/);
    await mustReach('Export…', page.getByRole('button', { name: 'Export…' }));
    await page.getByRole('button', { name: 'Reading view' }).click();
    await check('reading-view');
    await page.getByRole('button', { name: 'Turn list' }).click();

    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog').waitFor();
    await check('export');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Back to jobs' }).click();

    // Several rows chosen: the selection bar, then the export of several.
    await page.getByLabel('Select all shown').check();
    const bar = page.getByRole('group', { name: /selected$/ });
    await bar.waitFor();
    await check('selection');
    await bar.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('dialog', { name: /^Export \d recordings$/ }).waitFor();
    await check('export-several');
    await page.keyboard.press('Escape');
    await bar.getByRole('button', { name: 'Clear selection' }).click();

    await page.getByRole('button', { name: 'Voices' }).click();
    await page.getByRole('dialog').waitFor();
    await check('voices');
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
  });
});

describe.skipIf(missing !== undefined)('200 % zoom (640×400 at 2×), by keyboard only', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav', 'empty.wav'], undefined, {
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('walks the whole flow with the keyboard, each focus in view, in one scroll area', async () => {
    const { page } = s;
    const problems: string[] = [];
    const check = async (screen: string) =>
      problems.push(...(await checkScreen(page, screen, '200pc')));
    const focused = () => page.evaluate<string>(FOCUSED);
    /** Presses Tab (or Shift+Tab) until what has focus is named `name`; each focus must show. */
    const tabTo = async (name: string | RegExp, options: { back?: boolean } = {}) => {
      const matches = (seen: string) =>
        typeof name === 'string' ? seen === name : name.test(seen);
      for (let n = 0; n < 60; n++) {
        await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
        const seen = await focused();
        if (seen && !(await page.evaluate<boolean>(FOCUSED_IN_VIEW)))
          problems.push(`focus out of view: ${seen}`);
        if (matches(seen)) return;
      }
      throw new Error(`Tab never reached ${String(name)}; focus is on "${await focused()}"`);
    };

    await page.getByLabel('pyannoteAI API key').waitFor();
    await check('first-run');
    await tabTo('pyannoteAI API key');
    await page.keyboard.type(s.sim.apiKey);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Add recordings…');
    await page.keyboard.press('Enter');
    await page.getByText(/This file is empty/).waitFor();
    await check('batch');
    await tabTo('Start');
    await page.keyboard.press('Enter');

    // Focus goes to the job list; the finished row is reached with the arrows and opened with Enter.
    await expect.poll(focused).toBe('Jobs');
    await page
      .getByRole('button', { name: 'Open result conversation.wav' })
      .waitFor({ timeout: 30_000 });
    await check('job-list');
    await tabTo(/conversation\.wav/);
    // The list is one tab stop: the arrows go along it to the row of conversation.wav.
    for (let n = 0; n < 3 && !/^conversation\.wav/.test(await focused()); n++)
      await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/conversation\.wav/);
    await page.keyboard.press('Enter');
    await page.getByLabel('Name for Speaker 1').waitFor();
    await expect.poll(focused).toBe('conversation.wav');
    await check('result');

    // A speaker is named, with the keyboard.
    await tabTo('Name for Speaker 1');
    await page.keyboard.type('Ada');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Turns' }).getByText('Ada').first().waitFor();

    // The turn list is one tab stop: the arrows move along it, Enter plays from a turn.
    await tabTo(/^0:00/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^0:03/);
    expect(await page.evaluate<boolean>(FOCUSED_IN_VIEW)).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate<number>(`document.querySelector('audio').currentTime`))
      .toBeGreaterThan(2);
    await page.evaluate(`document.querySelector('audio').pause()`);

    // Find (Ctrl+F) shows the matching turn, in view.
    await page.keyboard.press('Control+f');
    await expect.poll(focused).toMatch(/Find/);
    await page.keyboard.type('Speaker 3');
    await page.getByText('1 of 3 turns').waitFor();
    expect(await reachable(page, page.locator('.turn-row.is-found'))).toBe(true);
    await page.keyboard.press('Escape');

    // Export, by keyboard: the dialog opens on its first choice; Word writes the document.
    await tabTo('Export…', { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await check('export');
    await tabTo(/Word/);
    await page.keyboard.press('Enter');
    await page.getByText(/Saved as conversation\.docx/).waitFor();
    await page.keyboard.press('Escape');

    // Back to the jobs: focus returns to the row that was opened.
    await tabTo('← Back to jobs', { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Open result conversation.wav');

    // Settings, and back on its button after Escape.
    await tabTo('Settings', { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await check('settings');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Settings');

    expect(problems).toEqual([]);
  });
});
