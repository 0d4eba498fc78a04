/** Stand-ins for the desktop in the browser preview: a folder instead of the file dialog, no OS calls. */

import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Desktop, Dialogs } from '../core/app/ports';

export function previewDialogs(filesDir: string, exportsDir: string): Dialogs {
  return {
    async pickRecordings() {
      const names = await readdir(filesDir).catch(() => []);
      return names.sort().map((name) => join(filesDir, name));
    },
    async pickFolder() {
      return filesDir;
    },
    async pickExportPath(defaultName) {
      await mkdir(exportsDir, { recursive: true });
      return join(exportsDir, defaultName);
    },
    async pickExportFolder() {
      await mkdir(exportsDir, { recursive: true });
      return exportsDir;
    },
  };
}

export function previewDesktop(log: string[], mediaUrl: (jobId: string) => string): Desktop {
  return {
    showInFolder: (path) => void log.push(`show-in-folder ${path}`),
    openExternal: async (url) => void log.push(`open ${url}`),
    notify: (title, body) => void log.push(`notify ${title}: ${body}`),
    copyText: async (text) => {
      log.push(`copy ${text.length} characters`);
      return false;
    },
    mediaUrl,
  };
}
