/** Entry point of `npm run diarize`: runs the command with this process's streams and exit code. */

import { runDiarize } from './run';

const controller = new AbortController();
let interrupts = 0;
const onInterrupt = () => {
  interrupts += 1;
  // First Ctrl-C stops cleanly (the run resumes next time); a second one leaves at once.
  if (interrupts > 1) process.exit(130);
  controller.abort();
};
process.on('SIGINT', onInterrupt);
process.on('SIGTERM', onInterrupt);

const code = await runDiarize(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted ? 130 : code;
