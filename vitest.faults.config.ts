import { defineConfig } from 'vitest/config';

// The fault catalogue (`npm run test:faults`): every fault injected through the simulator or the
// environment, with a summary table printed at the end by the global setup's teardown. Files run
// in separate processes (some scenarios change the effective user or mount a tiny filesystem);
// most of the time is spent waiting out backoffs, so three files at a time fit on 2 cores.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 180_000,
    hookTimeout: 30_000,
    teardownTimeout: 10_000,
    globalSetup: ['test/faults/global-setup.ts'],
  },
});
