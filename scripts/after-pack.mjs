// electron-builder afterPack hook: sets the Electron fuses (fuses-config.mjs) in the packed binary,
// before electron-builder signs it, so the signature covers the hardened binary; and checks that a
// test build, and only a test build, is marked as one in its package.json.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import electronBuilder from 'electron-builder';
import {
  checkTestBuildMetadata,
  fuseSettings,
  isTestBuild,
  settingsForWire,
} from './fuses-config.mjs';

const { Arch } = electronBuilder;

/** The file @electron/fuses is pointed at: the executable, or the .app bundle on macOS. */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

export async function afterPack(context) {
  const testBuild = isTestBuild();
  checkTestBuildMetadata({ testBuild, extraMetadata: context.packager.config.extraMetadata });
  const binary = electronBinaryPath(context);
  // The wire's length says which fuses this Electron has (by feature, not by version number).
  const wire = await getCurrentFuseWire(binary);
  const wireLength = Object.keys(wire).filter((key) => key !== 'version').length;
  const { fitting: settings, missing } = settingsForWire(fuseSettings({ testBuild }), {
    wireLength,
    order: FuseV1Options,
    testBuild,
  });
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, enabled] of Object.entries(settings)) config[FuseV1Options[name]] = enabled;
  // Changing the binary breaks the ad-hoc signature Apple Silicon requires; re-sign ad hoc (a
  // real identity, when electron-builder has one, signs over it right after this hook).
  config.resetAdHocDarwinSignature =
    context.electronPlatformName === 'darwin' &&
    (context.arch === Arch.arm64 || context.arch === Arch.universal);
  await flipFuses(binary, config);
  console.log(
    `  • fuses set${testBuild ? ' (test build: inspector on)' : ''}  ${Object.entries(settings)
      .map(([name, enabled]) => `${name}=${enabled ? 'on' : 'off'}`)
      .join(' ')}${missing.length ? ` (not in this Electron: ${missing.join(', ')})` : ''}`,
  );
}

export default afterPack;
