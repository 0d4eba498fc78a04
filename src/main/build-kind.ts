/**
 * Which builds take the pyannoteAI endpoint and the update feed from the environment: a
 * development run or a test build only. A release ignores them, so nothing in the environment
 * can send the person's key, or the update checks, to a host of someone else's choosing.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildKind {
  /** Electron's app.isPackaged: false when run from the source folder (`electron .`). */
  isPackaged: boolean;
  /** Packed for the test suites (DIARIST_TEST_BUILD=1 at pack time, recorded in package.json). */
  isTestBuild: boolean;
}

/** The environment variables that name other hosts; the CLI reads PYANNOTE_API_URL itself. */
export interface EndpointOverrides {
  PYANNOTE_API_URL?: string;
  DIARIST_UPDATE_FEED?: string;
}

/**
 * The field electron-builder adds to the packed package.json of a test build (extraMetadata;
 * scripts/fuses-config.mjs names it for the pack commands, and the afterPack hook checks it).
 */
export const TEST_BUILD_FIELD = 'diaristTestBuild';

export function isTestBuildManifest(manifest: unknown): boolean {
  return (
    typeof manifest === 'object' &&
    manifest !== null &&
    (manifest as Record<string, unknown>)[TEST_BUILD_FIELD] === true
  );
}

/** Reads the app's own package.json (inside app.asar when packaged); unreadable means a release. */
export function isTestBuildApp(appPath: string): boolean {
  try {
    return isTestBuildManifest(JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')));
  } catch {
    return false;
  }
}

export function honoursEnvironment(build: BuildKind): boolean {
  return !build.isPackaged || build.isTestBuild;
}

/** The endpoint variables this build may use: those set, or none at all in a release. */
export function endpointOverrides(env: NodeJS.ProcessEnv, build: BuildKind): EndpointOverrides {
  if (!honoursEnvironment(build)) return {};
  const overrides: EndpointOverrides = {};
  if (env.PYANNOTE_API_URL !== undefined) overrides.PYANNOTE_API_URL = env.PYANNOTE_API_URL;
  if (env.DIARIST_UPDATE_FEED !== undefined)
    overrides.DIARIST_UPDATE_FEED = env.DIARIST_UPDATE_FEED;
  return overrides;
}
