/** The file dialogs open where the person last ended, also after Diarist restarts. */

import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDialogFolders } from '../../../src/main/dialog-folders';
import { createElectronDialogs, type NativeDialogs } from '../../../src/main/dialogs';
import { appWords } from '../../../src/core/app/words';
import type { Language } from '../../../src/shared/i18n/languages';

/** The native dialogs: records what each was opened with and answers as the person would. */
function fakeNative() {
  const opened: { defaultPath?: string | undefined; title?: string | undefined }[] = [];
  const answers: ({ canceled: boolean; filePaths?: string[]; filePath?: string } | undefined)[] =
    [];
  const next = () => answers.shift() ?? { canceled: true };
  const native: NativeDialogs = {
    showOpen: async (options) => {
      opened.push(options);
      const answer = next();
      return { canceled: answer.canceled, filePaths: answer.filePaths ?? [] };
    },
    showSave: async (options) => {
      opened.push(options);
      const answer = next();
      return { canceled: answer.canceled, filePath: answer.filePath ?? '' };
    },
  };
  return { native, opened, answers };
}

let work: string;
let stateFile: string;
let calls: string;
let exports: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'diarist-dialogs-'));
  stateFile = join(work, 'data', 'dialog-folders.json');
  calls = join(work, 'Calls');
  exports = join(work, 'Exports');
  await mkdir(join(work, 'data'));
  await mkdir(join(calls, '2026-05'), { recursive: true });
  await mkdir(exports);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function dialogsOver(fake: ReturnType<typeof fakeNative>, language = () => 'en' as Language) {
  const folders = await openDialogFolders(stateFile);
  const dialogs = createElectronDialogs({
    native: fake.native,
    documentsDir: join(work, 'Documents'),
    folders,
    platform: 'linux',
    words: () => appWords(language()),
  });
  return { folders, dialogs };
}

describe('the recordings dialogs', () => {
  it('open where the last pick ended, for files and for a folder', async () => {
    const fake = fakeNative();
    const { dialogs } = await dialogsOver(fake);
    fake.answers.push({ canceled: false, filePaths: [join(calls, 'a.wav'), join(calls, 'b.wav')] });
    await dialogs.pickRecordings();
    expect(fake.opened[0]!.defaultPath).toBeUndefined();

    fake.answers.push({ canceled: false, filePaths: [join(calls, '2026-05')] });
    await dialogs.pickFolder();
    expect(fake.opened[1]!.defaultPath).toBe(calls);

    // A folder was picked inside Calls: the next dialog opens in Calls, to pick its sibling.
    await dialogs.pickRecordings();
    expect(fake.opened[2]!.defaultPath).toBe(calls);
  });

  it('remember nothing when the person cancels', async () => {
    const fake = fakeNative();
    const { dialogs } = await dialogsOver(fake);
    fake.answers.push({ canceled: false, filePaths: [join(calls, 'a.wav')] });
    await dialogs.pickRecordings();
    fake.answers.push({ canceled: true, filePaths: [join(exports, 'x.wav')] });
    await dialogs.pickRecordings();
    await dialogs.pickRecordings();
    expect(fake.opened.map((options) => options.defaultPath)).toEqual([undefined, calls, calls]);
  });

  it('open where the last pick ended after the dialogs are made again, and after a restart', async () => {
    const first = fakeNative();
    const { folders, dialogs } = await dialogsOver(first);
    first.answers.push({ canceled: false, filePaths: [join(calls, 'a.wav')] });
    await dialogs.pickRecordings();

    const again = fakeNative();
    await createElectronDialogs({
      native: again.native,
      documentsDir: join(work, 'Documents'),
      folders,
      platform: 'linux',
      words: () => appWords('en'),
    }).pickFolder();
    expect(again.opened[0]!.defaultPath).toBe(calls);

    const afterRestart = fakeNative();
    await (await dialogsOver(afterRestart)).dialogs.pickRecordings();
    expect(afterRestart.opened[0]!.defaultPath).toBe(calls);
    // Kept for the person only.
    expect((await stat(stateFile)).mode & 0o077).toBe(0);
  });

  it('open where the system chooses once the remembered folder is gone, or the file is damaged', async () => {
    const fake = fakeNative();
    const { dialogs } = await dialogsOver(fake);
    fake.answers.push({ canceled: false, filePaths: [join(calls, '2026-05', 'a.wav')] });
    await dialogs.pickRecordings();
    await rm(join(calls, '2026-05'), { recursive: true });
    await dialogs.pickRecordings();
    expect(fake.opened[1]!.defaultPath).toBeUndefined();

    await writeFile(stateFile, '{"recordings": 42');
    const afterDamage = fakeNative();
    await (await dialogsOver(afterDamage)).dialogs.pickRecordings();
    expect(afterDamage.opened[0]!.defaultPath).toBeUndefined();
  });
});

