/**
 * Reading and listening to a result, in Debian's Chromium over the preview: the turn list follows
 * playback, zoom keeps the playhead in view, a warning for two speakers with one name, the player's
 * keyboard shortcuts, the reading view and its copy.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from './axe';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('Reading a result in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
    const { page } = s;
    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByLabel('Transcription').check();
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'conversation.wav' })
      .getByText('Done', { exact: true })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Open result conversation.wav' }).click();
    await page.getByLabel('Name for Speaker 1').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  const turnRows = () => s.page.getByRole('list', { name: 'Turns' }).getByRole('button');
  /** Moves playback to `seconds` the way the player's own controls do. */
  const seekTo = (seconds: number) =>
    s.page.evaluate(`(() => { document.querySelector('audio').currentTime = ${seconds}; })()`);
  /** Whether the turn playing now is shown whole inside the list's scroll area. */
  const currentTurnInView = () =>
    s.page.evaluate(`(() => {
      const scroller = document.querySelector('.turn-scroll');
      const row = scroller && scroller.querySelector('[aria-current="true"]');
      if (!row) return false;
      const box = scroller.getBoundingClientRect();
      const at = row.getBoundingClientRect();
      return at.top >= box.top - 1 && at.bottom <= box.bottom + 1;
    })()`) as Promise<boolean>;
  const audioState = () =>
    s.page.evaluate(`(() => {
      const audio = document.querySelector('audio');
      return { paused: audio.paused, time: audio.currentTime };
    })()`) as Promise<{ paused: boolean; time: number }>;
  const pause = () => s.page.evaluate(`document.querySelector('audio').pause()`);
  const focused = () =>
    s.page.evaluate(`(() => {
      const el = document.activeElement;
      const item = el && el.closest('[data-index]');
      return { row: item ? Number(item.getAttribute('data-index')) : -1, tag: el ? el.tagName : '' };
    })()`) as Promise<{ row: number; tag: string }>;
  const listScrollTop = () =>
    s.page.evaluate(`document.querySelector('.turn-scroll').scrollTop`) as Promise<number>;
  /** The start of each turn in seconds, as the list shows it (m:ss). */
  const turnTimes = async () =>
    (await s.page.locator('.turn-row .turn-time').allTextContents()).map((text) => {
      const [m, sec] = text.split(':').map(Number);
      return (m ?? 0) * 60 + (sec ?? 0);
    });

  it('the turn list follows playback, unless the person scrolled it away', async () => {
    const { page } = s;
    // At 1280×800 the list scrolls in its own box, where only a few transcribed turns fit, so
    // following means scrolling it. (In a small window it shares the window's one scroll area:
    // test/e2e/small-screens.test.ts.)
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector('.turn-scroll')).overflowY`),
    ).toBe('auto');
    await page.evaluate(`document.querySelector('audio').playbackRate = 0.25`);
    const times = await turnTimes();
    expect(times.length).toBeGreaterThan(5);
    await expect(listScrollTop()).resolves.toBe(0);

    // Playback moves to a turn far below: the list brings it into view.
    await seekTo((times.at(-2) ?? 0) + 0.4);
    await expect.poll(currentTurnInView).toBe(true);
    expect(await listScrollTop()).toBeGreaterThan(0);

    // The person scrolls back to the top: playback moving on leaves the list where they put it.
    await page.locator('.turn-scroll').hover();
    await page.mouse.wheel(0, -5000);
    await expect.poll(listScrollTop).toBe(0);
    await seekTo((times.at(-3) ?? 0) + 0.4);
    await page.waitForTimeout(400);
    expect(await listScrollTop()).toBe(0);

    // Pressing play follows again.
    await page.evaluate(`document.querySelector('audio').play()`);
    await expect.poll(currentTurnInView, { timeout: 5_000 }).toBe(true);
    await page.evaluate(`document.querySelector('audio').pause()`);

    // So does clicking a turn, after scrolling away again.
    await page.mouse.wheel(0, -5000);
    await expect.poll(listScrollTop).toBe(0);
    await turnRows().first().click();
    await page.evaluate(`document.querySelector('audio').pause()`);
    await seekTo((times.at(-2) ?? 0) + 0.4);
    await expect.poll(currentTurnInView).toBe(true);
    await screenshot(page, 'result-follows-playback');
  });

  it('zooms around the playhead and says which part of the recording is shown', async () => {
    const { page } = s;
    await page.evaluate(`document.querySelector('audio').pause()`);
    await seekTo(10);
    await page.getByText('Showing the whole recording').waitFor();
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    const zoomOut = page.getByRole('button', { name: 'Zoom out' });
    // Twice as close: 7.35 s of 14.7 s, with the playhead (10 s) in the middle.
    await zoomIn.click();
    await page.getByText('Showing 0:06 – 0:13 of 0:14').waitFor();
    await page.getByText('Showing 0:06 to 0:13 of a 0:14 recording').waitFor({ state: 'attached' });
    await zoomIn.click();
    await page.getByText('Showing 0:08 – 0:11 of 0:14').waitFor();
    await screenshot(page, 'result-zoomed-on-playhead');
    await zoomOut.click();
    await page.getByText('Showing 0:06 – 0:13 of 0:14').waitFor();
    await zoomOut.click();
    await page.getByText('Showing the whole recording').waitFor();
  });

  it('warns, without refusing it, when two speakers are given the same name', async () => {
    const { page } = s;
    const first = page.getByLabel('Name for Speaker 1');
    const second = page.getByLabel('Name for Speaker 2');
    await first.fill('Ada');
    await first.press('Enter');
    await expect(page.locator('.field-warning').count()).resolves.toBe(0);
    // While typing: the warning is there before the name is saved, and read with the field.
    await second.fill('ada ');
    const warning =
      'Speaker 1 already has this name; both will be shown as “ada” in exports. ' +
      'Use “is the same person as” to merge them.';
    await page.getByText(warning).waitFor();
    await second.press('Enter');
    // Saved anyway; now each field names the other.
    await page
      .getByText(
        'Speaker 2 already has this name; both will be shown as “Ada” in exports. ' +
          'Use “is the same person as” to merge them.',
      )
      .waitFor();
    // The field is described by its warning, so a screen reader reads them together.
    await expect
      .poll(async () => {
        const id = await second.getAttribute('aria-describedby');
        return id ? page.locator(`[id="${id}"]`).textContent() : null;
      })
      .toContain('Speaker 1 already has this name');
    await screenshot(page, 'result-same-name');
    // A different name: the warnings go.
    await second.fill('Grace');
    await second.press('Enter');
    await expect.poll(() => page.locator('.field-warning').count()).toBe(0);
  });

  it('plays, pauses, skips and moves by turn from the keyboard, and lists the shortcuts', async () => {
    const { page } = s;
    await pause();
    await seekTo(5);
    await page.getByRole('heading', { name: /^Turns/ }).click();
    // Space plays and pauses.
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audioState()).paused).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audioState()).paused).toBe(true);
    // ← and → go 5 s back and forward.
    await seekTo(5);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await audioState()).time).toBeCloseTo(10, 1);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await audioState()).time).toBeCloseTo(5, 1);
    // ↓ and J go to the next turn's start, ↑ and K back; the turn playing is marked.
    const times = await turnTimes();
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await audioState()).time).toBeGreaterThan(5);
    const next = (await audioState()).time;
    expect(times.some((start) => start === Math.floor(next))).toBe(true);
    await page.keyboard.press('j');
    await expect.poll(async () => (await audioState()).time).toBeGreaterThan(next);
    await page.keyboard.press('k');
    await expect.poll(async () => (await audioState()).time).toBeCloseTo(next, 2);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await audioState()).time).toBeLessThan(next);

    // Not while typing in a field: Space is a space there.
    const field = page.getByLabel('Name for Speaker 1');
    await field.fill('Ada');
    await field.press('Space');
    await field.press('ArrowLeft');
    await expect(field.inputValue()).resolves.toBe('Ada ');
    expect((await audioState()).paused).toBe(true);
    await field.press('Escape');

    // The shortcuts are listed.
    await page.getByText('Keyboard shortcuts').click();
    await page.getByText('Play or pause').waitFor();
    await page.getByText('Previous or next turn').waitFor();
    await screenshot(page, 'result-shortcuts');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByText('Play or pause').isVisible()).toBe(false);
  });

  it('the turn list is one tab stop; arrows move inside it and Enter plays from a turn', async () => {
    const { page } = s;
    await pause();
    await expect(page.locator('.turn-row[tabindex="0"]').count()).resolves.toBe(1);
    await turnRows().first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toEqual({ row: 1, tag: 'BUTTON' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toEqual({ row: 1, tag: 'BUTTON' });
    await expect(page.locator('.turn-row[tabindex="0"]').count()).resolves.toBe(1);
    // Tab leaves the list, Shift+Tab comes back to the same turn.
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await focused()).row).toBe(-1);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focused).toEqual({ row: 1, tag: 'BUTTON' });
    // End goes to the last turn, Home to the first.
    await page.keyboard.press('End');
    const count = await page.locator('.turn-row').count();
    await expect.poll(async () => (await focused()).row).toBeGreaterThanOrEqual(count - 1);
    await page.keyboard.press('Home');
    await expect.poll(focused).toEqual({ row: 0, tag: 'BUTTON' });
    await page.keyboard.press('ArrowDown');
    // Enter plays from that turn; Space on it pauses and plays, without jumping back.
    const second = (await turnTimes())[1] ?? 0;
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await audioState()).paused).toBe(false);
    expect(Math.floor((await audioState()).time)).toBeGreaterThanOrEqual(second);
    await expect(turnRows().nth(1).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audioState()).paused).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await audioState()).paused).toBe(false);
    await pause();
  });

  it('shows the turns as paragraphs to read, and copies them through the app', async () => {
    const { page } = s;
    await pause();
    const rows = await page.locator('.turn-row').count();
    await page.getByRole('button', { name: 'Reading view' }).click();
    await expect(
      page.getByRole('button', { name: 'Reading view' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(page.getByRole('list', { name: 'Turns' }).count()).resolves.toBe(0);
    const region = page.getByRole('region', { name: 'Reading view of the turns' });
    await region.waitFor();
    const paragraphs = region.locator('.reading-paragraph');
    const count = await paragraphs.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(rows);
    // One speaker per paragraph, never the same speaker twice in a row, each with its words.
    const names = await region.locator('.reading-speaker').allTextContents();
    expect(names.every((name, index) => name !== names[index - 1])).toBe(true);
    const texts = await region.locator('.reading-text').allTextContents();
    expect(texts).toHaveLength(count);
    expect(texts.every((text) => text.trim().length > 0)).toBe(true);
    // A time plays from there.
    const firstTime = region.locator('.reading-time').first();
    await expect(firstTime.getAttribute('aria-label')).resolves.toMatch(/^Play from \d+:\d\d \(/);
    await firstTime.click();
    await expect.poll(async () => (await audioState()).paused).toBe(false);
    await expect.poll(() => region.locator('[aria-current="true"]').count()).toBe(1);
    await pause();
    await screenshot(page, 'result-reading-view');

    // Copy text goes through the app (the page itself may not touch the clipboard): the preview
    // has no clipboard, so it says how to copy by hand.
    const times = await region.locator('.reading-time').allTextContents();
    const expected = times
      .map((time, index) => `${time} ${names[index]}\n${texts[index]}`)
      .join('\n\n');
    const before = s.preview.desktopLog.length;
    await page.getByRole('button', { name: 'Copy text' }).click();
    await page
      .getByText(
        'The text could not be put on the clipboard. Select it below and copy it with Ctrl+C.',
      )
      .waitFor();
    expect(s.preview.desktopLog.slice(before)).toEqual([`copy ${expected.length} characters`]);

    // Back to the list.
    await page.getByRole('button', { name: 'Turn list' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Turns' }).count()).toBe(1);
  });

  it('Ctrl+F finds turns by speaker name or by their words', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Reading view' }).click();
    const heading = page.getByRole('heading', { name: /^Turns/ });
    await heading.click();
    await page.keyboard.press('Control+f');
    const field = page.getByRole('searchbox', { name: 'Find in the turns' });
    await expect
      .poll(() => s.page.evaluate(`document.activeElement && document.activeElement.type`))
      .toBe('search');

    // A speaker's name: every turn of theirs is marked, the first one shown.
    await page.keyboard.type('grace');
    await expect.poll(() => page.getByRole('list', { name: 'Turns' }).count()).toBe(1);
    const graceTurns = await page
      .locator('.turn-row .turn-speaker-name')
      .filter({ hasText: /^Grace$/ })
      .count();
    expect(graceTurns).toBeGreaterThan(0);
    await page.getByText(`1 of ${graceTurns} turn`).waitFor();
    await expect(page.locator('.turn-row.is-match').count()).resolves.toBe(graceTurns);
    await expect(page.locator('.turn-row.is-found').count()).resolves.toBe(1);
    await expect(page.locator('.turn-row mark').first().textContent()).resolves.toBe('Grace');
    if (graceTurns > 1) {
      await page.keyboard.press('Enter');
      await page.getByText(`2 of ${graceTurns} turns`).waitFor();
      await page.keyboard.press('Shift+Enter');
      await page.getByText(`1 of ${graceTurns} turns`).waitFor();
    }

    // A word from a turn's text.
    const words = ((await page.locator('.turn-row .turn-text').first().textContent()) ?? '')
      .split(/\W+/)
      .filter((word) => word.length > 3);
    const word = words[0] ?? '';
    expect(word).not.toBe('');
    await field.fill(word.toUpperCase());
    await page.getByText(/^1 of \d+ turns?$/).waitFor();
    await expect(page.locator('.turn-row mark').first().textContent()).resolves.toMatch(
      new RegExp(`^${word}$`, 'i'),
    );
    await screenshot(page, 'result-find');

    await field.fill('zzzzqqq');
    await page.getByText('No turn matches').waitFor();
    await expect(page.locator('.turn-row.is-match').count()).resolves.toBe(0);

    // From the reading view, Find shows the list scrolled to the turn it found.
    await page.getByRole('button', { name: 'Reading view' }).click();
    const lastWords = ((await page.locator('.reading-text').last().textContent()) ?? '')
      .split(/\W+/)
      .sort((a, b) => b.length - a.length);
    expect(lastWords[0]).toBeTruthy();
    await field.fill(lastWords[0] ?? '');
    await expect.poll(() => page.getByRole('list', { name: 'Turns' }).count()).toBe(1);
    await expect
      .poll(() =>
        page.evaluate(`(() => {
          const scroller = document.querySelector('.turn-scroll');
          const row = scroller && scroller.querySelector('.is-found');
          if (!row) return false;
          const box = scroller.getBoundingClientRect();
          const at = row.getBoundingClientRect();
          return at.top >= box.top - 1 && at.bottom <= box.bottom + 1;
        })()`),
      )
      .toBe(true);

    // Escape clears it and goes back to where the person was.
    await page.keyboard.press('Escape');
    await expect(field.inputValue()).resolves.toBe('');
    await expect
      .poll(() => page.evaluate(`document.activeElement && document.activeElement.className`))
      .toMatch(/^turn-row/);
  });

  it('passes axe with the shortcuts open, in the reading view and with found turns marked', async () => {
    const { page } = s;
    const found: string[] = [];
    await page.getByText('Keyboard shortcuts').click();
    await page.getByText('Play or pause').waitFor();
    found.push(...(await axeProblems(s.page, 'shortcuts')));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Reading view' }).click();
    await page.locator('.reading-paragraph').first().waitFor();
    found.push(...(await axeProblems(s.page, 'reading view')));
    await page.getByRole('searchbox', { name: 'Find in the turns' }).fill('a');
    await page.locator('.turn-row mark').first().waitFor();
    found.push(...(await axeProblems(s.page, 'find')));
    expect(found).toEqual([]);
  });
});
