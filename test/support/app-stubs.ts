/** Dialogs and desktop for app services in tests that never open a dialog or touch the desktop. */

import type { Desktop, Dialogs } from '../../src/core/app/ports';

/** Every dialog answers as if the person canceled it. */
export const CANCELED_DIALOGS: Dialogs = {
  pickRecordings: async () => [],
  pickFolder: async () => undefined,
  pickExportPath: async () => undefined,
  pickExportFolder: async () => undefined,
};

/** A desktop with no browser, notifications or clipboard. */
export const QUIET_DESKTOP: Desktop = {
  showInFolder: () => undefined,
  openExternal: async () => undefined,
  notify: () => undefined,
  mediaUrl: () => '',
  copyText: async () => false,
};
