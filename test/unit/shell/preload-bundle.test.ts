import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: object };

describe('the preload bundle', () => {
  it('needs no module but electron, as a sandboxed preload must', async () => {
    // The same settings as scripts/build.mjs: one CommonJS file, packages left external.
    const result = await build({
      entryPoints: ['src/preload/index.ts'],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      external: ['electron', ...Object.keys(pkg.dependencies ?? {})],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld');
  });
});
