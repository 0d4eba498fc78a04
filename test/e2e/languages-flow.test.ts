/**
 * The main flow in French and in German, on a computer set to that language: first run, add,
 * start, done, open the result, name a speaker, export, back. Every control is found by its
 * words in that language's catalogue, so an English word left on the way fails the walk.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/shared/i18n/pseudo';
import type { Language } from '../../src/shared/i18n/languages';
import { RESOURCES, type Namespace } from '../../src/shared/i18n/resources';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

/** A text of `language`'s catalogue, its {{placeholders}} filled in. */
function words(
  language: Language,
  ns: Namespace,
  key: string,
  values: Record<string, string> = {},
) {
  let value: Catalogue | string | undefined = RESOURCES[language][ns];
  for (const part of key.split('.')) value = typeof value === 'object' ? value[part] : undefined;
  if (typeof value !== 'string') throw new Error(`no ${language} text for ${ns}:${key}`);
  return value
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '')
    .replace(/<\/?\d+>/g, '');
}

for (const [language, locale] of [
  ['fr', 'fr-FR'],
  ['de', 'de-DE'],
] as const) {
  describe.skipIf(missing !== undefined)(`the main flow in ${language}`, () => {
    let s: Session;
    const w = (ns: Namespace, key: string, values?: Record<string, string>) =>
      words(language, ns, key, values);
    beforeAll(async () => {
      s = await openSession(['conversation.wav'], undefined, { locale });
    });
    afterAll(async () => {
      await s?.close();
    });

    it('goes from the first run to an exported result in that language', async () => {
      const { page } = s;
      await page.getByRole('heading', { name: w('common', 'setup.heading') }).waitFor();
      expect(await page.evaluate<string>('document.documentElement.lang')).toBe(language);
      await page.getByLabel(w('settings', 'keyForm.label')).fill(s.sim.apiKey);
      await page.getByRole('button', { name: w('settings', 'keyForm.save') }).click();

      await page.getByRole('button', { name: w('common', 'header.addRecordings') }).click();
      await page.getByRole('button', { name: w('batch', 'panel.start'), exact: true }).click();
      const open = page.getByRole('button', {
        name: w('jobs', 'row.openResultLabel', { name: 'conversation.wav' }),
      });
      await open.waitFor({ timeout: 30_000 });
      await page.getByText(w('jobs', 'status.succeeded'), { exact: true }).first().waitFor();
      await screenshot(page, `flow-${language}-done`);

      await open.click();
      const speaker = w('result', 'speaker.default', { number: '1' });
      const nameField = page.getByLabel(w('result', 'speakers.nameFor', { speaker }));
      await nameField.fill('Ada Lovelace');
      await nameField.press('Enter');
      await page.getByText('Ada Lovelace').first().waitFor();
      await screenshot(page, `flow-${language}-result`);

      await page.getByRole('button', { name: w('result', 'view.export') }).click();
      await page.getByRole('button', { name: new RegExp(`^WebVTT `) }).click();
      await page.getByText(w('result', 'view.savedAs', { file: 'conversation.vtt' })).waitFor();
      const vtt = await readFile(join(s.exportsDir, 'conversation.vtt'), 'utf8');
      expect(vtt).toContain('Ada Lovelace');

      await page.getByRole('button', { name: w('result', 'view.back') }).click();
      await page.getByRole('button', { name: w('common', 'header.settings') }).click();
      await page.getByRole('dialog', { name: w('settings', 'title') }).waitFor();
      await screenshot(page, `flow-${language}-settings`);
    });
  });
}
