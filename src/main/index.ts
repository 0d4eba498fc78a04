/** Composition root of the Electron app: the window, its security rules and the app:// protocol. */

import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  resolveAppFile,
} from './app-protocol-paths';
import { mainWindowOptions } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'index.cjs');

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Only the service's own pages open, in the person's browser; never inside the app.
      if (/^https:\/\/(dashboard|docs|www)\.pyannote\.ai\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
      callback(false),
    );
    session.defaultSession.setPermissionCheckHandler(() => false);
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppFile(rendererRoot, request.url);
      if (!file) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(file);
        return new Response(body, {
          headers: {
            'Content-Type': contentTypeFor(file),
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          },
        });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });

    mainWindow = new BrowserWindow(mainWindowOptions(preloadPath));
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
