import { defineConfig } from 'vitest/config';

// The package check: builds the app and packs it with electron-builder (Linux directory target,
// a stand-in Electron), offline. One file at a time: packing is disk- and CPU-heavy.
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
