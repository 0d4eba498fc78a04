/**
 * The pseudo-locale (every word accented and 40 % longer, in [brackets]) on every screen, at
 * 1280×800 and 1024×640: no English left outside the brackets' catalogue words, no text cut off
 * by its box, and no two controls or lines of text on top of each other. Screenshots of each.
 */

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudoText, type Catalogue } from '../../src/shared/i18n/pseudo';
import { RESOURCES, type Namespace } from '../../src/shared/i18n/resources';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';
import { memorySecretBox } from '../../src/core/voices/aes-box';
import { VOICE_LIBRARY_FILE, VoiceLibrary } from '../../src/core/voices/library';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
] as const;

/** A control's name in the pseudo-locale, from the English catalogue's key. */
function pseudo(ns: Namespace, key: string): string {
  let value: Catalogue | string | undefined = RESOURCES.en[ns];
  for (const part of key.split('.')) value = typeof value === 'object' ? value[part] : undefined;
  if (typeof value !== 'string') throw new Error(`no English text for ${ns}:${key}`);
  return pseudoText(value);
}

/** As `pseudo`, with its placeholders filled in as the page fills them. */
function pseudoOf(ns: Namespace, key: string, values: Record<string, string>): string {
  return pseudo(ns, key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/**
 * Evaluated in the page (as text: this side is compiled without the DOM's types). Returns one line
 * per problem: text cut off by a box that hides what overflows, or two visible controls or text
 * lines that overlap.
 */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const describe = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
    return el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '') + ' "' + text + '"';
  };
  // What of an element shows: its box cut by every ancestor that clips (scroll areas).
  const shown = (el) => {
    let r = el.getBoundingClientRect();
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const c = up.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
        right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
    }
    return box.right - box.left > 1 && box.bottom - box.top > 1 ? box : undefined;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' &&
      !el.closest('.visually-hidden, [aria-hidden="true"]') && shown(el) !== undefined;
  };
  // With a dialog open, what is behind it is inert: only the dialog is checked.
  const scope = document.querySelector('dialog[open]') || document.body;
  // Names people gave (files, speakers) are data, shortened with an ellipsis by design.
  const data = '.job-name, .job-meta, .file-name, .lane-name-text, .speaker-name';
  for (const el of scope.querySelectorAll('*')) {
    if (!el.textContent.trim() || el.matches(data) || !visible(el)) continue;
    const style = getComputedStyle(el);
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    if (hides && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto')
      problems.push('cut off: ' + describe(el) + ' needs ' + el.scrollWidth + ' px, has ' + el.clientWidth);
  }
  const boxes = [...scope.querySelectorAll('button, input, select, textarea, label, h1, h2, h3, p, li > span, a')]
    .filter(visible);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.contains(b) || b.contains(a)) continue;
      const r = shown(a), s = shown(b);
      const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (w > 2 && h > 2) problems.push('overlap: ' + describe(a) + ' and ' + describe(b));
    }
  }
  // Words left in English: a text of two or more plain words with none of the pseudo-locale's
  // brackets around it (names and formats, which no language translates, are data).
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent.trim();
    if (!el || !visible(el) || el.closest(data + ', h1, .turn-text, option, [data-untranslated]')) continue;
    // Pseudo words are accented; a plain word inside a pseudo sentence is part of it.
    if (/[áéíöüçñýÅÉÎØÜÇÑÝ]/.test(text) || el.textContent.includes('[')) continue;
    if ((text.match(/[A-Za-z]{2,}/g) || []).length >= 2) problems.push('English: ' + describe(el));
  }
  return problems;
})()`;

/** Checks the screen at each size; returns its problems, each prefixed with size and screen. */
async function check(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    const problems = await page.evaluate<string[]>(LAYOUT_PROBLEMS);
    found.push(...problems.map((problem) => `${size.width}×${size.height} ${screen}: ${problem}`));
    await screenshot(page, `pseudo-${screen}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SIZES[0]);
  return found;
}

describe.skipIf(missing !== undefined)('the pseudo-locale on every screen', () => {
  let s: Session;
  beforeAll(async () => {
    // Two known voices, so the Voices page and the recognition option show what they hold.
    const key = randomBytes(32);
    s = await openSession(
      ['conversation.wav', 'conversation.flac'],
      undefined,
      {},
      {
        services: { secretBox: memorySecretBox(key) },
        beforeStart: async (dataDir) => {
          const library = await VoiceLibrary.open({
            file: join(dataDir, VOICE_LIBRARY_FILE),
            box: memorySecretBox(key),
          });
          await library.consent();
          for (const name of ['Anna Lindqvist', 'Benedikt Oberhauser'])
            await library.add({
              name,
              fromRecording: 'meeting.wav',
              fromSpeaker: 'SPEAKER_00',
              clipSeconds: 20,
              model: 'precision-2',
              voiceprint: randomBytes(64).toString('base64'),
            });
        },
      },
    );
    await s.page.goto(`${s.preview.url}&lang=en-XA`);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('fits every screen at 1280×800 and 1024×640', async () => {
    const { page } = s;
    const seen: string[] = [];
    const button = (ns: Namespace, key: string) =>
      page.getByRole('button', { name: pseudo(ns, key), exact: true });

    await page.getByRole('heading', { name: pseudo('common', 'setup.heading') }).waitFor();
    seen.push(...(await check(page, 'first-run')));

    await page.getByRole('textbox').first().fill(s.sim.apiKey);
    await page.keyboard.press('Enter');
    await button('common', 'header.addRecordings').waitFor();
    seen.push(...(await check(page, 'empty-list')));

    await button('common', 'header.addRecordings').click();
    const start = page.getByRole('button', { name: pseudo('batch', 'panel.start') });
    await start.waitFor();
    seen.push(...(await check(page, 'batch-panel')));
    // "Recognise known voices" open: its voices and how sure (left off again for this batch).
    const recognise = page.getByLabel(pseudo('voices', 'option.label'));
    await recognise.check();
    // In the batch panel's own scroll area: brought into view, so the check sees it.
    await page.getByLabel(pseudo('voices', 'option.sure')).scrollIntoViewIfNeeded();
    seen.push(...(await check(page, 'recognition-option')));
    await recognise.uncheck();

    await start.click();
    const open = page.getByRole('button', {
      name: pseudoOf('jobs', 'row.openResultLabel', { name: 'conversation.flac' }),
    });
    await open.waitFor({ timeout: 30_000 });
    seen.push(...(await check(page, 'finished-list')));

    await open.click();
    await page.locator('canvas').waitFor();
    seen.push(...(await check(page, 'result')));

    await button('result', 'view.export').click();
    await page.getByRole('dialog').waitFor();
    seen.push(...(await check(page, 'export')));
    await page.keyboard.press('Escape');

    await button('result', 'view.back').click();
    await button('voices', 'header.open').click();
    await page.getByRole('list', { name: pseudo('voices', 'page.listLabel') }).waitFor();
    seen.push(...(await check(page, 'voices')));
    await page.keyboard.press('Escape');

    await button('common', 'header.settings').click();
    await page.getByRole('dialog').waitFor();
    seen.push(...(await check(page, 'settings')));

    expect(seen).toEqual([]);
  });
});
