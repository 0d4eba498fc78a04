/** Packs the test build once before the suite (run.ts has already built dist/ and found Electron). */

import { packTestBuild } from './harness';

export default async function setup(): Promise<void> {
  await packTestBuild();
}
