/** The fuse choice for packaged builds (scripts/fuses-config.mjs), as the afterPack hook applies it. */

import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import {
  checkTestBuildMetadata,
  fuseSettings,
  isTestBuild,
  settingsForWire,
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

  // Electron 33 (the test runtime) has 8 fuses on its wire; WasmTrapHandlers came with 42.
  const order = FuseV1Options as unknown as Record<string, number>;
  const shortWire = order.WasmTrapHandlers ?? 0;

  it('leaves out, in a test build, the fuses an older Electron does not have', () => {
    const { fitting, missing } = settingsForWire(fuseSettings({ testBuild: true }), {
      wireLength: shortWire,
      order,
      testBuild: true,
    });
    expect(missing).toEqual(['WasmTrapHandlers']);
    const { WasmTrapHandlers: _left, ...rest } = fuseSettings({ testBuild: true });
    expect(fitting).toEqual(rest);
  });

  it('refuses to pack a release on an Electron whose wire lacks a fuse', () => {
    expect(() =>
      settingsForWire(fuseSettings({ testBuild: false }), {
        wireLength: shortWire,
        order,
        testBuild: false,
      }),
    ).toThrow(/no WasmTrapHandlers/);
  });

  it('sets every fuse on the pinned Electron wire', () => {
    const full = Object.keys(fuseSettings({ testBuild: false })).length;
    const { fitting, missing } = settingsForWire(fuseSettings({ testBuild: false }), {
      wireLength: full,
      order,
      testBuild: false,
    });
    expect(missing).toEqual([]);
    expect(fitting).toEqual(fuseSettings({ testBuild: false }));
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
