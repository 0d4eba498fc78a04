/**
 * Packs Diarist with the real electron-builder configuration into the unpacked Linux directory,
 * against a stand-in Electron distribution made here (no download), and reads back what it made:
 * the app.asar index and the fuse wire of the packed binary.
 */

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { testBuildPackArgs } from '../../scripts/fuses-config.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** @electron/fuses looks for this string; the fuse wire follows it (version, length, one byte per fuse). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_VERSION = 1;
/** Fuse order on the wire (@electron/fuses FuseV1Options), with Electron's own defaults. */
export const ELECTRON_DEFAULT_FUSES: readonly [string, boolean][] = [
  ['RunAsNode', true],
  ['EnableCookieEncryption', false],
  ['EnableNodeOptionsEnvironmentVariable', true],
  ['EnableNodeCliInspectArguments', true],
  ['EnableEmbeddedAsarIntegrityValidation', false],
  ['OnlyLoadAppFromAsar', false],
  ['LoadBrowserProcessSpecificV8Snapshot', false],
  ['GrantFileProtocolExtraPrivileges', true],
  ['WasmTrapHandlers', true],
];

/**
 * A folder electron-builder accepts as an unpacked Electron for Linux: an `electron` executable
 * (a shell script that carries a fuse wire with Electron's defaults, as the real binary does)
 * and Electron's LICENSE. Nothing else is needed for the directory target.
 */
export async function makeFakeElectronDist(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeExecutable(join(dir, 'electron'), fakeBinary());
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron license.\n');
}

/**
 * The same for macOS: an Electron.app with the Info.plists electron-builder rewrites, one helper,
 * and the framework binary that carries the fuse wire on macOS.
 */
export async function makeFakeElectronMacDist(dir: string): Promise<void> {
  const contents = join(dir, 'Electron.app', 'Contents');
  const helper = join(contents, 'Frameworks', 'Electron Helper.app', 'Contents');
  const framework = join(contents, 'Frameworks', 'Electron Framework.framework');
  for (const folder of [
    join(contents, 'MacOS'),
    join(contents, 'Resources'),
    join(helper, 'MacOS'),
    framework,
  ]) {
    await mkdir(folder, { recursive: true });
  }
  await writeFile(join(contents, 'Info.plist'), infoPlist('Electron', 'com.github.Electron'));
  await writeFile(
    join(helper, 'Info.plist'),
    infoPlist('Electron Helper', 'com.github.Electron.helper'),
  );
  await writeExecutable(join(contents, 'MacOS', 'Electron'), fakeBinary());
  await writeExecutable(join(helper, 'MacOS', 'Electron Helper'), Buffer.from('#!/bin/sh\n'));
  await writeFile(join(framework, 'Electron Framework'), fakeBinary());
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for the Electron license.\n');
}

/** A shell script that carries a fuse wire with Electron's defaults, as the real binary does. */
function fakeBinary(): Buffer {
  const wire = ELECTRON_DEFAULT_FUSES.map(([, on]) => (on ? '1' : '0')).join('');
  return Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for the Electron binary in the package check.\n# '),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.from('\nexit 0\n'),
  ]);
}

async function writeExecutable(path: string, content: Buffer): Promise<void> {
  await writeFile(path, content);
  await chmod(path, 0o755);
}

function infoPlist(executable: string, id: string): string {
  const entries = {
    CFBundleExecutable: executable,
    CFBundleIdentifier: id,
    CFBundleName: executable,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0"><dict>',
    ...Object.entries(entries).map(([key, value]) => `<key>${key}</key><string>${value}</string>`),
    '</dict></plist>',
    '',
  ].join('\n');
}

/** Each fuse by name: true on, false off, as written in the binary. Exactly one wire is expected. */
export async function readFuses(binaryPath: string): Promise<Record<string, boolean>> {
  const bytes = await readFile(binaryPath);
  const at = bytes.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at < 0) throw new Error(`no fuse wire in ${binaryPath}`);
  if (bytes.indexOf(FUSE_SENTINEL, at + 1, 'latin1') >= 0) throw new Error('two fuse wires');
  const version = bytes[at + FUSE_SENTINEL.length];
  const length = bytes[at + FUSE_SENTINEL.length + 1]!;
  if (version !== FUSE_WIRE_VERSION) throw new Error(`fuse wire version ${version}`);
  const wire = bytes.subarray(
    at + FUSE_SENTINEL.length + 2,
    at + FUSE_SENTINEL.length + 2 + length,
  );
  const fuses: Record<string, boolean> = {};
  ELECTRON_DEFAULT_FUSES.forEach(([name], index) => {
    const state = String.fromCharCode(wire[index]!);
    if (state !== '0' && state !== '1') throw new Error(`fuse ${name} is "${state}"`);
    fuses[name] = state === '1';
  });
  return fuses;
}

interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number;
  offset?: string;
  link?: string;
  unpacked?: boolean;
}

/**
 * An asar archive's index, read from its header: a Chromium pickle (uint32 4, uint32 header
 * size) followed by one holding the JSON index (uint32 size, uint32 length, JSON). File contents
 * start right after the header.
 */
