/** Standalone simulator (`npm run simulator`): configured from SIMULATOR_* variables, stops on SIGINT/SIGTERM. */

import { optionsFromEnv } from './env';
import { startSimulator } from './index';

async function main(): Promise<void> {
  const sim = await startSimulator(optionsFromEnv(process.env));
  // The one line that shows the key, by design: it is a throwaway test key.
  console.log(`simulator: ${sim.baseUrl} key: ${sim.apiKey}`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
