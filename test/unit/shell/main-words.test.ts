/** Main's update notification and start-failure box in the person's language. */

import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appWords } from '../../../src/core/app/words';
import { DiaristError } from '../../../src/core/errors';
import { resolveLanguage } from '../../../src/shared/i18n/languages';
import { startFailure, startFailureCause, updateNotification } from '../../../src/main/words';
import { writeError } from '../../../src/core/storage/files';
import { lockDataDir } from '../../../src/core/storage/data-lock';
import { openWithRecovery } from '../../../src/main/settings-recovery';
import { RESOURCES } from '../../../src/shared/i18n/resources';
import type { Language } from '../../../src/shared/i18n/languages';

/** A catalogue's text, read from the file itself ("startFailed.title"). */
function said(language: Language, namespace: 'app' | 'errors', path: string): string {
  let node: unknown = RESOURCES[language]?.[namespace];
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no ${language}:${namespace}:${path}`);
  return node;
}

const english = appWords(resolveLanguage('system', ['en-US']));

describe('the update notification', () => {
  it('names the version, in English on an English computer', () => {
    expect(updateNotification(english, '1.4.0')).toEqual({
      title: 'Diarist 1.4.0 is available',
      body: 'Open Diarist to see where to get it.',
    });
  });

  it('is in French, German or Spanish', () => {
    expect(updateNotification(appWords('fr'), '1.4.0')).toEqual({
      title: 'Diarist 1.4.0 est disponible',
      body: 'Ouvrez Diarist pour savoir où l’obtenir.',
    });
    expect(updateNotification(appWords('de'), '1.4.0').title).toBe('Diarist 1.4.0 ist verfügbar');
    expect(updateNotification(appWords('es'), '1.4.0').body).toBe(
      'Abra Diarist para ver dónde conseguirlo.',
    );
  });
});

describe('the box when Diarist cannot start', () => {
  const held = new DiaristError(
    'already-running',
    'Diarist is already working with this data folder (another window or command). Close it first, or use a different data folder.',
  );

  it('says the same English words as the core, or the general ones for anything else', () => {
    expect(startFailure(english, held)).toEqual({
      title: 'Diarist could not start',
      message: held.message,
    });
    expect(startFailure(english, new Error('EBADF'))).toEqual({
      title: 'Diarist could not start',
      message:
        'Something unexpected stopped Diarist from starting. Try again; if it keeps happening, restart the computer.',
    });
  });

  it('is in French, German or Spanish, also when another Diarist holds the data folder', () => {
    expect(startFailure(appWords('fr'), held)).toEqual({
      title: 'Diarist n’a pas pu démarrer',
      message:
        'Diarist travaille déjà avec ce dossier de données (dans une autre fenêtre ou une commande). Fermez-la d’abord, ou utilisez un autre dossier de données.',
    });
    expect(startFailure(appWords('de'), new Error('x')).title).toBe('Diarist konnte nicht starten');
    expect(startFailure(appWords('es'), new Error('x')).message).toMatch(/^Un problema inesperado/);
  });

  it('says a core error without a key in the core’s words, and one with a key in the language', () => {
    const plain = new DiaristError('bad-response', 'Something odd.');
    expect(startFailure(appWords('fr'), plain).message).toBe('Something odd.');
    const keyed = new DiaristError('canceled', 'Diarist is closing.', {
      key: 'other.shuttingDown',
    });
    expect(startFailure(english, keyed).message).toBe(said('en', 'errors', 'other.shuttingDown'));
    expect(startFailure(appWords('de'), keyed).message).toBe(
      said('de', 'errors', 'other.shuttingDown'),
    );
  });
});

describe('the box when the data folder cannot be used', () => {
  const folder = '/home/ada/.config/Diarist';
  const failedWrite = (code: string) =>
    writeError(join(folder, 'diarist.lock'), Object.assign(new Error(code), { code }));
  const raw = (code: string) => Object.assign(new Error(`${code}: settings.json`), { code });

  it('tells a full disk, a read-only folder, one the person may not write and any other', () => {
    expect(startFailureCause(failedWrite('ENOSPC'))).toBe('diskFull');
    expect(startFailureCause(failedWrite('EDQUOT'))).toBe('diskFull');
    expect(startFailureCause(failedWrite('EROFS'))).toBe('readOnly');
    expect(startFailureCause(failedWrite('EACCES'))).toBe('notAllowed');
    expect(startFailureCause(failedWrite('EPERM'))).toBe('notAllowed');
    expect(startFailureCause(failedWrite('ENOTDIR'))).toBe('dataFolder');
    expect(startFailureCause(failedWrite('EWHATEVER'))).toBe('dataFolder');
    // The settings file is read and written by electron-store: its raw errors.
    expect(startFailureCause(raw('EACCES'))).toBe('notAllowed');
    expect(startFailureCause(raw('EROFS'))).toBe('readOnly');
    expect(startFailureCause(raw('ENOSPC'))).toBe('diskFull');
    expect(startFailureCause(raw('EISDIR'))).toBe('dataFolder');
    expect(startFailureCause(raw('ECONNRESET'))).toBe('unexpected');
    expect(startFailureCause(new Error('x'))).toBe('unexpected');
  });

  it('finds the cause in what the data lock really throws', async () => {
    const base = await mkdtemp(join(tmpdir(), 'diarist-start-'));
    try {
      // A file where the data folder should be: nothing can be made inside it.
      await writeFile(join(base, 'Diarist'), 'not a folder');
      const error = await lockDataDir(join(base, 'Diarist', 'inner')).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(startFailureCause(error)).toBe('dataFolder');
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('finds the cause in what opening the settings really throws', async () => {
    const base = await mkdtemp(join(tmpdir(), 'diarist-start-'));
    try {
      // A folder where the settings file should be: it cannot be read, nor set aside as damaged.
      const file = join(base, 'settings.json');
      await mkdir(file);
      let thrown: unknown;
      try {
        openWithRecovery({ file, open: () => readFileSync(file, 'utf8') });
      } catch (error) {
        thrown = error;
      }
      expect((thrown as { code?: string }).code).toBe('EISDIR');
      expect(startFailureCause(thrown)).toBe('dataFolder');
      expect(startFailure(appWords('de'), thrown, base).message).toMatch(
        /^Diarist kann nicht starten: Der Datenordner ist nicht verwendbar\./,
      );
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('says what to do and which folder, in English', () => {
    expect(startFailure(english, failedWrite('ENOSPC'), folder)).toEqual({
      title: 'Diarist could not start',
      message: `The disk that holds Diarist’s data is full, so Diarist cannot start. Free some space on it, then open Diarist again.\n\nData folder: ${folder}`,
    });
    expect(startFailure(english, raw('EACCES'), folder).message).toMatch(
      /^Diarist cannot start: you may not write to its data folder\./,
    );
    // Without the folder (it could not be asked for), the sentence alone.
    expect(startFailure(english, failedWrite('EROFS')).message).toBe(
      said('en', 'app', 'startFailed.readOnly'),
    );
  });

  it('is in French, German or Spanish, with the folder as it is', () => {
    for (const language of ['fr', 'de', 'es'] as const) {
      for (const code of ['ENOSPC', 'EROFS', 'EACCES', 'ENOTDIR']) {
        const { title, message } = startFailure(appWords(language), failedWrite(code), folder);
        const cause = startFailureCause(failedWrite(code));
        expect(title).toBe(said(language, 'app', 'startFailed.title'));
        expect(message.startsWith(said(language, 'app', `startFailed.${cause}`))).toBe(true);
        expect(message).not.toBe(startFailure(english, failedWrite(code), folder).message);
        expect(message.endsWith(folder)).toBe(true);
        expect(message).not.toMatch(/\{\{/);
      }
    }
    expect(startFailure(appWords('fr'), failedWrite('ENOSPC'), folder).message).toBe(
      `Le disque qui contient les données de Diarist est plein : Diarist ne peut pas démarrer. Libérez de l’espace sur ce disque, puis rouvrez Diarist.\n\nDossier de données : ${folder}`,
    );
  });

  it('does not name the folder when another Diarist holds it', () => {
    const held = new DiaristError('already-running', 'held', { key: 'save.alreadyRunning' });
    expect(startFailure(appWords('es'), held, folder).message).toBe(
      said('es', 'app', 'startFailed.alreadyRunning'),
    );
  });
});
