/**
 * The layers of docs/architecture.md, as lint enforces them: shared ← core ← main / cli /
 * preview; the renderer and the preload reach only shared. Each case is an import a careless
 * change could add, linted as if it stood in that file.
 */

import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const refused: [string, string, string][] = [
  [
    'src/core/jobs/engine.ts',
    "import { createElectronDialogs } from '../../main/dialogs';",
    'core → main',
  ],
  ['src/core/app/services.ts', "import { run } from '../../cli/run';", 'core → cli'],
  [
    'src/core/app/services.ts',
    "import { startPreview } from '../../preview/server';",
    'core → preview',
  ],
  ['src/core/jobs/engine.ts', "import { app } from 'electron';", 'core → electron'],
  ['src/shared/jobs.ts', "import { DiaristError } from '../core/errors';", 'shared → core'],
  ['src/shared/jobs.ts', "import { readFile } from 'node:fs/promises';", 'shared → node'],
  ['src/cli/run.ts', "import { menuTemplate } from '../main/menu';", 'cli → main'],
  ['src/cli/run.ts', "import { app } from 'electron';", 'cli → electron'],
  [
    'src/preview/server.ts',
    "import { hardenWebContents } from '../main/hardening';",
    'preview → main',
  ],
  ['src/main/index.ts', "import { startPreview } from '../preview/server';", 'main → preview'],
  ['src/main/index.ts', "import { run } from '../cli/run';", 'main → cli'],
  ['src/renderer/App.tsx', "import { JobEngine } from '../core/jobs/engine';", 'renderer → core'],
  ['src/preload/api.ts', "import { JobEngine } from '../core/jobs/engine';", 'preload → core'],
];

const allowed: [string, string, string][] = [
  ['src/core/jobs/engine.ts', "import { DiaristError } from '../errors';", 'core → core'],
  [
    'src/core/jobs/engine.ts',
    "import type { JobRecord } from '../../shared/jobs';",
    'core → shared',
  ],
  ['src/main/index.ts', "import { createAppServices } from '../core/app/services';", 'main → core'],
  ['src/main/index.ts', "import { app } from 'electron';", 'main → electron'],
  ['src/cli/run.ts', "import { JobEngine } from '../core/jobs/engine';", 'cli → core'],
  ['src/preview/server.ts', "import { invoke } from '../core/app/invoke';", 'preview → core'],
];

describe('the layer rule in lint', () => {
  it.each(refused)('refuses in %s: %s (%s)', async (file, code) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each(allowed)('allows in %s: %s (%s)', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
