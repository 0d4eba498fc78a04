/**
 * What both scenarios of `npm run bench:tracking` share: recordings on disk described by the app's
 * own pre-flight check, jobs created directly at a simulator with chosen finish times, the engine
 * records seeded as they are after a submit, and the figures taken from the simulator's log.
 */

import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JobStore } from '../src/core/jobs/store';
import { checkRecording } from '../src/core/media/preflight';
import { toDiarizeRequestBody } from '../src/core/pyannote/request-body';
import { hashFile, mediaUrlForContent } from '../src/core/upload/media-key';
import { DEFAULT_DIARIZE_OPTIONS } from '../src/shared/diarize-options';
import type { JobRecord } from '../src/shared/jobs';
import type { Simulator, Timing } from '../test/simulator';
import { seededRandom } from '../test/simulator/prng';
import { submitDiarization, uploadMedia } from '../test/simulator/test-helpers';
import { makeWav } from '../test/simulator/wav';

const WAV_SECONDS = 1;

export interface SeededJob {
  /** Index in submission order. */
  index: number;
  serviceJobId: string;
}

export interface Recording {
  path: string;
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  durationSeconds: number;
  container: string;
  sha256: string;
  mediaUrl: string;
  bytes: Buffer;
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/** Most requests in any 60 s window, from sorted arrival times. */
export function peakInWindow(times: number[], windowMs = 60_000): number {
  let peak = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[first]! <= times[last]! - windowMs) first += 1;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

export const median = (values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const seconds = (ms: number | undefined): string =>
  ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`;

/** When each job finishes, by submission index: slot k at a random moment, slots shuffled. */
export function finishOffsets(
  seed: string,
  count: number,
  firstMs: number,
  slotMs: number,
): number[] {
  const rng = seededRandom(seed);
  const slots = Array.from({ length: count }, (_, k) => k);
  for (let i = slots.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  return slots.map((k) => Math.round(firstMs + (k + rng()) * slotMs));
}

/** Tiny distinct WAVs on disk, described by the app's own pre-flight check and content hash. */
export async function makeRecordings(dir: string, count: number): Promise<Recording[]> {
  const recordings: Recording[] = [];
  for (let index = 0; index < count; index += 1) {
    const name = `meeting-${String(index + 1).padStart(3, '0')}.wav`;
    const path = join(dir, name);
    const bytes = makeWav({ seconds: WAV_SECONDS, sampleRate: 8_000, frequency: 200 + index });
    await writeFile(path, bytes);
    const checked = await checkRecording(path);
    if (!checked.ok) throw new Error(`${name}: ${checked.message}`);
    const { sha256 } = await hashFile(path);
    const { info } = checked;
    recordings.push({
      path,
      name,
      sizeBytes: info.sizeBytes,
      mtimeMs: info.mtimeMs,
      durationSeconds: info.durationSeconds,
      container: info.container,
      sha256,
      mediaUrl: mediaUrlForContent(sha256),
      bytes,
    });
  }
  return recordings;
}

/**
 * Uploads and submits every recording at one simulator, one at a time so that each job gets
 * the timing set just before its own POST (the simulator snapshots timing per job).
 */
export async function createJobs(
  sim: Simulator,
  recordings: Recording[],
  finishAt: number[],
  timing: Omit<Timing, 'runningMs'>,
): Promise<SeededJob[]> {
  sim.options.rateLimit = null;
  const jobs: SeededJob[] = [];
  for (const [index, recording] of recordings.entries()) {
    const status = await uploadMedia(sim, recording.mediaUrl, recording.bytes);
    if (status !== 200) throw new Error(`upload answered ${status}`);
    const audioMs = timing.runningMsPerAudioSecond * recording.durationSeconds;
    const runningMs = finishAt[index]! - sim.now() - timing.createdMs - timing.pendingMs - audioMs;
    sim.options.timing = { ...timing, runningMs: Math.max(0, runningMs) };
    const body = toDiarizeRequestBody(recording.mediaUrl, DEFAULT_DIARIZE_OPTIONS);
    jobs.push({ index, serviceJobId: await submitDiarization(sim, { ...body }) });
  }
  return jobs;
}

/** Writes the records the engine itself holds after submitting each job (submitIntent cleared). */
export async function seedEngineStore(
  dataDir: string,
  recordings: Recording[],
  jobs: SeededJob[],
): Promise<Map<string, string>> {
  const store = await JobStore.open(dataDir);
  const batchId = randomUUID();
  const stamp = new Date().toISOString();
  const recordIdToServiceId = new Map<string, string>();
  for (const job of jobs) {
    const recording = recordings[job.index]!;
    const record: JobRecord = {
      id: randomUUID(),
      revision: 1,
      batchId,
      createdAt: stamp,
      updatedAt: stamp,
      state: 'queued',
      source: {
        path: recording.path,
        name: recording.name,
        sizeBytes: recording.sizeBytes,
        mtimeMs: recording.mtimeMs,
        durationSeconds: recording.durationSeconds,
        container: recording.container,
      },
      options: DEFAULT_DIARIZE_OPTIONS,
      sha256: recording.sha256,
      mediaUrl: recording.mediaUrl,
      serviceJobId: job.serviceJobId,
      serviceStatus: 'created',
    };
    store.put(record);
    store.recordUpload(recording.mediaUrl, Date.now());
    recordIdToServiceId.set(record.id, job.serviceJobId);
  }
  await store.close();
  return recordIdToServiceId;
}
