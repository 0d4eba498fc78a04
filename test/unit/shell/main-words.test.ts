/** Main's update notification and start-failure box in the person's language. */

import { describe, expect, it } from 'vitest';
import { appWords } from '../../../src/core/app/words';
import { DiaristError } from '../../../src/core/errors';
import { resolveLanguage } from '../../../src/shared/i18n/languages';
import { startFailure, updateNotification } from '../../../src/main/words';

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

  it('keeps the core’s words for other errors of the core', () => {
    const full = new DiaristError('disk-full', 'The disk is full.');
    expect(startFailure(appWords('fr'), full).message).toBe('The disk is full.');
  });
});
