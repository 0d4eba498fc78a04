// Prints "module: score" for every mutated module and each group's score, from the JSON reports
// of the last Stryker runs (reports/mutation/<group>/mutation.json), and exits non-zero when a
// gated group (jobs, upload, client) scores below 80 % or has no report.
// Score = (killed + timed out) / all valid mutants, as Stryker counts it (mutants that no test
// covers count against the score).
import { readFileSync } from 'node:fs';
import { GATED_GROUPS, MUTATION_GROUPS, reportDir } from './mutation-groups.mjs';

const THRESHOLD = 80;
const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

const score = (mutants) => {
  const counted = mutants.filter((m) => COUNTED.has(m.status));
  const detected = counted.filter((m) => DETECTED.has(m.status)).length;
  return {
    detected,
    total: counted.length,
    percent: counted.length ? (100 * detected) / counted.length : 100,
  };
};
const format = ({ detected, total, percent }) => `${percent.toFixed(1)} % (${detected}/${total})`;

let failing = false;
for (const group of Object.keys(MUTATION_GROUPS)) {
  let report;
  try {
    report = JSON.parse(readFileSync(`${reportDir(group)}/mutation.json`, 'utf8'));
  } catch {
    if (!GATED_GROUPS.includes(group)) continue;
    console.log(`${group}: no report (run npm run test:mutation ${group})`);
    failing = true;
    continue;
  }
  const all = [];
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    console.log(`${file}: ${format(score(mutants))}`);
    all.push(...mutants);
  }
  const total = score(all);
  const gated = GATED_GROUPS.includes(group);
  const ok = !gated || total.percent >= THRESHOLD;
  if (!ok) failing = true;
  const note = !gated ? ' (not gated)' : ok ? '' : ` — below ${THRESHOLD} %`;
  console.log(`${group} group: ${format(total)}${note}`);
}
process.exit(failing ? 1 : 0);
