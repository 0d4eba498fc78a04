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
import { layoutProblems } from '../support/layout';
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

/** Checks the screen at each size; returns its problems, each prefixed with size and screen. */
async function check(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(200);
    const problems = await page.evaluate<string[]>(layoutProblems({ english: true }));
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
