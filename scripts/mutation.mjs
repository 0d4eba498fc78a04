// `npm run test:mutation [group…]`: one Stryker run per module group (jobs, upload, client by default),
// then the per-module summary, which exits non-zero when a group scores below 80 %.
import { spawnSync } from 'node:child_process';
import { GATED_GROUPS, mutationGroup } from './mutation-groups.mjs';

const groups =
  process.argv.length > 2 ? process.argv.slice(2).map((g) => mutationGroup(g)) : GATED_GROUPS;
for (const group of groups) {
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_GROUP: group },
  });
  console.log(`mutation group ${group}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const summary = spawnSync('node', ['scripts/mutation-summary.mjs'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
