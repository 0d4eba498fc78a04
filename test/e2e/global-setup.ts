/** Builds the renderer and the preview page's bridge (the preload's builder) once before the browser tests, so they test what ships. */

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  execFileSync(
    process.execPath,
    [join(import.meta.dirname, '..', '..', 'scripts', 'build.mjs'), 'renderer', 'preview'],
    {
      stdio: 'inherit',
    },
  );
}
