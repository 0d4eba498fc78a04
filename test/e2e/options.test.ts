/**
 * The batch panel checks its options with the shared schema: a choice the service would refuse
 * shows its reason next to the field and keeps Start disabled, and nothing reaches pyannoteAI.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_MESSAGES } from '../../src/shared/diarize-options';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

describe.skipIf(missing !== undefined)('batch options in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
    const keyField = s.page.getByLabel('pyannoteAI API key');
    await keyField.fill(s.sim.apiKey);
    await s.page.getByRole('button', { name: 'Save key' }).click();
    await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Anything that starts an upload: an upload link asked for, or bytes sent to the store. */
  const uploadRequests = () =>
    s.sim.countRequests({ route: 'POST /v1/media/input' }) +
    s.sim.requestLog().filter((entry) => entry.path.startsWith('/_upload/')).length;

  it('shows why the speaker numbers cannot be sent, with Start disabled, and sends nothing', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const start = page.getByRole('button', { name: 'Start' });
    await start.waitFor();
    await page.getByLabel('Fewest speakers').fill('5');
    await page.getByLabel('Most speakers').fill('2');

    const speakers = page.getByRole('group', { name: 'Speakers' });
    await speakers.getByText(OPTION_MESSAGES.minAboveMax(5, 2)).waitFor();
    expect(await start.isDisabled()).toBe(true);
    await screenshot(page, '08-batch-options-refused');
    // A click on the disabled button does nothing.
    await start.click({ force: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(uploadRequests()).toBe(0);
    expect(s.sim.uploads().size).toBe(0);
    expect(s.sim.diarizePosts).toBe(0);

    // Fixed, the message goes and the same recording is sent.
    await page.getByLabel('Most speakers').fill('6');
    await expect.poll(() => start.isDisabled()).toBe(false);
    expect(await speakers.getByText(OPTION_MESSAGES.minAboveMax(5, 2)).count()).toBe(0);
    await start.click();
    await expect.poll(() => s.sim.jobs().length, { timeout: 15_000 }).toBe(1);
    expect(s.sim.uploads().size).toBe(1);
    expect(s.sim.jobs()[0]?.request).toMatchObject({ minSpeakers: 5, maxSpeakers: 6 });
  });

  it('new defaults saved in Settings apply at once to a batch not yet touched', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const batch = page.getByRole('region', { name: /^Send 1 recording/ });
    await batch.getByRole('button', { name: 'Start' }).waitFor();
    expect(await batch.getByLabel('Precision-2').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByText('Changes apply at once').waitFor();
    await settings.getByLabel('Community-1').check();
    await settings.getByText('Saved.', { exact: true }).waitFor();
    await settings.getByRole('button', { name: 'Close', exact: true }).click();

    await expect.poll(() => batch.getByLabel('Community-1').isChecked()).toBe(true);
    await batch.getByRole('button', { name: 'Cancel' }).click();
  });
});
