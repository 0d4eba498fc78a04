// Builds every process: main (ESM, for electron-store), the preload (one CommonJS file, as
// sandboxed preloads require), the command-line tool, and the renderer (Vite). Named targets
// build only those (`build.mjs renderer preview`); `preview`, the browser preview's bridge, is
// built only when named: it is never part of the app.
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

const only = process.argv.slice(2);
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
  // The preview page's window.diarist: the preload's own builder over the loopback bridge.
  preview: () =>
    esbuild({
      entryPoints: ['src/preview/browser/main.ts'],
      outfile: 'dist/preview/bridge.js',
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      logLevel: 'warning',
    }),
};
const namedOnly = new Set(['preview']);

for (const name of only) if (!(name in tasks)) throw new Error(`build.mjs: no target "${name}"`);
for (const [name, run] of Object.entries(tasks)) {
  if (only.length > 0 ? !only.includes(name) : namedOnly.has(name)) continue;
  await run();
}
