/**
 * The installers `npm run dist` makes, as configured: what each platform gets, with the icons and
 * entitlements they point at. (Only the Linux directory target can be built here; see
 * package.test.ts.)
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';
import { LANGUAGES } from '../../src/shared/i18n/languages';

// js-yaml comes with electron-updater (a runtime dependency) and electron-builder.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  afterPack: string;
  publish?: unknown;
  extraMetadata: { homepage: string; author: { name: string; email: string } };
  fileAssociations: { ext: string[]; name: string; role: string; rank: string }[];
  win: { target: Target[]; icon: string };
  nsis: Record<string, unknown>;
  mac: {
    target: Target[];
    icon: string;
    hardenedRuntime: boolean;
    entitlements: string;
    entitlementsInherit: string;
    notarize: boolean;
    extendInfo: { CFBundleLocalizations: string[] };
  };
  linux: { target: Target[]; icon: string; mimeTypes: string[]; maintainer: string };
}

const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const file = (path: string) => readFileSync(join(ROOT, path));

describe('electron-builder.yml', () => {
  it('names the app as the OS and the Windows notifications know it', () => {
    expect(config.appId).toBe('ai.diarist.desktop');
    expect(config.productName).toBe('Diarist');
    expect(readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8')).toContain(
      `setAppUserModelId('${config.appId}')`,
    );
  });

  it('packs into an asar and hardens the binary after packing', () => {
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true);
    expect(config.files).toContain('!**/*.map');
  });

  it('offers Diarist for common audio files as a viewer, never as their owner', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: ['wav', 'mp3', 'm4a', 'flac', 'ogg', 'opus', 'webm'],
        role: 'Viewer',
        rank: 'Alternate',
      }),
    ]);
    expect(config.linux.mimeTypes).toEqual(
      expect.arrayContaining(['audio/wav', 'audio/mpeg', 'audio/mp4', 'audio/flac', 'audio/ogg']),
    );
  });

  it('installs on Windows per user, without administrator rights', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('speaks the languages of the app in the Windows installer and the macOS bundle', () => {
    const languages = LANGUAGES.map((language) => language as string);
    expect(config.nsis.multiLanguageInstaller).toBe(true);
    expect(
      (config.nsis.installerLanguages as string[]).map((code) => code.split('_')[0]).sort(),
    ).toEqual([...languages].sort());
    expect([...config.mac.extendInfo.CFBundleLocalizations].sort()).toEqual([...languages].sort());
  });

  it('makes macOS disk images for Apple silicon and Intel, hardened, notarized only with credentials', () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const entitlements = file(config.mac.entitlements).toString('utf8');
    // Electron needs the JIT; the app uses no microphone, camera or native module.
    const granted = [...entitlements.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('makes an AppImage and a deb for Linux, with the homepage and maintainer a deb requires', () => {
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//);
    expect(config.extraMetadata.author.email).toMatch(/@/);
  });

  it('builds without publishing anything (the update feed is given at release time)', () => {
    expect(config.publish).toBeUndefined();
    const pkg = JSON.parse(file('package.json').toString('utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dist).toContain('--publish never');
  });
});

describe('the icons', () => {
  const pngSize = (png: Buffer) => {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('has a 1024 px PNG made from the committed SVG', () => {
    expect(file('build/icon.svg').toString('utf8')).toContain('<svg');
    expect(pngSize(file('build/icon.png'))).toEqual([1024, 1024]);
  });

  it('has a Windows icon with every size up to 256 px', () => {
    const ico = file(config.win.icon);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a macOS icon up to 1024 px', () => {
    const icns = file(config.mac.icon);
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.toString('latin1', at, at + 4));
    }
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('has the Linux icon set', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(file(`${config.linux.icon}/${size}x${size}.png`))).toEqual([size, size]);
    }
  });

  it('stays small', () => {
    const total = ['build/icon.png', 'build/icon.ico', 'build/icon.icns'].reduce(
      (sum, path) => sum + file(path).length,
      0,
    );
    expect(total).toBeLessThan(200_000);
  });
});
