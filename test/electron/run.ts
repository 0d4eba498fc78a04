/**
 * `npm run test:electron`: runs the real-Electron suite where an Electron runtime exists, and
 * otherwise says in one line why it did not run and succeeds (no tests counted, none skipped).
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronRuntime, ROOT } from './runtime';

const runtime = findElectronRuntime();
if (!runtime.available) {
  console.log(`test:electron: skipped — ${runtime.reason}`);
  process.exit(0);
}

const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;

const built = run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
if (built !== 0) process.exit(built);

const vitest = [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run'];
const args = [...vitest, '--config', 'vitest.electron.config.ts', ...process.argv.slice(2)];
// Electron needs a display; on a Linux machine without one, xvfb-run provides it.
const headless =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (headless) {
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) {
    console.error(
      'test:electron: no display for Electron; install xvfb (apt-get install xvfb) or run it in a desktop session',
    );
    process.exit(1);
  }
  process.exit(run('xvfb-run', ['-a', process.execPath, ...args]));
}
process.exit(run(process.execPath, args));
