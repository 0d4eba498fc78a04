/** The diarize command on a video: only its sound is sent, and it says so with the sizes. */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_SIM, startSimulator, tempDir, type Simulator } from '../support/engine-harness';
import { runInProcess, savedJobs } from '../support/cli-harness';
import { makeMedia } from '../support/prepare-media';

describe('the diarize command on a video', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  beforeEach(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-cli-prepare-');
  });
  afterEach(async () => {
    await sim.close();
    await work.remove();
  });

  it('sends only the sound and prints how much of the file that is', async () => {
    const video = await makeMedia(work.path, 'meeting-aac.mp4');
    const data = join(work.path, 'data');
    const env = { PYANNOTE_API_URL: sim.baseUrl, PYANNOTE_API_KEY: sim.apiKey };
    const { code, stderr } = await runInProcess([video, '--data', data], env);
    expect(code, stderr).toBe(0);
    const [job] = await savedJobs(data);
    expect(job?.prepared, 'the job records its prepared file').toBeDefined();
    expect(stderr).toMatch(
      /meeting-aac\.mp4: Only the sound is sent \(\d+(\.\d)? KB of \d+(\.\d)? KB\)/,
    );
    expect(sim.uploadedBytes(job!.mediaUrl!)?.length).toBe(job!.prepared!.sizeBytes);
  });
});
