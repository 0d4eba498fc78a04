/**
 * The native menu: the usual items per platform, plus "Add recordings…", "Add folder…" and
 * "Settings…", which tell the page (it owns what follows, such as choosing options). Every label
 * comes from the `app` catalogue in the language given, the standard items' too (Electron would
 * label them in English); main builds the menu again when the person changes the language.
 */

import type { MenuItemConstructorOptions } from 'electron';
import type { Words } from '../core/app/words';
import { PYANNOTE_LINKS, type MenuCommand } from '../shared/ipc-contract';

/** The Help menu opens the same allow-listed pages as the page's links. */
export const HELP_LINKS = PYANNOTE_LINKS;

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Reload and developer tools only while developing: a reload would drop the page's state. */
  isDevelopment: boolean;
  /** The words, in the person's language (appWords). */
  t: Words;
  command(command: MenuCommand): void;
  openLink(url: string): void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { t, appName } = options;
  const isMac = options.platform === 'darwin';
  const isWindows = options.platform === 'win32';
  const settings: MenuItemConstructorOptions = {
    label: isMac ? t('menu.app.settings') : t('menu.file.settings'),
    accelerator: 'CmdOrCtrl+,',
    click: () => options.command('settings'),
  };
  // Outside macOS, Electron calls its quit item "Exit" on Windows and "Quit" elsewhere.
  const quit: MenuItemConstructorOptions = {
    role: 'quit',
    label: isMac
      ? t('menu.app.quit', { appName })
      : isWindows
        ? t('menu.file.exit')
        : t('menu.file.quit'),
  };
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about', label: t('menu.app.about', { appName }) },
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { role: 'services', label: t('menu.app.services') },
      { type: 'separator' },
      { role: 'hide', label: t('menu.app.hide', { appName }) },
      { role: 'hideOthers', label: t('menu.app.hideOthers') },
      { role: 'unhide', label: t('menu.app.unhide') },
      { type: 'separator' },
      quit,
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: t('menu.file.title'),
    submenu: [
      {
        label: t('menu.file.addRecordings'),
        accelerator: 'CmdOrCtrl+O',
        click: () => options.command('add-recordings'),
      },
      {
        label: t('menu.file.addFolder'),
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => options.command('add-folder'),
      },
      { type: 'separator' },
      ...(isMac
        ? [{ role: 'close', label: t('menu.file.closeWindow') } as const]
        : [settings, { type: 'separator' } as const, quit]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit.title'),
    submenu: [
      { role: 'undo', label: t('menu.edit.undo') },
      { role: 'redo', label: t('menu.edit.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu.edit.cut') },
      { role: 'copy', label: t('menu.edit.copy') },
      { role: 'paste', label: t('menu.edit.paste') },
      ...(isMac
        ? [{ role: 'pasteAndMatchStyle', label: t('menu.edit.pasteAndMatchStyle') } as const]
        : []),
      { role: 'delete', label: t('menu.edit.delete') },
      { role: 'selectAll', label: t('menu.edit.selectAll') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: t('menu.view.title'),
    submenu: [
      ...(options.isDevelopment
        ? ([
            { role: 'reload', label: t('menu.view.reload') },
            { role: 'forceReload', label: t('menu.view.forceReload') },
            { role: 'toggleDevTools', label: t('menu.view.toggleDevTools') },
            { type: 'separator' },
          ] as const)
        : []),
      { role: 'resetZoom', label: t('menu.view.resetZoom') },
      { role: 'zoomIn', label: t('menu.view.zoomIn') },
      { role: 'zoomOut', label: t('menu.view.zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('menu.view.toggleFullScreen') },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: t('menu.window.title'),
    submenu: isMac
      ? [
          { role: 'minimize', label: t('menu.window.minimize') },
          { role: 'zoom', label: t('menu.window.zoom') },
          { type: 'separator' },
          { role: 'front', label: t('menu.window.front') },
        ]
      : [
          { role: 'minimize', label: t('menu.window.minimize') },
          { role: 'close', label: t('menu.window.close') },
        ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help.title'),
    submenu: [
      { label: t('menu.help.docs'), click: () => options.openLink(HELP_LINKS.docs) },
      { label: t('menu.help.dashboard'), click: () => options.openLink(HELP_LINKS.dashboard) },
      { label: t('menu.help.status'), click: () => options.openLink(HELP_LINKS.status) },
    ],
  };
  return [...(isMac ? [appMenu] : []), file, edit, view, window, help];
}
