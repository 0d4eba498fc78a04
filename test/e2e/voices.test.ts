/**
 * Known voices in Debian's Chromium over the preview: the Voices page (list, rename, delete with
 * a confirmation, delete all, the empty state, a computer that cannot keep voices), the batch
 * option "Recognise known voices" (its voices, how sure, the transcription conflict, no voices),
 * and "Remember this voice" in a result (named speakers only, the consent dialog asked once); a
 * voice recognised in another recording, and "Check this match" when two saved voices fit one
 * speaker alike. axe-core on each new screen, light and dark.
 */

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memorySecretBox } from '../../src/core/voices/aes-box';
import { VOICE_LIBRARY_FILE, VoiceLibrary } from '../../src/core/voices/library';
import { axeProblems } from './axe';
import { chromiumMissingReason, openSession, screenshot, type Session } from './harness';

const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(missing);

/** The focused element's accessible words (its aria-label, else its text). */
const focused = (page: Page) =>
  page.evaluate(
    `(() => { const el = document.activeElement; return el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : ''; })()`,
  );

/**
 * The two recordings against a simulator in listen mode: it tells voices apart by their sound, so
 * a right name can be told from a wrong one (test/simulator/fixture-voices.ts says who speaks when).
 */
const openListening = () =>
  openSession(['conversation.wav', 'voices-meeting.wav'], {
    listen: true,
    timing: { createdMs: 50, pendingMs: 300, runningMs: 600, runningMsPerAudioSecond: 5 },
  });

async function saveKey(s: Session): Promise<void> {
  await s.page.getByLabel('pyannoteAI API key').fill(s.sim.apiKey);
  await s.page.getByRole('button', { name: 'Save key' }).click();
  await s.page.getByRole('button', { name: 'Add recordings…' }).waitFor();
}

