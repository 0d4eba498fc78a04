/**
 * `npm run test:electron`: the real app in a real Electron. It finds the runtime (the pinned
 * Electron's where installed, else the Electron 33 test runtime, made on first use), builds, and
 * runs the suite inside a private D-Bus session with an unlocked GNOME Keyring and, without a
 * display, under Xvfb. It never reports a skip as a pass: no runtime, no display or no keyring is
 * a failure that says what to install.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { missingDesktopTools, runInDesktopSession, runtimeEnv } from './desktop-session';
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

const missing = missingDesktopTools();
if (missing) fail(missing);

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
// Linux: a keyring of its own for this run, and a virtual display of a laptop's size.
process.exitCode = runInDesktopSession(vitest, { ...process.env, ...runtimeEnv(runtime) });
