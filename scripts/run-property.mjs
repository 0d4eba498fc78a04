// `npm run test:property`: the lifecycle property test with many random runs (npm test runs 20).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const runs = process.argv[2] ?? '1000';
const vitest = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const { status } = spawnSync(process.execPath, [vitest, 'run', 'test/property'], {
  stdio: 'inherit',
  env: { ...process.env, DIARIST_PROPERTY_RUNS: runs },
});
process.exit(status ?? 1);
