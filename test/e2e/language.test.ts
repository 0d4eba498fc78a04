/**
 * The Language choice in Settings (issue 15): choosing a language saves it and the whole page
 * speaks it at once, without a restart; the page speaks the saved choice again after a reload, the
 * key screen included. (The preview keeps settings in memory, so a restart cannot be tested here.)
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('choosing the language, in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession([]);
    await s.page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await s.page.getByRole('button', { name: 'Save key' }).click();
    await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  const pageLanguage = () => s.page.evaluate<string>('document.documentElement.lang');

  it('lists each language by its own name, and the computer’s', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const choice = settings.getByLabel('Language of Diarist');
    expect(await choice.locator('option').allTextContents()).toEqual([
      'Same as the computer (English)',
      'English',
      'Français',
      'Deutsch',
      'Español',
    ]);
    expect(await choice.inputValue()).toBe('system');
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('speaks French at once when Français is chosen, and still after a reload', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page
      .getByRole('dialog', { name: 'Settings' })
      .getByLabel('Language of Diarist')
      .selectOption({
        label: 'Français',
      });
    // The open dialog changes too, down to the word that says the choice was saved.
    const reglages = page.getByRole('dialog', { name: 'Réglages' });
    await reglages.getByText('Enregistré.').waitFor();
    expect(await reglages.getByLabel('Langue de Diarist').inputValue()).toBe('fr');
    expect(await pageLanguage()).toBe('fr');
    await screenshot(page, '20-settings-language-fr');
    await reglages.getByRole('button', { name: 'Fermer', exact: true }).click();
    await page.getByRole('button', { name: 'Ajouter des enregistrements…' }).waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Ajouter des enregistrements…' }).waitFor();
    expect(await pageLanguage()).toBe('fr');
    expect(await page.getByRole('button', { name: 'Add recordings…' }).count()).toBe(0);
  });

  it('speaks the saved language on the key screen too, after a reload', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Réglages' }).click();
    const reglages = page.getByRole('dialog', { name: 'Réglages' });
    await reglages.getByRole('button', { name: 'Retirer la clé' }).click();
    await reglages.getByRole('button', { name: 'Oui, retirer la clé' }).click();
    // The window stays as it is; the key is asked for where it is needed.
    await reglages.getByText('Aucune clé n’est configurée.').waitFor();
    await reglages.getByRole('button', { name: 'Fermer', exact: true }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Relier Diarist à pyannoteAI' });
    // Opened without a key and without any job, the page shows the key screen only: it applies
    // the saved choice too.
    await page.reload();
    await heading.waitFor();
    expect(await pageLanguage()).toBe('fr');
    await page.getByLabel('Clé d’API pyannoteAI').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Enregistrer la clé' }).click();
    await page.getByRole('button', { name: 'Ajouter des enregistrements…' }).waitFor();
  });

  it('switches to German at once when Deutsch is chosen', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Réglages' }).click();
    await page
      .getByRole('dialog', { name: 'Réglages' })
      .getByLabel('Langue de Diarist')
      .selectOption({
        label: 'Deutsch',
      });
    const einstellungen = page.getByRole('dialog', { name: 'Einstellungen' });
    await einstellungen.getByText('Gespeichert.').waitFor();
    expect(await pageLanguage()).toBe('de');
    await einstellungen.getByRole('button', { name: 'Schließen', exact: true }).click();
    await page.getByRole('button', { name: 'Aufnahmen hinzufügen…' }).waitFor();
  });
});
