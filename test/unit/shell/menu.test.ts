import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../src/shared/ipc-contract';
import { HELP_LINKS, menuTemplate, type MenuOptions } from '../../../src/main/menu';
import { allowedExternalUrl } from '../../../src/main/navigation';

function build(overrides: Partial<MenuOptions> = {}) {
  const commands: MenuCommand[] = [];
  const links: string[] = [];
  const template = menuTemplate({
    appName: 'Diarist',
    platform: 'linux',
    isDevelopment: false,
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
      'help',
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
