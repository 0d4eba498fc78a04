import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportDialogOptions,
  folderDialogOptions,
  recordingsDialogOptions,
} from '../../../src/main/dialog-options';
import { appWords } from '../../../src/core/app/words';
import { resolveLanguage } from '../../../src/shared/i18n/languages';

const en = appWords('en');

describe('recordingsDialogOptions', () => {
  it('lets the person pick many files at once, not folders', () => {
    const options = recordingsDialogOptions(en, 'darwin');
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
  });

  it('shows audio and video first, and still offers every file', () => {
    const [first, , , last] = recordingsDialogOptions(en, 'win32').filters!;
    expect(first!.name).toBe('Audio and video');
    expect(first!.extensions).toEqual(
      expect.arrayContaining(['wav', 'mp3', 'm4a', 'flac', 'ogg', 'mp4', 'mov', 'webm']),
    );
    expect(first!.extensions.every((ext) => !ext.startsWith('.'))).toBe(true);
    expect(last).toEqual({ name: 'All files', extensions: ['*'] });
  });

  it('opens in the folder it is given, else where the system chooses', () => {
    expect(recordingsDialogOptions(en, 'darwin', '/home/ana/Calls').defaultPath).toBe(
      '/home/ana/Calls',
    );
    expect(recordingsDialogOptions(en, 'darwin')).not.toHaveProperty('defaultPath');
  });

  it('matches upper-case names on Linux, where GTK filters are case-sensitive', () => {
    expect(recordingsDialogOptions(en, 'linux').filters![0]!.extensions).toEqual(
      expect.arrayContaining(['wav', 'WAV', 'm4a', 'M4A']),
    );
    expect(recordingsDialogOptions(en, 'darwin').filters![0]!.extensions).not.toContain('WAV');
  });
});

describe('folderDialogOptions', () => {
  it('picks one folder', () => {
    expect(folderDialogOptions(en).properties).toEqual(['openDirectory']);
    expect(folderDialogOptions(en)).not.toHaveProperty('defaultPath');
    expect(folderDialogOptions(en, '/home/ana/Calls').defaultPath).toBe('/home/ana/Calls');
  });
});

describe('exportDialogOptions', () => {
  it('opens in the chosen export folder with the suggested name', () => {
    const options = exportDialogOptions(
      en,
      'meeting.srt',
      '/home/ana/Exports',
      '/home/ana/Documents',
    );
    expect(options.defaultPath).toBe(join('/home/ana/Exports', 'meeting.srt'));
    expect(options.filters![0]).toEqual({ name: 'SRT file', extensions: ['srt'] });
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('opens where the last export went when no export folder is set', () => {
    expect(
      exportDialogOptions(en, 'meeting.csv', '', '/home/ana/Documents', '/home/ana/Out')
        .defaultPath,
    ).toBe(join('/home/ana/Out', 'meeting.csv'));
    expect(
      exportDialogOptions(en, 'meeting.csv', '/home/ana/Exports', '/d', '/home/ana/Out')
        .defaultPath,
    ).toBe(join('/home/ana/Exports', 'meeting.csv'));
  });

  it('falls back to Documents before an export folder is set', () => {
    expect(exportDialogOptions(en, 'meeting.csv', '', '/home/ana/Documents').defaultPath).toBe(
      join('/home/ana/Documents', 'meeting.csv'),
    );
  });
});

describe('the dialogs in the person’s language', () => {
  const words = (
    t: ReturnType<typeof appWords>,
  ): { titles: string[]; buttons: string[]; filters: string[] } => {
    const open = [recordingsDialogOptions(t, 'linux'), folderDialogOptions(t)];
    const save = exportDialogOptions(t, 'meeting.srt', '', '/home/ana/Documents');
    return {
      titles: [...open.map((options) => options.title!), save.title!],
      buttons: open.map((options) => options.buttonLabel!),
      filters: [...open[0]!.filters!, ...save.filters!].map((filter) => filter.name),
    };
  };

  it('says everything in French, German or Spanish', () => {
    expect(words(appWords('fr'))).toEqual({
      titles: [
        'Ajouter des enregistrements',
        'Ajouter un dossier d’enregistrements',
        'Exporter le résultat',
      ],
      buttons: ['Ajouter', 'Ajouter le dossier'],
      filters: [
        'Audio et vidéo',
        'Audio',
        'Vidéo',
        'Tous les fichiers',
        'Fichier SRT',
        'Tous les fichiers',
      ],
    });
    expect(words(appWords('de'))).toEqual({
      titles: ['Aufnahmen hinzufügen', 'Ordner mit Aufnahmen hinzufügen', 'Ergebnis exportieren'],
      buttons: ['Hinzufügen', 'Ordner hinzufügen'],
      filters: ['Audio und Video', 'Audio', 'Video', 'Alle Dateien', 'SRT-Datei', 'Alle Dateien'],
    });
    expect(words(appWords('es'))).toEqual({
      titles: ['Añadir grabaciones', 'Añadir una carpeta de grabaciones', 'Exportar resultado'],
      buttons: ['Añadir', 'Añadir carpeta'],
      filters: [
        'Audio y vídeo',
        'Audio',
        'Vídeo',
        'Todos los archivos',
        'Archivo SRT',
        'Todos los archivos',
      ],
    });
  });

  it('says everything in English for "system" on an English computer', () => {
    expect(words(appWords(resolveLanguage('system', ['en-GB', 'fr-FR'])))).toEqual({
      titles: ['Add recordings', 'Add a folder of recordings', 'Export result'],
      buttons: ['Add', 'Add folder'],
      filters: ['Audio and video', 'Audio', 'Video', 'All files', 'SRT file', 'All files'],
    });
  });

  it('keeps what can be picked the same in every language', () => {
    const { filters, properties } = recordingsDialogOptions(appWords('fr'), 'linux');
    expect(filters!.map((filter) => filter.extensions)).toEqual(
      recordingsDialogOptions(en, 'linux').filters!.map((filter) => filter.extensions),
    );
    expect(properties).toEqual(['openFile', 'multiSelections']);
  });
});
