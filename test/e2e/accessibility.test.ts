/**
 * axe-core (WCAG 2.1 A and AA rules, contrast included) on every screen a person meets, in the
 * light and the dark theme: first run, the empty list, the batch panel, the finished list, the
 * result, the export dialog and Settings. Screenshots of each in both themes.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

// Evaluated through the debugging protocol: the page's CSP (rightly) refuses injected scripts.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const THEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe in the page in each theme; returns "rule: element (why)" lines, empty when clean. */
async function problems(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    // Transitions finish before colours are measured.
    await page.waitForTimeout(250);
    if ((await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe)) === 'undefined')
      await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations;
    });
    for (const violation of violations as Violation[]) {
      for (const node of violation.nodes)
        found.push(
          `${theme} ${screen}: ${violation.id} at ${node.target.join(' ')} (${violation.help})`,
        );
    }
    await screenshot(page, `a11y-${screen}-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

describe.skipIf(missing !== undefined)('accessibility of every screen, light and dark', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('passes axe on each screen in both themes', async () => {
    const { page } = s;
    const seen: string[] = [];
    await page.getByLabel('pyannoteAI API key').waitFor();
    seen.push(...(await problems(page, 'first-run')));

    await page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).waitFor();
    seen.push(...(await problems(page, 'empty-list')));

    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).waitFor();
    seen.push(...(await problems(page, 'batch-panel')));

    await page.getByRole('button', { name: 'Start' }).click();
    const open = page.getByRole('button', { name: 'Open result conversation.wav' });
    await open.waitFor({ timeout: 30_000 });
    seen.push(...(await problems(page, 'finished-list')));

    await open.click();
    await page.getByLabel('Name for Speaker 1').waitFor();
    seen.push(...(await problems(page, 'result')));

    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('button', { name: /WebVTT/ }).waitFor();
    seen.push(...(await problems(page, 'export')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    seen.push(...(await problems(page, 'settings')));

    // Without a key: the list with its banner, and the key asked for at Start.
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Remove key' }).click();
    await settings.getByRole('button', { name: 'Yes, remove the key' }).click();
    await settings.getByText('No key set.').waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByText(/^No key is set/).waitFor();
    seen.push(...(await problems(page, 'no-key-list')));
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'A key is needed' }).waitFor();
    seen.push(...(await problems(page, 'key-needed')));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Remove conversation.wav' }).click();
    await page.getByText(/the saved result stays on this computer/).waitFor();
    seen.push(...(await problems(page, 'remove-dialog')));

    expect(seen).toEqual([]);
  });
});
