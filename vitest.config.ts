import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/simulator/**/*.test.ts',
      'test/property/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests start servers on 127.0.0.1; every one stops by itself.
    teardownTimeout: 5_000,
  },
});
