/** The batch-finished notification in each language, from the counts the core reports. */

import { describe, expect, it } from 'vitest';
import { appWords, batchFinishedNotification } from '../../../src/core/app/words';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the batch-finished notification', () => {
  it('keeps the English words the app always had', () => {
    expect(batchFinishedNotification({ succeeded: 3, failed: 0, canceled: 0 }, 'en')).toEqual({
      title: 'Diarist: recordings finished',
      body: '3 of 3 done',
    });
    expect(batchFinishedNotification({ succeeded: 1, failed: 1, canceled: 1 }, 'en').body).toBe(
      '1 of 3 done, 1 failed',
    );
  });

  it('is in French, German or Spanish, singular and plural', () => {
    const body = (language: 'fr' | 'de' | 'es', succeeded: number, failed: number) =>
      batchFinishedNotification({ succeeded, failed, canceled: 0 }, language).body;
    expect(batchFinishedNotification({ succeeded: 1, failed: 0, canceled: 0 }, 'fr').title).toBe(
      'Diarist : enregistrements terminés',
    );
    expect(body('fr', 1, 0)).toBe('1 sur 1 terminé');
    expect(body('fr', 2, 1)).toBe('2 sur 3 terminés, 1 en échec');
    expect(batchFinishedNotification({ succeeded: 1, failed: 0, canceled: 0 }, 'de').title).toBe(
      'Diarist: Aufnahmen fertig',
    );
    expect(body('de', 2, 1)).toBe('2 von 3 fertig, 1 fehlgeschlagen');
    expect(batchFinishedNotification({ succeeded: 1, failed: 0, canceled: 0 }, 'es').title).toBe(
      'Diarist: grabaciones terminadas',
    );
    expect(body('es', 1, 2)).toBe('1 de 3 terminada, 2 fallidas');
    expect(body('es', 3, 1)).toBe('3 de 4 terminadas, 1 fallida');
  });

  it('writes large counts as the language does', () => {
    expect(
      nbsp(batchFinishedNotification({ succeeded: 1200, failed: 0, canceled: 0 }, 'fr').body),
    ).toBe('1 200 sur 1 200 terminés');
    expect(batchFinishedNotification({ succeeded: 1200, failed: 0, canceled: 0 }, 'de').body).toBe(
      '1.200 von 1.200 fertig',
    );
  });
});

describe('appWords', () => {
  it('answers in the language it was asked for, each time', () => {
    expect(appWords('fr')('menu.file.title')).toBe('Fichier');
    expect(appWords('de')('menu.file.title')).toBe('Datei');
    expect(appWords('en')('menu.file.title')).toBe('File');
    expect(appWords('es')('notifications.update.title', { version: '1.4.0' })).toBe(
      'Diarist 1.4.0 está disponible',
    );
  });
});
