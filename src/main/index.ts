/** Composition root of the Electron app: wires the core services to the window, IPC, menu and OS. */

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices, handlersOnceReady, type AppServices } from '../core/app/services';
import { withPageReady } from '../core/app/page-events';
import { endpointOverrides, isTestBuildApp } from './build-kind';
import { createFileLogger } from '../core/logging/logger';
import { appWords, type Words } from '../core/app/words';
import { resolveLanguage } from '../shared/i18n/languages';
import type { SettingsStore } from '../core/app/ports';
import { asyncSafeStorage, SafeKeyStore } from './app/secure-key-store';
import { safeSecretBox } from './app/safe-secret-box';
import { APP_ORIGIN, APP_SCHEME } from '../core/protocol/app-protocol-paths';
import { createAppProtocolHandler } from './app-protocol';
import { createElectronDesktop } from './desktop';
import { openDialogFolders } from './dialog-folders';
import { attachedDialogs, createElectronDialogs } from './dialogs';
import { hardenWebContents } from './hardening';
import { followPageLoads, PushSender, registerIpcHandlers } from './ipc';
import { menuTemplate } from './menu';
import { allowedExternalUrl } from './navigation';
import { OpenedFiles, filePathsFromArgv } from './open-files';
import { denyAllPermissions } from './permissions';
import { resolveApiUrl } from '../core/pyannote/client';
import { isTrustedSender } from './sender';
import { openSettingsStore } from './settings-store';
import { startUpdateChecks } from './updates';
import { startFailure } from './words';
import { resolveSystemProxy } from './system-network';
import { mainWindowOptions } from './window-options';
import { noticeInfo } from '../core/notices';

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
  let services: AppServices | undefined;
  const pushes = new PushSender();
  let stopUpdateChecks = () => {};
  // The keychain is first asked once the window is on screen (see SafeKeyStore).
  let windowShown = () => {};
  const keychainAllowed = new Promise<void>((resolve) => (windowShown = resolve));
  // The person's language: the setting once the settings are open, else the computer's. Asked
  // for at each menu, dialog and notification, so a change in Settings applies without a restart.
  let settingsStore: SettingsStore | undefined;
  const languageChoice = (): string => {
    try {
      return settingsStore?.get().language ?? 'system';
    } catch {
      // Unreadable settings must not keep the start-failure box from showing.
      return 'system';
    }
  };
  const words = (): Words =>
    appWords(resolveLanguage(languageChoice(), app.getPreferredSystemLanguages()));
  const dataFolder = (): string | undefined => {
    try {
      return app.getPath('userData');
    } catch {
      return undefined;
    }
  };

  const focusWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const openExternal = (url: string) => {
    const allowed = allowedExternalUrl(url);
    if (allowed) void shell.openExternal(allowed);
  };

  // Recordings opened with Diarist: on the command line (Windows, Linux), from a second launch,
  // or as macOS open-file events (which also arrive before ready, at launch).
  const openedFiles = new OpenedFiles();
  const argvPaths = (argv: readonly string[], workingDirectory: string) =>
    filePathsFromArgv(argv, { workingDirectory, isPackaged: app.isPackaged });
  openedFiles.add(argvPaths(process.argv, process.cwd()));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    openedFiles.add(argvPaths(argv, workingDirectory));
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openedFiles.add([path]);
    // macOS keeps running without a window; once started, opening a file brings one back.
    if (services && !mainWindow) createWindow().catch(() => undefined);
    focusWindow();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal));

  // Windows shows notifications only for an app with an id matching the installed shortcut.
  if (process.platform === 'win32') app.setAppUserModelId('ai.diarist.desktop');

  const createWindow = async (): Promise<void> => {
    const window = new BrowserWindow(mainWindowOptions(preloadPath));
    mainWindow = window;
    const contents: WebContents = window.webContents;
    window.once('ready-to-show', () => {
      window.show();
      windowShown();
    });
    // Events wait in main until this page (and each reload of it) calls app:ready.
    pushes.attach(contents);
    followPageLoads(contents, pushes);
    window.on('closed', () => {
      if (mainWindow === window) {
        pushes.detach();
        mainWindow = undefined;
      }
    });
    await window.loadURL(`${APP_ORIGIN}/index.html`);
  };

  void app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession);

      // Built again in the new language when the person changes it (settingsChanged below).
      const showMenu = () =>
        Menu.setApplicationMenu(
          Menu.buildFromTemplate(
            menuTemplate({
              appName: app.getName(),
              platform: process.platform,
              isDevelopment: !app.isPackaged,
              t: words(),
              command: (command) => {
                focusWindow();
                pushes.push({ type: 'menu', command });
              },
              openLink: openExternal,
            }),
          ),
        );
      const dataDir = app.getPath('userData');
      // Endpoints from the environment only in development and test builds, never a release.
      const overrides = endpointOverrides(process.env, {
        isPackaged: app.isPackaged,
        isTestBuild: app.isPackaged && isTestBuildApp(app.getAppPath()),
      });
      const settings = openSettingsStore(dataDir);
      settingsStore = settings.value;
      // Light or dark as chosen: the window frame, native dialogs and the page's colours follow.
      nativeTheme.themeSource = settings.value.get().appearance;
      if (settings.notice) {
        pushes.push({
          type: 'notice',
          ...(settings.movedTo
            ? noticeInfo('notices.settingsSetAside', { movedTo: settings.movedTo })
            : { message: settings.notice }),
        });
      }
      // The support log (redacted, rotated, 0600) in the data folder; the services add the key
      // to the redaction list once they know it.
      const knownSecrets: string[] = [];
      const logger = createFileLogger({
        file: join(dataDir, 'logs', 'diarist.log'),
        secrets: () => knownSecrets,
      });
      const desktop = createElectronDesktop({ focusWindow, window: () => mainWindow, logger });
      const keyStore = new SafeKeyStore({
        file: join(dataDir, 'api-key.json'),
        safeStorage: asyncSafeStorage(safeStorage),
        platform: process.platform,
        keychainAllowed,
      });
      // The services open (data lock, job list, engine) while the window and its page load:
      // the page's first calls wait for them instead of the window waiting for everything.
      const starting = (async () =>
        createAppServices({
          logger,
          knownSecrets,
          versions: {
            electron: process.versions.electron,
            chrome: process.versions.chrome,
            node: process.versions.node,
          },
          dataDir,
          apiUrl: resolveApiUrl(overrides),
          version: app.getVersion(),
          shell: 'electron',
          keyStore,
          secretBox: safeSecretBox({
            safeStorage: asyncSafeStorage(safeStorage),
            platform: process.platform,
            keychainAllowed,
            keyStatus: () => keyStore.status(),
          }),
          settings: settings.value,
          dialogs: createElectronDialogs({
            native: attachedDialogs(dialog, () => mainWindow),
            documentsDir: app.getPath('documents'),
            folders: await openDialogFolders(join(dataDir, 'dialog-folders.json')),
            platform: process.platform,
            words,
          }),
          desktop,
          resolveProxy: resolveSystemProxy,
          // From before the engine opens, so its notices wait for the page with the rest.
          listener: (event) => pushes.push(event),
          systemLanguages: () => app.getPreferredSystemLanguages(),
          settingsChanged: (saved, patch) => {
            if (patch.language !== undefined) showMenu();
            if (patch.appearance !== undefined) nativeTheme.themeSource = saved.appearance;
          },
        }))();
      const ready = starting.then((running) => {
        services = running;
        openedFiles.ready(
          (paths) => running.acceptPaths(paths),
          (files) => {
            focusWindow();
            pushes.push({ type: 'files-opened', files });
          },
        );
        return running;
      });
      // Reported by the await below; this keeps an early failure from being "unhandled".
      ready.catch(() => undefined);

      protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler({
          rendererRoot,
          recordingPath: (jobId) => services?.recordingPath(jobId),
        }),
      );
      registerIpcHandlers(
        ipcMain,
        withPageReady(handlersOnceReady(ready), pushes),
        // Our one window's main frame at our own origin; nothing else may call.
        (event) =>
          event.sender.id === mainWindow?.webContents.id &&
          isTrustedSender(event.senderFrame, APP_ORIGIN),
        async (paths) => (await ready).acceptPaths(paths),
        logger,
      );
      showMenu();

      await Promise.all([createWindow(), ready]);
      // For support: how long this computer took from launch to a window with its services.
      logger.info('ready', { msSinceLaunch: Math.round(performance.now()) });
      stopUpdateChecks = startUpdateChecks({
        dataDir,
        feedOverride: overrides.DIARIST_UPDATE_FEED,
        isEnabled: () => settings.value.get().checkForUpdates,
        notice: (offer) =>
          pushes.push({
            type: 'notice',
            ...noticeInfo('notices.updateAvailable', {
              version: offer.version,
              url: offer.downloadUrl,
            }),
          }),
        notify: (title, body) => desktop.notify(title, body),
        words,
      });
      app.on('activate', () => {
        // macOS: the app stays open without windows; the Dock icon brings one back.
        if (!mainWindow) createWindow().catch(() => undefined);
      });
    })
    .catch((error: unknown) => {
      // Most often another Diarist (the command-line tool) holds the data folder, or the data
      // folder cannot be written; the box says which folder, in the person's language.
      const { title, message } = startFailure(words(), error, dataFolder());
      dialog.showErrorBox(title, message);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // The engine persists every transition as it happens; closing it releases the data lock.
  let closing = false;
  app.on('will-quit', (event) => {
    stopUpdateChecks();
    if (closing || !services) return;
    closing = true;
    event.preventDefault();
    // Bounded, so a stuck close never keeps the app from quitting.
    const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
    void Promise.race([services.close(), timeout])
      .catch(() => undefined)
      .finally(() => app.quit());
  });
}
