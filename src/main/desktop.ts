/** The real desktop: reveal a file, open pyannoteAI's pages in the browser, notify, media URLs. */

import { clipboard, Notification, shell } from 'electron';
import type { Desktop } from './app/ports';
import { copyWithClipboard } from './clipboard-copy';
import { DiaristError } from './errors';
import type { Logger } from './logging/logger';
import { mediaUrlFor } from './media-protocol';
import { allowedExternalUrl } from './navigation';

export interface ElectronDesktopOptions {
  /** Brings the app forward when the person clicks a notification. */
  focusWindow: () => void;
  /** The support log, told what the OS refused (a clipboard write, a notification). */
  logger: Logger;
}

export function createElectronDesktop({ focusWindow, logger }: ElectronDesktopOptions): Desktop {
  // Held until shown and dismissed: a notification that is garbage-collected loses its click.
  const shown = new Set<Notification>();
  return {
    showInFolder: (path) => shell.showItemInFolder(path),
    async openExternal(url) {
      // The same allow-list as links in the page: nothing else ever reaches the OS opener.
      const allowed = allowedExternalUrl(url);
      if (!allowed)
        throw new DiaristError('invalid-request', 'Diarist does not open that address.');
      await shell.openExternal(allowed);
    },
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        focusWindow();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    mediaUrl: mediaUrlFor,
    // Main writes the clipboard: the page is denied every permission, clipboard included.
    copyText: (text) =>
      copyWithClipboard(clipboard, text, (error) =>
        logger.warn('could not copy to the clipboard', { reason: String(error) }),
      ),
  };
}
