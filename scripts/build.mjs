// Builds every process: main (ESM, for electron-store), the preload (one CommonJS file, as
// sandboxed preloads require), the command-line tool, and the renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
// Runtime dependencies stay in node_modules (electron-builder packs them); electron is provided.
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
};
const banner = {
  // ESM bundles that pull in CommonJS code need a `require`.
  js: "import { createRequire as __diaristCreateRequire } from 'node:module'; const require = __diaristCreateRequire(import.meta.url);",
};

const only = process.argv[2];
const tasks = {
  main: () =>
    esbuild({
      ...common,
      entryPoints: ['src/main/index.ts'],
      outfile: 'dist/main/index.js',
      format: 'esm',
      banner,
    }),
  preload: () =>
    esbuild({
      ...common,
      entryPoints: ['src/preload/index.ts'],
      outfile: 'dist/preload/index.cjs',
      format: 'cjs',
    }),
  cli: () =>
    esbuild({
      ...common,
      entryPoints: ['src/cli/diarize.ts'],
      outfile: 'dist/cli/diarize.js',
      format: 'esm',
      banner,
    }),
  // Always React's production build: a caller's NODE_ENV (Vitest sets "test") must not turn the
  // tested and shipped renderer into a development bundle.
  renderer: () => {
    process.env.NODE_ENV = 'production';
    return vite({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'warn' });
  },
};

for (const [name, run] of Object.entries(tasks)) {
  if (only && only !== name) continue;
  await run();
}
