/**
 * The desktop a real-app run needs, shared by `npm run test:electron` (run.ts) and
 * `npm run bench:app` (bench/app.ts): the chosen Electron runtime handed over in the environment
 * and, on Linux, a private D-Bus session with an unlocked GNOME Keyring of its own
 * (keyring-session.sh) and a virtual display of a laptop's size (Xvfb).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, type ElectronRuntime } from './runtime';

const linux = process.platform === 'linux';

/** What to install when this machine lacks the tools the Linux session needs; undefined if none. */
export function missingDesktopTools(): string | undefined {
  if (!linux) return undefined;
  const has = (command: string) => !spawnSync('sh', ['-c', `command -v ${command}`]).status;
  const missing = ['xvfb-run', 'dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !has(c));
  return missing.length > 0
    ? `missing ${missing.join(', ')}: apt-get install xvfb xauth dbus gnome-keyring libgtk-3-0 libnss3 libasound2 libgbm1`
    : undefined;
}

/** The environment that tells harness.ts (testRuntime) which runtime to pack and launch. */
export function runtimeEnv(runtime: ElectronRuntime): NodeJS.ProcessEnv {
  return {
    DIARIST_TEST_ELECTRON_DIST: runtime.distDir,
    DIARIST_TEST_ELECTRON_VERSION: runtime.version,
    DIARIST_TEST_ELECTRON_KIND: runtime.kind,
  };
}

/**
 * Runs `command` in the repository with inherited output and returns its exit status. On Linux it
 * runs inside `dbus-run-session` with a keyring whose files live in a temporary folder (removed
 * afterwards) and under `xvfb-run`; elsewhere the person's own desktop serves.
 */
export function runInDesktopSession(
  command: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const run = (file: string, args: readonly string[], withEnv: NodeJS.ProcessEnv) =>
    spawnSync(file, args, { cwd: ROOT, stdio: 'inherit', env: withEnv }).status ?? 1;
  if (!linux) return run(command[0]!, command.slice(1), env);
  const keyringDir = mkdtempSync(join(tmpdir(), 'diarist-keyring-'));
  // Ctrl-C reaches the whole process group: the command stops on its own, and this process
  // outlives it to remove the keyring folder instead of dying first.
  const ignore = () => undefined;
  process.on('SIGINT', ignore).on('SIGTERM', ignore);
  try {
    return run(
      'dbus-run-session',
      [
        '--',
        'bash',
        join(ROOT, 'test', 'electron', 'keyring-session.sh'),
        'xvfb-run',
        '-a',
        '-s',
        '-screen 0 1280x900x24',
        ...command,
      ],
      { ...env, DIARIST_TEST_KEYRING_DIR: keyringDir },
    );
  } finally {
    process.off('SIGINT', ignore).off('SIGTERM', ignore);
    rmSync(keyringDir, { recursive: true, force: true });
  }
}
