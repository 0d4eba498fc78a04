/**
 * `npm run test:electron`: the real app in a real Electron. It finds the runtime (the pinned
 * Electron's where installed, else the Electron 33 test runtime, made on first use), builds, and
 * runs the suite inside a private D-Bus session with an unlocked GNOME Keyring and, without a
 * display, under Xvfb. It never reports a skip as a pass: no runtime, no display or no keyring is
 * a failure that says what to install.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronRuntime, ROOT } from './runtime';

const fail = (message: string): never => {
  console.error(`test:electron: ${message}`);
  process.exit(1);
};

const runtime = await findElectronRuntime().catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
);
console.log(
  `test:electron: Electron ${runtime.version} (${runtime.kind === 'pinned' ? 'the pinned runtime' : 'the test runtime'}) from ${runtime.distDir}`,
);

const has = (command: string) => !spawnSync('sh', ['-c', `command -v ${command}`]).status;
const linux = process.platform === 'linux';
if (linux) {
  const missing = ['xvfb-run', 'dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !has(c));
  if (missing.length > 0) {
    fail(
      `missing ${missing.join(', ')}: apt-get install xvfb xauth dbus gnome-keyring libgtk-3-0 libnss3 libasound2 libgbm1`,
    );
  }
}

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env }).status ?? 1;

const built = run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
if (built !== 0) process.exit(built);

const vitest = [
  process.execPath,
  join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  'run',
  '--config',
  'vitest.electron.config.ts',
  ...process.argv.slice(2),
];
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DIARIST_TEST_ELECTRON_DIST: runtime.distDir,
  DIARIST_TEST_ELECTRON_VERSION: runtime.version,
  DIARIST_TEST_ELECTRON_KIND: runtime.kind,
};
if (!linux) process.exit(run(vitest[0]!, vitest.slice(1), env));

// Linux: a keyring of its own for this run, and a virtual display of a laptop's size.
const keyringDir = mkdtempSync(join(tmpdir(), 'diarist-keyring-'));
try {
  const status = run(
    'dbus-run-session',
    [
      '--',
      'bash',
      join(ROOT, 'test', 'electron', 'keyring-session.sh'),
      'xvfb-run',
      '-a',
      '-s',
      '-screen 0 1280x900x24',
      ...vitest,
    ],
    { ...env, DIARIST_TEST_KEYRING_DIR: keyringDir },
  );
  process.exitCode = status;
} finally {
  rmSync(keyringDir, { recursive: true, force: true });
}
