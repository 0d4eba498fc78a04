import { defineConfig } from 'vitest/config';

// The real-Electron suite: `npm run test:electron` (test/electron/run.ts) checks for an Electron
// runtime first and only then runs this; the global setup packs the test build.
export default defineConfig({
  test: {
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    globalSetup: ['test/electron/global-setup.ts'],
  },
});