async function readAsarIndex(archive: string): Promise<{ root: AsarNode; dataStart: number }> {
  const handle = await open(archive, 'r');
  try {
    const prefix = Buffer.alloc(16);
    await handle.read(prefix, 0, 16, 0);
    const headerSize = prefix.readUInt32LE(4);
    const jsonLength = prefix.readUInt32LE(12);
    const json = Buffer.alloc(jsonLength);
    await handle.read(json, 0, jsonLength, 16);
    return { root: JSON.parse(json.toString('utf8')) as AsarNode, dataStart: 8 + headerSize };
  } finally {
    await handle.close();
  }
}

/** Every file path inside an asar archive, sorted. */
export async function listAsar(archive: string): Promise<string[]> {
  const { root } = await readAsarIndex(archive);
  const paths: string[] = [];
  const walk = (node: AsarNode, prefixPath: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefixPath ? `${prefixPath}/${name}` : name;
      if (child.files) walk(child, path);
      else paths.push(path);
    }
  };
  walk(root, '');
  return paths.sort();
}

/** One file's contents from inside an asar archive. */
export async function readAsarFile(archive: string, path: string): Promise<Buffer> {
  const { root, dataStart } = await readAsarIndex(archive);
  let node: AsarNode | undefined = root;
  for (const part of path.split('/')) node = node?.files?.[part];
  if (node?.offset === undefined || node.size === undefined || node.unpacked) {
    throw new Error(`${path} is not packed in ${archive}`);
  }
  const content = Buffer.alloc(node.size);
  const handle = await open(archive, 'r');
  try {
    await handle.read(content, 0, node.size, dataStart + Number(node.offset));
  } finally {
    await handle.close();
  }
  return content;
}

/**
 * The packages a production install holds, as `name@version`: package.json "dependencies", then
 * theirs (and installed optional ones), found the way Node finds them. By version rather than by
 * folder, since electron-builder hoists the production tree afresh.
 */
export function productionPackages(root = ROOT): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const locate = (name: string, from: string): string | undefined => {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dirname(dir) === dir || dir === root) return undefined;
    }
  };
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    const names = { ...manifest.dependencies, ...manifest.optionalDependencies };
    for (const name of Object.keys(names)) {
      const at = locate(name, dir);
      if (!at) {
        if (name in (manifest.optionalDependencies ?? {})) continue;
        throw new Error(`${name}, needed by ${dir}, is not installed`);
      }
      if (visited.has(at)) continue;
      visited.add(at);
      const { version } = JSON.parse(readFileSync(join(at, 'package.json'), 'utf8')) as Manifest;
      found.add(`${name}@${version}`);
      visit(at);
    }
  };
  visit(root);
  return [...found].sort();
}

interface Manifest {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The package folders inside an archive listing (each node_modules/<name> with a package.json). */
export function packageDirsIn(paths: string[]): string[] {
  const dirs = paths
    .map((path) => /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+)package\.json$/.exec(path)?.[1])
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => dir.replace(/\/$/, ''));
  return [...new Set(dirs)].sort();
}

/** The packages inside an archive, as `name@version` (the name from the folder it is in). */
export async function packagesInAsar(archive: string, paths: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const dir of packageDirsIn(paths)) {
    const name = dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest = JSON.parse(
      (await readAsarFile(archive, `${dir}/package.json`)).toString('utf8'),
    ) as Manifest;
    found.add(`${name}@${manifest.version}`);
  }
  return [...found].sort();
}

export interface PackResult {
  appOutDir: string;
  log: string;
}

/**
 * Runs electron-builder's directory target (x64) with the project's own configuration, changing
 * only where Electron comes from and where the output goes (and, for macOS, no signing). Every
 * download source points at a closed local port and the cache at an empty folder, so a download
 * attempt fails the build.
 */
export async function pack(options: {
  platform: 'linux' | 'mac';
  electronDist: string;
  outDir: string;
  cacheDir: string;
  testBuild: boolean;
}): Promise<PackResult> {
  const dead = 'http://127.0.0.1:9/';
  // Without VITEST in its environment electron-builder logs as it does for a person.
  const { VITEST: _vitest, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ELECTRON_BUILDER_CACHE: options.cacheDir,
    electron_config_cache: options.cacheDir,
    ELECTRON_MIRROR: dead,
    ELECTRON_BUILDER_BINARIES_MIRROR: dead,
    HTTP_PROXY: dead,
    HTTPS_PROXY: dead,
    // Nothing from a signing or publishing setup on the machine running the tests.
    CSC_LINK: '',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    GH_TOKEN: '',
    DIARIST_TEST_BUILD: options.testBuild ? '1' : '',
  };
  const { stdout, stderr } = await run(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      `--${options.platform}`,
      '--dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${options.electronDist}`,
      `-c.directories.output=${options.outDir}`,
      ...(options.platform === 'mac' ? ['-c.mac.identity=null'] : []),
      ...testBuildPackArgs({ testBuild: options.testBuild }),
    ],
    { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 },
  );
  const appOutDir = join(options.outDir, options.platform === 'mac' ? 'mac' : 'linux-unpacked');
  return { appOutDir, log: stdout + stderr };
}

/** The app as `npm run build` makes it (main, preload, renderer; the CLI too, which is left out). */
export async function buildApp(): Promise<void> {
  await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
}
