/** Types for fuses-config.mjs (plain JavaScript, since electron-builder loads the hook under Node). */

export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges'
  | 'WasmTrapHandlers';

export function isTestBuild(env?: Record<string, string | undefined>): boolean;
export function fuseSettings(options: { testBuild: boolean }): Record<FuseName, boolean>;
export function settingsForWire(
  settings: Record<FuseName, boolean>,
  options: { wireLength: number; order: Record<string, number>; testBuild: boolean },
): { fitting: Partial<Record<FuseName, boolean>>; missing: FuseName[] };
export const TEST_BUILD_FIELD: 'diaristTestBuild';
export function testBuildPackArgs(options: { testBuild: boolean }): string[];
export function checkTestBuildMetadata(options: {
  testBuild: boolean;
  extraMetadata: Record<string, unknown> | null | undefined;
}): void;