describe('the export dialog', () => {
  it('opens in the folder the last export was saved to, also after a restart', async () => {
    const fake = fakeNative();
    const { dialogs } = await dialogsOver(fake);
    fake.answers.push({ canceled: false, filePath: join(exports, 'meeting.srt') });
    await dialogs.pickExportPath('meeting.srt', '');
    expect(fake.opened[0]!.defaultPath).toBe(join(work, 'Documents', 'meeting.srt'));
    await dialogs.pickExportPath('call.csv', '');
    expect(fake.opened[1]!.defaultPath).toBe(join(exports, 'call.csv'));

    const afterRestart = fakeNative();
    await (await dialogsOver(afterRestart)).dialogs.pickExportPath('call.txt', '');
    expect(afterRestart.opened[0]!.defaultPath).toBe(join(exports, 'call.txt'));
  });

  it('keeps recordings and exports apart, and an export folder set in settings wins', async () => {
    const fake = fakeNative();
    const { dialogs } = await dialogsOver(fake);
    fake.answers.push({ canceled: false, filePath: join(exports, 'meeting.srt') });
    await dialogs.pickExportPath('meeting.srt', '');
    await dialogs.pickRecordings();
    expect(fake.opened[1]!.defaultPath).toBeUndefined();
    await dialogs.pickExportPath('call.csv', calls);
    expect(fake.opened[2]!.defaultPath).toBe(join(calls, 'call.csv'));
  });
});

describe('the export folder dialog (Settings)', () => {
  it('opens at the folder set, else where the last export went, and answers the folder picked', async () => {
    const fake = fakeNative();
    const { dialogs } = await dialogsOver(fake);
    fake.answers.push({ canceled: false, filePath: join(exports, 'meeting.srt') });
    await dialogs.pickExportPath('meeting.srt', '');
    fake.answers.push({ canceled: false, filePaths: [calls] });
    expect(await dialogs.pickExportFolder('')).toBe(calls);
    expect(fake.opened[1]).toMatchObject({
      defaultPath: exports,
      title: 'Choose the export folder',
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(await dialogs.pickExportFolder(calls)).toBeUndefined();
    expect(fake.opened[2]!.defaultPath).toBe(calls);
  });
});

describe('the dialogs’ language', () => {
  it('is the one set when each dialog opens, so a change applies to the next', async () => {
    const fake = fakeNative();
    let language: Language = 'en';
    const { dialogs } = await dialogsOver(fake, () => language);
    await dialogs.pickRecordings();
    language = 'fr';
    await dialogs.pickRecordings();
    await dialogs.pickFolder();
    language = 'es';
    await dialogs.pickExportPath('meeting.srt', '');
    expect(fake.opened.map((options) => options.title)).toEqual([
      'Add recordings',
      'Ajouter des enregistrements',
      'Ajouter un dossier d’enregistrements',
      'Exportar resultado',
    ]);
  });
});
