import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium through the preview; one file at a time keeps them
// steady on a 2-core machine.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
