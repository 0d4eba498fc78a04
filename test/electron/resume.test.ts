/**
 * Quitting in the middle of an upload, in the real app: a person adds a long recording, quits
 * (a normal quit, as closing the window does) while it is still on its way, and starts Diarist
 * again. The job is still there, not failed; it uploads again, reaches Done, and the service saw
 * exactly one diarization job. The simulator holds the first upload's request for 30 s (a slow
 * line), so the quit always lands mid-upload.
 */

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/shared/jobs';
import type { FaultRule, Simulator } from '../simulator';
import { makeWav } from '../simulator/wav';
import {
  addButton,
  enterKey,
  keyField,
  launchApp,
  makeWorkspace,
  startTestSimulator,
  type Launched,
  type Workspace,
} from './launch';

const RECORDING = 'long-meeting.wav';
const PUT = 'PUT /_upload/:token';

describe('Quitting in the middle of an upload, and starting again', () => {
  let sim: Simulator;
  let ws: Workspace;
  let s: Launched | undefined;
  let slowFirstUpload: FaultRule;
  let recording: string;
  let sizeBytes: number;
  const row = () =>
    s!.page
      .getByRole('list', { name: 'Job list' })
      .getByRole('listitem')
      .filter({ hasText: RECORDING });

  beforeAll(async () => {
    // A long recording (about 32 MB); the service takes 1 ms per audio second to process it.
    sim = await startTestSimulator({ timing: { runningMsPerAudioSecond: 1 } });
    ws = await makeWorkspace();
    recording = join(ws.filesDir, RECORDING);
    const wav = makeWav({ seconds: 1000 });
    sizeBytes = wav.length;
    await writeFile(recording, wav);
    slowFirstUpload = sim.addFault({
      kind: 'slow',
      method: 'PUT',
      path: '/_upload/*',
      delayMs: 30_000,
      times: 1,
    });
  });
  afterAll(async () => {
    await s?.close();
    await sim?.close();
    await ws?.remove();
  });

  it('quits normally while the recording is uploading; the job is saved as not sent yet', async () => {
    s = await launchApp(ws, sim);
    const { page, app } = s;
    await enterKey(page, sim.apiKey);
    await addButton(page).waitFor();
    // The native dialog cannot be clicked; main's dialog answers with the recording instead.
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as never;
    }, recording);
    await addButton(page).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await row()
      .getByText(/Uploading \d+ %/)
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => sim.countRequests({ route: PUT })).toBe(1);
    expect(sim.uploads().size).toBe(0);
    expect(sim.diarizePosts).toBe(0);

    await s.close();
    const saved = JSON.parse(await readFile(join(ws.dataDir, 'jobs.json'), 'utf8')) as {
      jobs: JobRecord[];
    };
    expect(saved.jobs).toHaveLength(1);
    const [job] = saved.jobs;
    expect(job!.source.name).toBe(RECORDING);
    expect(['waiting', 'uploading']).toContain(job!.state);
    expect(job!.serviceJobId).toBeUndefined();
    expect(job!.submitIntent).toBeUndefined();
    // The first upload never completed at the service.
    expect(sim.uploads().size).toBe(0);
  });

  it('starts again: the job is still there, uploads again, reaches Done, one job at the service', async () => {
    s = await launchApp(ws, sim);
    const { page } = s;
    // The key is still there (the real keyring), so the main screen opens directly.
    await addButton(page).waitFor();
    await expect(keyField(page).count()).resolves.toBe(0);
    await expect(row().count()).resolves.toBe(1);
    await expect(
      row()
        .getByText(/^Failed|^Canceled/)
        .count(),
    ).resolves.toBe(0);
    await row().getByText('Done', { exact: true }).waitFor({ timeout: 45_000 });

    expect(sim.jobs()).toHaveLength(1);
    expect(sim.diarizePosts).toBe(1);
    expect(sim.countRequests({ route: PUT })).toBe(2);
    expect(sim.faultHits(slowFirstUpload)).toBe(1);
    const uploads = [...sim.uploads().values()];
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.size).toBe(sizeBytes);
    expect(sim.jobs()[0]!.request.url).toBe(uploads[0]!.key);
    expect(sim.jobs()[0]!.status).toBe('succeeded');
    await expect(
      s.page.getByRole('list', { name: 'Job list' }).getByRole('listitem').count(),
    ).resolves.toBe(1);
  });
});
