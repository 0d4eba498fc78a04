/** The fuse choice for packaged builds (scripts/fuses-config.mjs), as the afterPack hook applies it. */

import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import {
  checkTestBuildMetadata,
  fuseSettings,
  isTestBuild,
  testBuildPackArgs,
} from '../../scripts/fuses-config.mjs';

describe('the fuses of a packaged Diarist', () => {
  it('closes every way to run other code in a release build', () => {
    expect(fuseSettings({ testBuild: false })).toEqual({
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

  it('opens only the inspector in a test build, so Playwright can drive the app', () => {
    expect(fuseSettings({ testBuild: true })).toEqual({
      ...fuseSettings({ testBuild: false }),
      EnableNodeCliInspectArguments: true,
    });
  });

  it('decides every fuse @electron/fuses knows', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    expect(Object.keys(fuseSettings({ testBuild: false })).sort()).toEqual(known.sort());
  });

  it('is a test build only when DIARIST_TEST_BUILD is 1', () => {
    expect(isTestBuild({ DIARIST_TEST_BUILD: '1' })).toBe(true);
    expect(isTestBuild({ DIARIST_TEST_BUILD: '' })).toBe(false);
    expect(isTestBuild({ DIARIST_TEST_BUILD: 'true' })).toBe(false);
    expect(isTestBuild({})).toBe(false);
  });

  it('marks a test build in its package.json, and refuses a release so marked or a test build not', () => {
    expect(testBuildPackArgs({ testBuild: true })).toEqual([
      '-c.extraMetadata.diaristTestBuild=true',
    ]);
    expect(testBuildPackArgs({ testBuild: false })).toEqual([]);
    const marked = { homepage: 'x', diaristTestBuild: true };
    expect(() => checkTestBuildMetadata({ testBuild: true, extraMetadata: marked })).not.toThrow();
    expect(() =>
      checkTestBuildMetadata({ testBuild: false, extraMetadata: { homepage: 'x' } }),
    ).not.toThrow();
    expect(() => checkTestBuildMetadata({ testBuild: false, extraMetadata: marked })).toThrow(
      /only for test builds/,
    );
    expect(() => checkTestBuildMetadata({ testBuild: true, extraMetadata: {} })).toThrow(
      /extraMetadata\.diaristTestBuild=true/,
    );
  });
});
