/**
 * Where the Electron runtime is, found without ever starting a download: `require('electron')`
 * downloads it when missing, so this reads node_modules/electron/path.txt (written by its
 * install step) and checks that the binary is really there.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export type ElectronRuntime =
  { available: true; distDir: string; executable: string } | { available: false; reason: string };

const DEFAULT_EXECUTABLE: Record<string, string> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
  linux: 'electron',
};

export function findElectronRuntime(env: NodeJS.ProcessEnv = process.env): ElectronRuntime {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  // The same override electron's own index.js honours: an Electron unpacked somewhere else.
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const executable = join(distDir, recorded || DEFAULT_EXECUTABLE[process.platform] || 'electron');
  if ((recorded || env.ELECTRON_OVERRIDE_DIST_PATH) && existsSync(executable)) {
    return { available: true, distDir, executable };
  }
  const where = relative(ROOT, distDir) || distDir;
  return {
    available: false,
    reason: `no Electron runtime at ${where} (it is downloaded from GitHub, unreachable here); run npm ci with network access to get it`,
  };
}
