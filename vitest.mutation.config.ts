import { defineConfig } from 'vitest/config';
import { MUTATION_GROUPS, mutationGroup } from './scripts/mutation-groups.mjs';

// The tests Stryker runs against the mutants of one module group (`npm run test:mutation`,
// stryker.config.mjs): the unit and integration tests of that group only. No end-to-end,
// Electron, fault-catalogue or package suites: they drive built code or other processes,
// which a mutant in Stryker's sandbox never reaches, and they take minutes.
export default defineConfig({
  test: {
    include: MUTATION_GROUPS[mutationGroup()].tests,
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    teardownTimeout: 5_000,
  },
});
