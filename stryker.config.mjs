// Mutation testing of the core's job, upload and client modules (`npm run test:mutation`; not
// part of `npm test`). Stryker changes one thing in the code at a time (a mutant) and runs the
// tests that cover that line; a mutant no test notices marks behaviour no test pins down.
// One run per group of scripts/mutation-groups.mjs, chosen by MUTATION_GROUP;
// scripts/mutation-summary.mjs prints the score per module and per group, and fails below 80 %.
import { MUTATION_GROUPS, mutationGroup, reportDir } from './scripts/mutation-groups.mjs';

const group = mutationGroup();
const reports = reportDir(group);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: MUTATION_GROUPS[group].mutate,
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Reruns test only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'release', 'reports', 'bench', 'docs', 'build', 'coverage'],
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: `${reports}/mutation.json` },
  htmlReporter: { fileName: `${reports}/index.html` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  thresholds: { high: 90, low: 80, break: null },
  // A mutant that makes a wait never end is a kill too; it costs this much beyond the tests' time.
  timeoutMS: 5_000,
  timeoutFactor: 1.5,
};
