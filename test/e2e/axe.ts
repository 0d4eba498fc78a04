/**
 * axe-core's WCAG 2.1 A and AA rules (contrast included) on the page as it is, in the light and
 * the dark theme. Evaluated through the debugging protocol: the page's CSP (rightly) refuses
 * injected scripts.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { screenshot } from './harness';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Text, so this side needs no DOM types.
const AXE_RUN = `axe.run({
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
}).then((result) => result.violations.flatMap((v) =>
  v.nodes.map((node) => v.id + ' at ' + node.target.join(' ') + ' (' + v.help + ')')))`;

export const THEMES = ['light', 'dark'] as const;

/**
 * "theme screen: rule at element (why)" for every violation, empty when clean; with
 * `screenshots`, a screenshot of each theme named `<screenshots>-<screen>-<theme>`.
 */
export async function axeProblems(
  page: Page,
  screen: string,
  options: { screenshots?: string } = {},
): Promise<string[]> {
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    // Transitions finish before colours are measured.
    await page.waitForTimeout(250);
    if ((await page.evaluate('typeof axe')) === 'undefined') await page.evaluate(AXE);
    const lines = (await page.evaluate(AXE_RUN)) as string[];
    found.push(...lines.map((line) => `${theme} ${screen}: ${line}`));
    if (options.screenshots) await screenshot(page, `${options.screenshots}-${screen}-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
