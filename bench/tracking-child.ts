/**
 * One computer of `npm run bench:tracking`'s second scenario: its own JobEngine on its own data
 * folder, following the jobs seeded there, at the simulator in SIM_URL with the team key in
 * SIM_KEY (given in the environment, never on the command line). `paced` is the app as shipped;
 * `local` hides the rate-limit headers from the engine, so only its local bucket paces it.
 *
 * Prints one JSON line per saved result, {"saved": recordId, "at": ms}, then
 * {"done": true, "unfinished": n, "failed": n} when every job is final or the deadline passed.
 */

import { JobEngine } from '../src/core/jobs/engine';
import { createPyannoteClient, type PyannoteClient } from '../src/core/pyannote/client';
import { isFinalState } from '../src/shared/jobs';
import { sleep } from './tracking-setup';

const [dataDir, mode, deadlineText] = process.argv.slice(2);
const baseUrl = process.env.SIM_URL;
const apiKey = process.env.SIM_KEY;
if (!dataDir || (mode !== 'paced' && mode !== 'local') || !deadlineText || !baseUrl || !apiKey)
  throw new Error('usage: SIM_URL=… SIM_KEY=… tracking-child <dataDir> <paced|local> <deadline>');
const deadline = Number(deadlineText);

const client = createPyannoteClient({ baseUrl, getApiKey: () => apiKey });
// The baseline: the same engine, blind to the team's headers (its own bucket and 429 waits only).
const { watchRateLimit: _hidden, ...blind } = client;
const engineClient: PyannoteClient = mode === 'paced' ? client : blind;

const engine = await JobEngine.open({ dataDir, client: engineClient });
const reported = new Set<string>();
engine.subscribe((event) => {
  if (event.type !== 'job' || event.job.state !== 'succeeded' || reported.has(event.job.id)) return;
  reported.add(event.job.id);
  process.stdout.write(`${JSON.stringify({ saved: event.job.id, at: Date.now() })}\n`);
});
const stop = new AbortController();
await Promise.race([engine.whenIdle(), sleep(deadline - Date.now(), stop.signal)]);
stop.abort();
const jobs = engine.list();
const summary = {
  done: true,
  unfinished: jobs.filter((job) => !isFinalState(job.state)).length,
  failed: jobs.filter((job) => job.state === 'failed').length,
};
await engine.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
