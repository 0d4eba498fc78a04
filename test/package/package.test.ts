/**
 * What `npm run dist` puts in front of people, checked on this machine: the real configuration
 * packs the built app (Linux directory target, a stand-in Electron) and the result holds exactly
 * the app and its runtime dependencies, with the release fuses set in the binary.
 */

import { existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApp,
  listAsar,
  makeFakeElectronDist,
  makeFakeElectronMacDist,
  pack,
  packageDirsIn,
  packagesInAsar,
  productionPackages,
  readAsarFile,
  readFuses,
  ROOT,
  type PackResult,
} from './harness';

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  main: string;
  type: string;
  dependencies: Record<string, string>;
};

/** Every file under a folder, as paths relative to ROOT with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** What the app needs outside node_modules: the built main, preload, renderer, and package.json. */
function expectedAppFiles(): string[] {
  const renderer = filesUnder('dist/renderer').filter((path) => !path.endsWith('.map'));
  return ['dist/main/index.js', 'dist/preload/index.cjs', 'package.json', ...renderer].sort();
}

/** The packages a bundle loads at run time (bare specifiers, by package name). */
function packagesImportedBy(code: string): string[] {
  const patterns = [
    /\bfrom\s*["']([^"'.][^"']*)["']/g,
    /\bimport\s*\(\s*["']([^"'.][^"']*)["']\s*\)/g,
    /\brequire\(\s*["']([^"'.][^"']*)["']\s*\)/g,
    /^import\s*["']([^"'.][^"']*)["']/gm,
  ];
  const names = new Set<string>();
  for (const pattern of patterns) {
    for (const [, specifier] of code.matchAll(pattern)) {
      if (!specifier || isBuiltin(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return [...names].sort();
}

describe('the packed app (electron-builder --dir --linux, stand-in Electron)', () => {
  let work: string;
  let cacheDir: string;
  let release: PackResult;
  let testBuild: PackResult;
  let entries: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'diarist-package-'));
    cacheDir = join(work, 'cache');
    const electronDist = join(work, 'electron-dist');
    await makeFakeElectronDist(electronDist);
    await buildApp();
    const linux = { platform: 'linux', electronDist, cacheDir } as const;
    release = await pack({ ...linux, outDir: join(work, 'release'), testBuild: false });
    testBuild = await pack({ ...linux, outDir: join(work, 'test'), testBuild: true });
    entries = await listAsar(join(release.appOutDir, 'resources', 'app.asar'));
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('holds exactly the built main, preload and renderer and package.json besides dependencies', () => {
    expect(expectedAppFiles()).toContain('dist/renderer/index.html');
    const app = entries.filter((path) => !path.startsWith('node_modules/'));
    expect(app).toEqual(expectedAppFiles());
  });

  it('starts the ESM main the package names', async () => {
    const archive = join(release.appOutDir, 'resources', 'app.asar');
    const packed = JSON.parse((await readAsarFile(archive, 'package.json')).toString('utf8')) as {
      name: string;
      main: string;
      type: string;
    };
    expect(packed).toMatchObject({ name: pkg.name, main: 'dist/main/index.js', type: 'module' });
    expect(entries).toContain(packed.main);
  });

  it('holds exactly the production dependencies under node_modules, name and version', async () => {
    const packages = productionPackages();
    const names = packages.map((entry) => entry.slice(0, entry.lastIndexOf('@')));
    // The direct runtime dependencies, and none of the renderer's or the tools' packages.
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(packages).toContain(`${name}@${version}`);
    }
    for (const name of ['react', 'react-dom', 'vite', 'electron', 'electron-builder', 'vitest']) {
      expect(names).not.toContain(name);
    }
    const archive = join(release.appOutDir, 'resources', 'app.asar');
    await expect(packagesInAsar(archive, entries)).resolves.toEqual(packages);
    // Every file under node_modules belongs to one of those package folders.
    const dirs = packageDirsIn(entries);
    const strays = entries.filter(
      (path) => path.startsWith('node_modules/') && !dirs.some((dir) => path.startsWith(`${dir}/`)),
    );
    expect(strays).toEqual([]);
  });

  it('ships no tests, simulator, preview bridge, benchmarks, CLI, sources or source maps', () => {
    const forbidden = entries.filter(
      (path) =>
        path.endsWith('.map') ||
        /^(test|bench|src|scripts|build|release|coverage|test-results)\//.test(path) ||
        /^dist\/(cli|preview)\//.test(path) ||
        /(^|\/)(simulator|preview)(\/|\.)/.test(path.replace(/^node_modules\/.*$/, '')) ||
        /\.(ts|mts|cts|tsx)$/.test(path),
    );
    expect(forbidden).toEqual([]);
  });

  it('lists in package.json dependencies exactly what the built main loads, and the preload loads only electron', async () => {
    const main = await readFile(join(ROOT, 'dist', 'main', 'index.js'), 'utf8');
    expect(packagesImportedBy(main)).toEqual([...Object.keys(pkg.dependencies), 'electron'].sort());
    const preload = await readFile(join(ROOT, 'dist', 'preload', 'index.cjs'), 'utf8');
    expect(packagesImportedBy(preload)).toEqual(['electron']);
  });

  it('runs from app.asar alone, with nothing loose next to it', async () => {
    await expect(readdir(join(release.appOutDir, 'resources'))).resolves.toEqual(['app.asar']);
  });

  it('sets the release fuses in the packed binary', async () => {
    await expect(readFuses(join(release.appOutDir, 'diarist'))).resolves.toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('leaves the inspector on in a test build, and only that', async () => {
    const release_ = await readFuses(join(release.appOutDir, 'diarist'));
    const test = await readFuses(join(testBuild.appOutDir, 'diarist'));
    expect(test).toEqual({ ...release_, EnableNodeCliInspectArguments: true });
    await expect(listAsar(join(testBuild.appOutDir, 'resources', 'app.asar'))).resolves.toEqual(
      entries,
    );
  });

  it('marks the test build, and only that, in its packed package.json', async () => {
    const manifest = async (result: PackResult) =>
      JSON.parse(
        (
          await readAsarFile(join(result.appOutDir, 'resources', 'app.asar'), 'package.json')
        ).toString('utf8'),
      ) as Record<string, unknown>;
    expect(await manifest(testBuild)).toMatchObject({ diaristTestBuild: true });
    expect(await manifest(release)).not.toHaveProperty('diaristTestBuild');
  });

  it('downloads nothing: no Electron, no packaging tools', () => {
    for (const { log } of [release, testBuild]) {
      expect(log).toContain('using custom unpacked Electron distribution');
      expect(log).not.toMatch(/download/i);
    }
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
  });
});

describe('the packed macOS app (electron-builder --dir --mac x64, stand-in Electron.app, unsigned)', () => {
  let work: string;
  let mac: PackResult;
  let contents: string;
  let plist: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'diarist-package-mac-'));
    const electronDist = join(work, 'electron-dist');
    await makeFakeElectronMacDist(electronDist);
    // dist/ was built by the Linux block above (files run one at a time, blocks in order).
    mac = await pack({
      platform: 'mac',
      electronDist,
      cacheDir: join(work, 'cache'),
      outDir: join(work, 'out'),
      testBuild: false,
    });
    contents = join(mac.appOutDir, 'Diarist.app', 'Contents');
    plist = await readFile(join(contents, 'Info.plist'), 'utf8');
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** The XML of one key's value in the app's Info.plist. */
  const plistValue = (key: string) => {
    const start = plist.indexOf(`<key>${key}</key>`);
    expect(start, key).toBeGreaterThanOrEqual(0);
    const rest = plist.slice(start + key.length + 11);
    const next = /\n {4}<key>|\n {2}<\/dict>/.exec(rest);
    return rest.slice(0, next?.index).replace(/\s+/g, '');
  };

  it('is named and identified as Diarist', () => {
    expect(plistValue('CFBundleIdentifier')).toBe('<string>ai.diarist.desktop</string>');
    expect(plistValue('CFBundleExecutable')).toBe('<string>Diarist</string>');
    expect(plistValue('CFBundleIconFile')).toBe('<string>icon.icns</string>');
    expect(existsSync(join(contents, 'Resources', 'icon.icns'))).toBe(true);
  });

  it('tells Finder Diarist can open the audio types, as an alternative viewer', () => {
    const types = plistValue('CFBundleDocumentTypes');
    for (const ext of ['wav', 'mp3', 'm4a', 'flac', 'ogg', 'opus', 'webm']) {
      expect(types).toContain(`<string>${ext}</string>`);
    }
    expect(types).toContain('<key>CFBundleTypeRole</key><string>Viewer</string>');
    expect(types).toContain('<key>LSHandlerRank</key><string>Alternate</string>');
  });

  it('embeds the hash of app.asar that the integrity fuse checks', async () => {
    const archive = await readFile(join(contents, 'Resources', 'app.asar'));
    const header = archive.subarray(16, 16 + archive.readUInt32LE(12)).toString('utf8');
    const hash = createHash('sha256').update(header).digest('hex');
    expect(plistValue('ElectronAsarIntegrity')).toBe(
      `<dict><key>Resources/app.asar</key><dict><key>algorithm</key><string>SHA256</string><key>hash</key><string>${hash}</string></dict></dict>`,
    );
  });

  it('holds the same app and production dependencies in app.asar as on Linux', async () => {
    const archive = join(contents, 'Resources', 'app.asar');
    const entries = await listAsar(archive);
    expect(entries.filter((path) => !path.startsWith('node_modules/'))).toEqual(expectedAppFiles());
    await expect(packagesInAsar(archive, entries)).resolves.toEqual(productionPackages());
  });

  it('sets the release fuses in the Electron Framework binary', async () => {
    const framework = join(
      contents,
      'Frameworks',
      'Electron Framework.framework',
      'Electron Framework',
    );
    await expect(readFuses(framework)).resolves.toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('downloads nothing and signs nothing without an identity', () => {
    expect(mac.log).not.toMatch(/download/i);
    expect(mac.log).toMatch(/skipped macOS application code signing/);
  });
});
