/**
 * `npm run preview` (which first builds the renderer and dist/preview/bridge.js): serves
 * dist/renderer with the real core; prints `preview: <url>`.
 */

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveApiUrl } from '../core/pyannote/client';
import { startPreview } from './server';

const root = resolve(import.meta.dirname, '..', '..');
const dataDir = process.env.DIARIST_DATA_DIR
  ? resolve(process.env.DIARIST_DATA_DIR)
  : await mkdtemp(join(tmpdir(), 'diarist-preview-'));
const preview = await startPreview({
  rendererDir: join(root, 'dist', 'renderer'),
  dataDir,
  apiUrl: resolveApiUrl(),
  filesDir: resolve(process.env.DIARIST_PREVIEW_FILES ?? join(root, 'test', 'fixtures')),
  exportsDir: resolve(process.env.DIARIST_PREVIEW_EXPORTS ?? join(dataDir, 'exports')),
  port: Number(process.env.DIARIST_PREVIEW_PORT ?? 0),
});
console.log(`preview: ${preview.url}`);

const stop = () => void preview.close().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
