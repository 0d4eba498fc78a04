/** The real desktop: reveal a file, open pyannoteAI's pages in the browser, notify, media URLs. */

import { clipboard, Notification, shell, type BrowserWindow } from 'electron';
import type { Desktop } from '../core/app/ports';
import { copyWithClipboard } from './clipboard-copy';
import { DiaristError } from '../core/errors';
import type { Logger } from '../core/logging/logger';
import { mediaUrlFor } from '../core/protocol/media-protocol';
import { allowedExternalUrl } from './navigation';
import { createNotifier } from './notifier';

export interface ElectronDesktopOptions {
  /** Brings the app forward when the person clicks a notification. */
  focusWindow: () => void;
  /** The main window, for the progress bar on its taskbar button or dock icon. */
  window?: () => BrowserWindow | undefined;
  /** The support log, told what the OS refused (a clipboard write, a notification). */
  logger: Logger;
}

export function createElectronDesktop({
  focusWindow,
  window,
  logger,
}: ElectronDesktopOptions): Desktop {
  const notifier = createNotifier({
    Notification,
    onClick: focusWindow,
    onFailed: (error) => logger.warn('the system refused a notification', { reason: error }),
  });
  return {
    showInFolder: (path) => shell.showItemInFolder(path),
    async openExternal(url) {
      // The same allow-list as links in the page: nothing else ever reaches the OS opener.
      const allowed = allowedExternalUrl(url);
      if (!allowed)
        throw new DiaristError('invalid-request', 'Diarist does not open that address.', {
          key: 'calls.badAddress',
        });
      await shell.openExternal(allowed);
    },
    notify: (title, body) => notifier.notify(title, body),
    // A bar on the taskbar button (Windows, Linux launchers) or the dock icon; -1 removes it.
    showProgress(progress) {
      const shown = window?.();
      if (shown && !shown.isDestroyed()) shown.setProgressBar(progress ? progress.fraction : -1);
    },
    mediaUrl: mediaUrlFor,
    // Main writes the clipboard: the page is denied every permission, clipboard included.
    copyText: (text) =>
      copyWithClipboard(clipboard, text, (error) =>
        logger.warn('could not copy to the clipboard', { reason: String(error) }),
      ),
  };
}
