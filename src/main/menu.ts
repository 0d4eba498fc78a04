/**
 * The native menu: the usual items per platform, plus "Add recordings…", "Add folder…" and
 * "Settings…", which tell the page (it owns what follows, such as choosing options).
 */

import type { MenuItemConstructorOptions } from 'electron';
import { PYANNOTE_LINKS, type MenuCommand } from '../shared/ipc-contract';

/** The Help menu opens the same allow-listed pages as the page's links. */
export const HELP_LINKS = PYANNOTE_LINKS;

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Reload and developer tools only while developing: a reload would drop the page's state. */
  isDevelopment: boolean;
  command(command: MenuCommand): void;
  openLink(url: string): void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const settings: MenuItemConstructorOptions = {
    label: isMac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => options.command('settings'),
  };
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        label: 'Add Recordings…',
        accelerator: 'CmdOrCtrl+O',
        click: () => options.command('add-recordings'),
      },
      {
        label: 'Add Folder…',
        accelerator: 'CmdOrCtrl+Shift+O',
        click: () => options.command('add-folder'),
      },
      { type: 'separator' },
      ...(isMac
        ? [{ role: 'close' } as const]
        : [settings, { type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.isDevelopment
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'pyannoteAI Documentation', click: () => options.openLink(HELP_LINKS.docs) },
      { label: 'pyannoteAI Dashboard', click: () => options.openLink(HELP_LINKS.dashboard) },
      { label: 'pyannoteAI Service Status', click: () => options.openLink(HELP_LINKS.status) },
    ],
  };
  return [...(isMac ? [appMenu] : []), file, edit, view, window, help];
}