describe.skipIf(missing !== undefined)('the Voices page and the option, with voices saved', () => {
  let s: Session;
  // The test holds the library's key, so it can put voices there before the preview starts.
  const key = randomBytes(32);
  beforeAll(async () => {
    s = await openSession(
      ['conversation.wav'],
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
          for (const [name, speaker] of [
            ['Anna', 'SPEAKER_00'],
            ['Ben', 'SPEAKER_01'],
            ['Carla', 'SPEAKER_02'],
          ] as const) {
            await library.add({
              name,
              fromRecording: 'meeting.wav',
              fromSpeaker: speaker,
              clipSeconds: 20,
              model: 'precision-2',
              voiceprint: randomBytes(64).toString('base64'),
            });
          }
        },
      },
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('offers the voices in the batch options, and refuses them with transcription', async () => {
    const { page } = s;
    await saveKey(s);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    const recognise = page.getByLabel('Recognise known voices');
    await expect(recognise.isEnabled()).resolves.toBe(true);
    await expect(recognise.isChecked()).resolves.toBe(false);
    await recognise.check();
    const voices = page.getByRole('group', { name: 'Voices to look for' });
    await expect(voices.getByRole('checkbox').count()).resolves.toBe(3);
    for (const name of ['Anna', 'Ben', 'Carla'])
      await expect(voices.getByLabel(name).isChecked()).resolves.toBe(true);
    await page.getByText('3 of 3 chosen (at most 50)').waitFor();
    await voices.getByLabel('Ben').uncheck();
    await page.getByText('2 of 3 chosen (at most 50)').waitFor();
    const sure = page.getByLabel('Name a speaker when the match is');
    await expect(sure.inputValue()).resolves.toBe('balanced');
    await sure.selectOption({ label: 'very sure' });
    await expect(sure.inputValue()).resolves.toBe('strict');
    expect(await axeProblems(page, 'recognition-option')).toEqual([]);

    // With transcription: said next to the option, and Start does not start.
    await page.getByLabel('Transcription', { exact: true }).check();
    const conflict = page.getByText(
      'Recognising known voices cannot be combined with transcription. Turn one of them off.',
    );
    await conflict.waitFor();
    await expect(page.getByRole('button', { name: 'Start' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'voices-option-conflict');
    await page.getByLabel('Transcription', { exact: true }).uncheck();
    await expect(conflict.count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Start' }).isEnabled()).resolves.toBe(true);
    // Community-1 cannot recognise: choosing it turns the option off.
    await page.getByLabel('Community-1').check();
    await expect(recognise.isChecked()).resolves.toBe(false);
    await page.getByLabel('Precision-2').check();
    await recognise.check();

    // Started, the job’s row says how many voices it looks for (Ben was left out).
    await page.getByRole('button', { name: 'Start' }).click();
    const row = page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: 'conversation.wav' });
    await row.getByText(/ · Known voices: 2$/).waitFor();

    // The defaults in Settings: recognition with two of the three voices.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Recognise known voices').check();
    await settings.getByRole('group', { name: 'Voices to look for' }).getByLabel('Carla').uncheck();
    await settings.getByText('Saved.', { exact: true }).waitFor();
    expect(await axeProblems(page, 'settings-recognition')).toEqual([]);
    await screenshot(page, 'voices-settings-defaults');
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => settings.count()).toBe(0);
  });

  it('lists, renames and deletes voices, keeps the changes, and deletes them all', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Voices' }).click();
    const dialog = page.getByRole('dialog', { name: 'Known voices' });
    const list = dialog.getByRole('list', { name: 'Remembered voices' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    await expect(list.getByRole('listitem').first().textContent()).resolves.toMatch(
      /^AnnaFrom meeting\.wav, Speaker 1 · remembered .+/,
    );
    await screenshot(page, 'voices-page');
    expect(await axeProblems(page, 'voices-page')).toEqual([]);

    // Rename in place: Escape leaves the field (not the page), Enter saves.
    await dialog.getByRole('button', { name: 'Rename Anna' }).click();
    const field = dialog.getByLabel('New name for Anna');
    await expect(focused(page)).resolves.toBe('');
    await field.fill('Anna Schmidt');
    await field.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(list.getByText('Anna', { exact: true }).count()).resolves.toBe(1);
    await dialog.getByRole('button', { name: 'Rename Anna' }).click();
    await field.fill('   ');
    await field.press('Enter');
    await dialog.getByText('Enter a name.').waitFor();
    await field.fill('Anna Schmidt');
    await field.press('Enter');
    await dialog.getByText('Renamed to Anna Schmidt.').waitFor();
    await expect.poll(() => focused(page)).toBe('Rename Anna Schmidt');

    // Delete one: asked first, on Cancel; focus then goes to the next voice.
    await dialog.getByRole('button', { name: 'Delete the voice Ben' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the voice of Ben?' });
    await confirm.waitFor();
    await expect.poll(() => focused(page)).toBe('Cancel');
    expect(await axeProblems(page, 'voices-delete')).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(list.getByRole('listitem').count()).resolves.toBe(3);
    await dialog.getByRole('button', { name: 'Delete the voice Ben' }).click();
    await confirm.getByRole('button', { name: 'Delete the voice' }).click();
    await dialog.getByText('The voice of Ben was deleted.').waitFor();
    await expect(list.getByRole('listitem').count()).resolves.toBe(2);
    await expect.poll(() => focused(page)).toBe('Rename Carla');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The defaults chose Anna and Ben: Ben is gone, so a new batch looks for Anna only.
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await expect(page.getByLabel('Recognise known voices').isChecked()).resolves.toBe(true);
    const voices = page.getByRole('group', { name: 'Voices to look for' });
    await expect(voices.getByRole('checkbox').count()).resolves.toBe(2);
    await expect(voices.getByLabel('Anna Schmidt').isChecked()).resolves.toBe(true);
    await expect(voices.getByLabel('Carla').isChecked()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Kept on disk (encrypted), as a restart shows.
    await s.restart();
    await page.getByRole('button', { name: 'Voices' }).click();
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/^Anna Schmidt/), expect.stringMatching(/^Carla/)]);

    // Delete all: asked first, then the empty page says how to remember one.
    await dialog.getByRole('button', { name: 'Delete all voices' }).click();
    const all = page.getByRole('dialog', { name: 'Delete all 2 voices?' });
    await all.waitFor();
    await expect.poll(() => focused(page)).toBe('Cancel');
    await all.getByRole('button', { name: 'Delete all voices' }).click();
    await dialog.getByText('2 voices were deleted.').waitFor();
    await dialog.getByText('No voices are remembered yet.').waitFor();
    await dialog
      .getByText(
        'To remember a voice, open a result, give the speaker a name and choose “Remember this voice”.',
      )
      .waitFor();
    await expect.poll(() => focused(page)).toBe('Known voices');
    expect(await axeProblems(page, 'voices-empty')).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // No voices: the option cannot be chosen, and says how to remember one.
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await expect(page.getByLabel('Recognise known voices').isDisabled()).resolves.toBe(true);
    await page
      .getByText(
        'No voice is remembered yet. To remember one, open a result, give the speaker a name and choose “Remember this voice”.',
      )
      .waitFor();
  });
});

describe.skipIf(missing !== undefined)('Remember this voice in a result', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(['conversation.wav']);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('needs a name, and asks for agreement first with Cancel focused', async () => {
    const { page } = s;
    await saveKey(s);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const open = page.getByRole('button', { name: 'Open result conversation.wav' });
    await open.waitFor({ timeout: 30_000 });
    await open.click();

    const remember = page.getByRole('button', { name: 'Remember this voice: Speaker 1' });
    await expect(remember.isDisabled()).resolves.toBe(true);
    await page.getByText('Name the speaker first').first().waitFor();
    const name = page.getByLabel('Name for Speaker 1');
    await name.fill('Ada');
    await name.press('Enter');
    const rememberAda = page.getByRole('button', { name: 'Remember this voice: Ada' });
    await expect.poll(() => rememberAda.isEnabled()).toBe(true);

    // The first time: what is stored, a box to tick, Cancel first.
    await rememberAda.click();
    const consent = page.getByRole('dialog', { name: 'Before you remember a voice' });
    await consent.waitFor();
    await consent
      .getByText(/^A voiceprint is a numeric description of how someone’s voice/)
      .waitFor();
    await expect.poll(() => focused(page)).toBe('Cancel');
    const go = consent.getByRole('button', { name: 'Remember the voice' });
    await expect(go.isDisabled()).resolves.toBe(true);
    expect(await axeProblems(page, 'voices-consent')).toEqual([]);
    await screenshot(page, 'voices-consent');
    await consent.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => consent.count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Remember this voice: Ada');

    await rememberAda.click();
    await consent.getByLabel('The people whose voices I save have agreed to it').check();
    await go.click();
    await expect.poll(() => consent.count()).toBe(0);
    // Under way, then what happened: said where the button was.
    const outcome = page
      .getByText(/^The voice of Ada is remembered\.|^The voice was not remembered: /)
      .first();
    await outcome.waitFor({ timeout: 30_000 });
    await screenshot(page, 'voices-remember-outcome');
  });
});

describe.skipIf(missing !== undefined)('a computer that cannot keep voices', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(
      ['conversation.wav'],
      undefined,
      {},
      { services: { secretBox: undefined } },
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('says why on the Voices page, and in the option', async () => {
    const { page } = s;
    await saveKey(s);
    await page.getByRole('button', { name: 'Voices' }).click();
    const dialog = page.getByRole('dialog', { name: 'Known voices' });
    await dialog.getByText('Voices cannot be kept on this computer').waitFor();
    await screenshot(page, 'voices-no-storage');
    expect(await axeProblems(page, 'voices-no-storage')).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await expect(page.getByLabel('Recognise known voices').isDisabled()).resolves.toBe(true);
    await page.getByText('Voices cannot be kept on this computer (see the Voices page).').waitFor();
  });
});

describe.skipIf(missing !== undefined)(
  'a voice remembered in one recording and recognised in another',
  () => {
    let s: Session;
    beforeAll(async () => {
      s = await openListening();
    });
    afterAll(async () => {
      await s?.close();
    });

    it('remembers two voices of conversation.wav (one after a cancel) and names them in voices-meeting.wav', async () => {
      const { page } = s;
      await saveKey(s);
      await page.getByRole('button', { name: 'Add recordings…' }).click();
      await page.getByRole('button', { name: 'Start' }).click();
      await page
        .getByRole('button', { name: 'Open result voices-meeting.wav' })
        .waitFor({ timeout: 30_000 });
      const openFirst = page.getByRole('button', { name: 'Open result conversation.wav' });
      await openFirst.waitFor({ timeout: 30_000 });

      // conversation.wav: Speaker 1 is the British man; named, then remembered.
      await openFirst.click();
      const name = page.getByLabel('Name for Speaker 1');
      await name.fill('Arthur');
      await name.press('Enter');
      const remember = page.getByRole('button', { name: 'Remember this voice: Arthur' });
      await expect.poll(() => remember.isEnabled()).toBe(true);
      await remember.click();
      const consent = page.getByRole('dialog', { name: 'Before you remember a voice' });
      await consent.getByLabel('The people whose voices I save have agreed to it').check();
      await consent.getByRole('button', { name: 'Remember the voice' }).click();
      // Under way: its step and Cancel, with focus on Cancel (it may be over quickly).
      const done = page.getByText(/^The voice of Arthur is remembered\./);
      await Promise.race([
        page.getByRole('button', { name: 'Cancel remembering the voice of Arthur' }).waitFor(),
        done.waitFor(),
      ]);
      await done.waitFor({ timeout: 30_000 });
      await expect.poll(() => focused(page)).toMatch(/^The voice of Arthur is remembered\./);
      await expect(remember.count()).resolves.toBe(0);
      await screenshot(page, 'voices-remembered');
      expect(await axeProblems(page, 'voices-remembered')).toEqual([]);
      // One voiceprint job, from a clip of that speaker alone.
      expect(s.sim.jobs().filter((job) => job.kind === 'voiceprint')).toHaveLength(1);

      // Speaker 2 (the American woman): no second agreement; canceled once, then remembered.
      const second = page.getByLabel('Name for Speaker 2');
      await second.fill('Beatrice');
      await second.press('Enter');
      const rememberB = page.getByRole('button', { name: 'Remember this voice: Beatrice' });
      await expect.poll(() => rememberB.isEnabled()).toBe(true);
      await rememberB.click();
      await expect(consent.count()).resolves.toBe(0);
      await page.getByText('Making the voiceprint…').waitFor({ timeout: 15_000 });
      await expect.poll(() => focused(page)).toBe('Cancel remembering the voice of Beatrice');
      await page.getByRole('button', { name: 'Cancel remembering the voice of Beatrice' }).click();
      await page.getByText('Canceled: the voice was not remembered.').waitFor();
      await rememberB.click();
      await page.getByText(/^The voice of Beatrice is remembered\./).waitFor({ timeout: 30_000 });

      await page.getByRole('button', { name: 'Voices' }).click();
      const voices = page.getByRole('dialog', { name: 'Known voices' });
      await expect
        .poll(() => voices.getByRole('listitem').allTextContents())
        .toEqual([
          expect.stringMatching(/^ArthurFrom conversation\.wav, Speaker 1 · remembered /),
          expect.stringMatching(/^BeatriceFrom conversation\.wav, Speaker 2 · remembered /),
        ]);
      await voices.getByRole('button', { name: 'Close' }).click();

      // voices-meeting.wav, run again recognising known voices: Speaker 2 is Arthur, Speaker 4
      // Beatrice, and the newcomer (Speaker 3) and the Scottish man (Speaker 1) stay unnamed.
      await page.getByRole('button', { name: 'Back to jobs' }).click();
      await page.getByRole('button', { name: 'Open result voices-meeting.wav' }).click();
      await page
        .getByRole('button', { name: /^Try other settings for voices-meeting\.wav/ })
        .click();
      const rerun = page.getByRole('dialog', { name: 'Try other settings' });
      await rerun.getByLabel('Recognise known voices').check();
      await expect(
        rerun.getByRole('group', { name: 'Voices to look for' }).getByLabel('Arthur').isChecked(),
      ).resolves.toBe(true);
      await rerun.getByRole('button', { name: 'Start the new run' }).click();
      const runs = page.getByRole('region', { name: 'Runs: 2' });
      const openRun = runs.getByRole('button', { name: /^Open the run .*known voices: 2/ });
      await openRun.waitFor({ timeout: 30_000 });
      await openRun.click();
      await page
        .getByText(/^Recognised \(\d+%\)$/)
        .first()
        .waitFor({ timeout: 15_000 });
      await expect(page.getByLabel('Name for Speaker 2').inputValue()).resolves.toBe('Arthur');
      await expect(page.getByLabel('Name for Speaker 4').inputValue()).resolves.toBe('Beatrice');
      await expect(page.getByLabel('Name for Speaker 1').inputValue()).resolves.toBe('');
      await expect(page.getByLabel('Name for Speaker 3').inputValue()).resolves.toBe('');
      await expect(page.getByText(/^Recognised \(\d+%\)$/).count()).resolves.toBe(2);
      // Already a known voice: nothing to remember; the others can be once named.
      await expect(
        page.getByRole('button', { name: 'Remember this voice: Arthur' }).count(),
      ).resolves.toBe(0);
      await page
        .getByText(/^Recognised \(\d+%\)$/)
        .first()
        .scrollIntoViewIfNeeded();
      await screenshot(page, 'voices-recognised');
      expect(await axeProblems(page, 'voices-recognised')).toEqual([]);
    });
  },
);

describe.skipIf(missing !== undefined)('the same person saved twice: "Check this match"', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openListening();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Names a speaker of the open result and remembers the voice (agreeing the first time). */
  const rememberAs = async (speaker: number, name: string) => {
    const { page } = s;
    const field = page.getByLabel(`Name for Speaker ${speaker}`);
    await field.fill(name);
    await field.press('Enter');
    const remember = page.getByRole('button', { name: `Remember this voice: ${name}` });
    await expect.poll(() => remember.isEnabled()).toBe(true);
    await remember.click();
    const consent = page.getByRole('dialog', { name: 'Before you remember a voice' });
    if (await consent.isVisible().catch(() => false)) {
      await consent.getByLabel('The people whose voices I save have agreed to it').check();
      await consent.getByRole('button', { name: 'Remember the voice' }).click();
    }
    await page
      .getByText(new RegExp(`^The voice of ${name} is remembered\\.`))
      .waitFor({ timeout: 30_000 });
  };

  it('flags the match with the other voice it could be, in words, and passes axe', async () => {
    const { page } = s;
    await saveKey(s);
    await page.getByRole('button', { name: 'Add recordings…' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    const openMeeting = page.getByRole('button', { name: 'Open result voices-meeting.wav' });
    await openMeeting.waitFor({ timeout: 30_000 });
    const openFirst = page.getByRole('button', { name: 'Open result conversation.wav' });
    await openFirst.waitFor({ timeout: 30_000 });

    // The British man, remembered from each recording under two names.
    await openFirst.click();
    await rememberAs(1, 'Arthur');
    await page.getByRole('button', { name: 'Back to jobs' }).click();
    await openMeeting.click();
    await rememberAs(2, 'A. Pendleton');

    // Run again recognising both: the two voices score alike for him, so the match asks to be
    // checked and names the other candidate.
    await page.getByRole('button', { name: /^Try other settings for voices-meeting\.wav/ }).click();
    const rerun = page.getByRole('dialog', { name: 'Try other settings' });
    await rerun.getByLabel('Recognise known voices').check();
    await rerun.getByRole('button', { name: 'Start the new run' }).click();
    const runs = page.getByRole('region', { name: 'Runs: 2' });
    const openRun = runs.getByRole('button', { name: /^Open the run .*known voices: 2/ });
    await openRun.waitFor({ timeout: 30_000 });
    await openRun.click();
    await page.getByText('Check this match').first().waitFor({ timeout: 15_000 });
    const named = await page.getByLabel('Name for Speaker 2').inputValue();
    expect(['Arthur', 'A. Pendleton']).toContain(named);
    const other = named === 'Arthur' ? 'A. Pendleton' : 'Arthur';
    await page
      .getByText(new RegExp(`, but it could also be ${other.replace('.', '\\.')} \\(\\d+ ?%\\)`))
      .first()
      .waitFor();
    await page.getByText('Check this match').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'voices-check-this-match');
    expect(await axeProblems(page, 'voices-check-this-match')).toEqual([]);
  });
});
