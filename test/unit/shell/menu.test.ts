import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../src/shared/ipc-contract';
import { HELP_LINKS, menuTemplate, type MenuOptions } from '../../../src/main/menu';
import { allowedExternalUrl } from '../../../src/main/navigation';
import { appWords } from '../../../src/core/app/words';
import { resolveLanguage, type Language } from '../../../src/shared/i18n/languages';

function build(overrides: Partial<MenuOptions> = {}) {
  const commands: MenuCommand[] = [];
  const links: string[] = [];
  const template = menuTemplate({
    appName: 'Diarist',
    platform: 'linux',
    isDevelopment: false,
    t: appWords('en'),
    command: (c) => commands.push(c),
    openLink: (url) => links.push(url),
    ...overrides,
  });
  return { template, commands, links };
}

type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number];

const submenu = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu ?? []) as MenuItemConstructorOptions[];
const byLabel = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((item) => item.label === label || item.role === label);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.();

describe('menuTemplate', () => {
  it('has the usual menus, with the app menu first on macOS only', () => {
    expect(build().template.map((m) => m.label ?? m.role)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
    expect(build({ platform: 'darwin' }).template[0]!.label).toBe('Diarist');
  });

  it('tells the page to add recordings or a folder from the File menu', () => {
    const { template, commands } = build();
    const file = submenu(byLabel(template, 'File'));
    click(file.find((i) => i.label === 'Add Recordings…'));
    click(file.find((i) => i.label === 'Add Folder…'));
    expect(commands).toEqual(['add-recordings', 'add-folder']);
    expect(file.find((i) => i.label === 'Add Recordings…')?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('opens settings from the app menu on macOS and the File menu elsewhere', () => {
    const mac = build({ platform: 'darwin' });
    click(submenu(mac.template[0]).find((i) => i.label === 'Settings…'));
    expect(mac.commands).toEqual(['settings']);

    const linux = build();
    click(submenu(byLabel(linux.template, 'File')).find((i) => i.label === 'Settings'));
    expect(linux.commands).toEqual(['settings']);
  });

  it('offers reload and developer tools only while developing', () => {
    const roles = (isDevelopment: boolean) =>
      submenu(byLabel(build({ isDevelopment }).template, 'View')).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(
      expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']),
    );
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('uses the standard roles for editing, so copy and paste work in text fields', () => {
    const roles = submenu(byLabel(build().template, 'Edit')).map((i) => i.role);
    expect(roles).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
  });

  it('opens pyannoteAI pages from Help, all of them on the external allow-list', () => {
    const { template, links } = build();
    for (const item of submenu(byLabel(template, 'help'))) click(item);
    expect(links).toEqual([HELP_LINKS.docs, HELP_LINKS.dashboard, HELP_LINKS.status]);
    for (const url of links) expect(allowedExternalUrl(url)).toBe(url);
  });
});

/** Every item, submenus included, as "label" or "(role) label" for role items. */
function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.type === 'separator'
      ? []
      : [item.role ? `(${item.role}) ${item.label}` : item.label!]),
    ...labels(submenu(item)),
  ]);
}
const menuIn = (language: Language, overrides: Partial<MenuOptions> = {}) =>
  build({ t: appWords(language), ...overrides }).template;

describe('the menu in the person’s language', () => {
  it('is in French, German or Spanish, the standard items too', () => {
    expect(menuIn('fr').map((m) => m.label)).toEqual([
      'Fichier',
      'Édition',
      'Affichage',
      'Fenêtre',
      'Aide',
    ]);
    expect(labels(submenu(menuIn('fr')[0]))).toEqual([
      'Ajouter des enregistrements…',
      'Ajouter un dossier…',
      'Réglages',
      '(quit) Quitter',
    ]);
    expect(labels(menuIn('de'))).toEqual(
      expect.arrayContaining([
        'Datei',
        'Aufnahmen hinzufügen…',
        '(copy) Kopieren',
        '(paste) Einfügen',
        'pyannoteAI-Dokumentation',
      ]),
    );
    expect(labels(menuIn('es', { platform: 'darwin' }))).toEqual(
      expect.arrayContaining([
        'Diarist',
        '(about) Acerca de Diarist',
        'Ajustes…',
        '(hide) Ocultar Diarist',
        '(quit) Salir de Diarist',
        '(close) Cerrar ventana',
        '(selectAll) Seleccionar todo',
        '(front) Traer todo al frente',
      ]),
    );
  });

  it('labels every item, so none falls back to Electron’s English', () => {
    for (const language of ['fr', 'de', 'es'] as const) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const theirs = labels(menuIn(language, { platform, isDevelopment: true }));
        const english = labels(menuIn('en', { platform, isDevelopment: true }));
        expect(theirs.every((label) => !/undefined|menu\./.test(label))).toBe(true);
        // The same items; only a few words are the same in both (Services, Zoom, the app's name).
        expect(theirs).toHaveLength(english.length);
        const same = theirs.filter((label, index) => label === english[index]);
        expect(same.length, `${language} ${platform}: ${same.join(', ')}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('is in English for "system" on an English computer, with Electron’s own English words', () => {
    const english = (platform: NodeJS.Platform) =>
      labels(
        build({
          platform,
          isDevelopment: true,
          t: appWords(resolveLanguage('system', ['en-US'])),
        }).template,
      );
    expect(english('darwin')).toEqual([
      'Diarist',
      '(about) About Diarist',
      'Settings…',
      '(services) Services',
      '(hide) Hide Diarist',
      '(hideOthers) Hide Others',
      '(unhide) Show All',
      '(quit) Quit Diarist',
      'File',
      'Add Recordings…',
      'Add Folder…',
      '(close) Close Window',
      'Edit',
      '(undo) Undo',
      '(redo) Redo',
      '(cut) Cut',
      '(copy) Copy',
      '(paste) Paste',
      '(pasteAndMatchStyle) Paste and Match Style',
      '(delete) Delete',
      '(selectAll) Select All',
      'View',
      '(reload) Reload',
      '(forceReload) Force Reload',
      '(toggleDevTools) Toggle Developer Tools',
      '(resetZoom) Actual Size',
      '(zoomIn) Zoom In',
      '(zoomOut) Zoom Out',
      '(togglefullscreen) Toggle Full Screen',
      'Window',
      '(minimize) Minimize',
      '(zoom) Zoom',
      '(front) Bring All to Front',
      '(help) Help',
      'pyannoteAI Documentation',
      'pyannoteAI Dashboard',
      'pyannoteAI Service Status',
    ]);
    expect(english('win32')).toEqual(expect.arrayContaining(['(quit) Exit', '(close) Close']));
    expect(english('linux')).toEqual(expect.arrayContaining(['(quit) Quit', 'Settings']));
  });

  it('keeps its commands and shortcuts in every language', () => {
    const { template, commands } = build({ t: appWords('de') });
    for (const item of submenu(template[0])) click(item);
    expect(commands).toEqual(['add-recordings', 'add-folder', 'settings']);
    expect(submenu(template[0])[0]!.accelerator).toBe('CmdOrCtrl+O');
  });
});
