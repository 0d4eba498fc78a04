/**
 * The module groups of mutation testing (`npm run test:mutation`): for each, the source files
 * Stryker mutates and the tests it runs against them. One Stryker run per group, so that a
 * client mutant is not run against the slow engine suite. Shared by stryker.config.mjs,
 * vitest.mutation.config.ts, scripts/mutation.mjs and scripts/mutation-summary.mjs.
 */

export const MUTATION_GROUPS = {
  jobs: {
    // The job modules with their own unit tests. The engine and its steps are the `engine`
    // group below: see README.md, "Mutation testing".
    mutate: [
      'src/core/jobs/store.ts',
      'src/core/jobs/rate-budget.ts',
      'src/core/jobs/result-files.ts',
      'src/core/jobs/messages.ts',
      'src/core/jobs/result-saver.ts',
      'src/core/jobs/lifecycle.ts',
      'src/core/jobs/duplicates.ts',
      'src/core/jobs/team-pacing.ts',
    ],
    tests: ['test/unit/jobs/**/*.test.ts', 'test/unit/i18n/error-words-core.test.ts'],
  },
  upload: {
    mutate: ['src/core/upload/*.ts'],
    // error-words-core builds every keyed message the core sends and checks its key and values.
    tests: [
      'test/unit/upload/**/*.test.ts',
      'test/integration/upload*.test.ts',
      'test/unit/i18n/error-words-core.test.ts',
    ],
  },
  client: {
    mutate: ['src/core/pyannote/client.ts', 'src/core/pyannote/http-errors.ts'],
    tests: [
      'test/unit/pyannote/**/*.test.ts',
      'test/integration/client*.test.ts',
      'test/unit/i18n/error-words-core.test.ts',
    ],
  },
  /**
   * The engine and the steps it drives, which only the engine suite against the simulator
   * exercises (about 30 s a run): not in the default run (`npm run test:mutation engine`).
   */
  engine: {
    mutate: [
      'src/core/jobs/engine.ts',
      'src/core/jobs/tracker.ts',
      'src/core/jobs/submit-step.ts',
      'src/core/jobs/upload-step.ts',
      // The steps' shared interface, with one small helper.
      'src/core/jobs/context.ts',
    ],
    tests: ['test/integration/engine*.test.ts'],
  },
};

/** The groups `npm run test:mutation` runs and the summary holds to 80 %. */
export const GATED_GROUPS = ['jobs', 'upload', 'client'];

/** The group named by MUTATION_GROUP (set by scripts/mutation.mjs for each Stryker run). */
export function mutationGroup(name = process.env.MUTATION_GROUP) {
  if (name && Object.hasOwn(MUTATION_GROUPS, name)) return name;
  throw new Error(
    `MUTATION_GROUP must be one of ${Object.keys(MUTATION_GROUPS).join(', ')} (got ${name})`,
  );
}

/** Where each group's reports go. */
export const reportDir = (group) => `reports/mutation/${group}`;
