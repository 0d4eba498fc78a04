/** Types for test-electron-runtime.mjs (plain JavaScript, so it also runs as a command). */

export const TEST_RUNTIME: {
  package: string;
  packageVersion: string;
  integrity: string;
  electronVersion: string;
  recipe: number;
};
export function runtimeDir(env?: Record<string, string | undefined>): string;
export function checkRuntime(dir?: string): Promise<string | undefined>;
export function ensureTestRuntime(options?: { log?: (line: string) => void }): Promise<string>;
