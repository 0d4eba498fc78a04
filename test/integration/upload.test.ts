import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readlink, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPyannoteClient, type PyannoteClient } from '../../src/core/pyannote/client';
import { createUploader, type UploadProgress } from '../../src/core/upload/uploader';
import { startSimulator, type Simulator } from '../simulator';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'conversation.wav');
const FAST_RETRY = { baseMs: 5, maxMs: 20 };

/** Open file descriptors of this process that point at `path` (Linux). */
async function openHandlesTo(path: string): Promise<number> {
  const fds = await readdir('/proc/self/fd');
  let count = 0;
  for (const fd of fds) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === path) count += 1;
  }
  return count;
}

describe('streaming upload against the simulator', () => {
  let sim: Simulator;
  let client: PyannoteClient;
  let dir: string;
  let bigFile: string;
  let bigSha: string;
  beforeAll(async () => {
    sim = await startSimulator();
    client = createPyannoteClient({ baseUrl: sim.baseUrl, getApiKey: () => sim.apiKey });
    dir = await mkdtemp(join(tmpdir(), 'diarist-upload-'));
    bigFile = join(dir, 'big recording.wav');
    const bytes = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    await writeFile(bigFile, bytes);
    bigSha = createHash('sha256').update(bytes).digest('hex');
  });
  afterEach(() => {
    sim.clearFaults();
    sim.options.uploadUrlTtlMs = 60 * 60 * 1000;
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a recording with progress that reaches 100 %', async () => {
    const progress: UploadProgress[] = [];
    const uploader = createUploader({ client, progressIntervalMs: 0 });
    await uploader.upload({
      path: FIXTURE,
      mediaUrl: 'media://diarist/fixture',
      onProgress: (p) => progress.push(p),
    });
    const bytes = await readFile(FIXTURE);
    const stored = sim.uploads().get('media://diarist/fixture');
    expect(stored?.size).toBe(bytes.length);
    expect(stored?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(progress.at(-1)).toEqual({
      sentBytes: bytes.length,
      totalBytes: bytes.length,
      attempt: 1,
    });
    expect(progress.map((p) => p.sentBytes)).toEqual(
      [...progress.map((p) => p.sentBytes)].sort((a, b) => a - b),
    );
  });

  it('survives a connection reset mid-way, with a fresh URL for the retry', async () => {
    const rule = sim.addFault({
      kind: 'reset',
      method: 'PUT',
      afterBytes: 4 * 1024 * 1024,
      times: 1,
    });
    const urlsBefore = sim.countRequests({ route: 'POST /v1/media/input' });
    const uploader = createUploader({ client, backoff: FAST_RETRY });
    await uploader.upload({ path: bigFile, mediaUrl: 'media://diarist/reset' });
    expect(sim.faultHits(rule)).toBe(1);
    expect(sim.countRequests({ route: 'POST /v1/media/input' }) - urlsBefore).toBe(2);
    expect(sim.uploads().get('media://diarist/reset')?.sha256).toBe(bigSha);
    expect(await openHandlesTo(bigFile)).toBe(0);
  });

  it('replaces an expired pre-signed URL', async () => {
    sim.options.uploadUrlTtlMs = 100;
    // The first PUT waits past the link's lifetime, so storage answers 403 Request has expired.
    const slow = sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 300, times: 1 });
    const uploader = createUploader({ client, backoff: FAST_RETRY });
    await uploader.upload({ path: FIXTURE, mediaUrl: 'media://diarist/expired' });
    expect(sim.faultHits(slow)).toBe(1);
    expect(sim.countRequests({ method: 'PUT', status: 403 })).toBeGreaterThanOrEqual(1);
    expect(sim.uploads().has('media://diarist/expired')).toBe(true);
  });

  it('gives up after a bounded number of attempts with a clear message', async () => {
    sim.addFault({ kind: 'status', method: 'PUT', status: 503 });
    const puts = sim.countRequests({ method: 'PUT' });
    const uploader = createUploader({ client, backoff: FAST_RETRY, maxAttempts: 3 });
    const error = await uploader
      .upload({ path: FIXTURE, mediaUrl: 'media://diarist/down' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upload-rejected', retryable: true });
    expect((error as Error).message).toMatch(/failed 3 times/);
    expect(sim.countRequests({ method: 'PUT' }) - puts).toBe(3);
  });

  it('cancels at once and leaves no open file handle', async () => {
    // Storage that never reads the body: the upload stalls until it is canceled.
    sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 10_000, times: 1 });
    const controller = new AbortController();
    const uploader = createUploader({ client });
    let sent = 0;
    const pending = uploader.upload({
      path: bigFile,
      mediaUrl: 'media://diarist/cancel',
      signal: controller.signal,
      onProgress: (p) => (sent = p.sentBytes),
    });
    // The person presses Cancel while bytes are in flight.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent).toBeGreaterThan(0);
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'canceled' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await openHandlesTo(bigFile)).toBe(0);
    expect(sim.uploads().has('media://diarist/cancel')).toBe(false);
  });

  it('retries an upload that stalls', async () => {
    sim.addFault({ kind: 'slow', method: 'PUT', delayMs: 5_000, times: 1 });
    const uploader = createUploader({ client, backoff: FAST_RETRY, stallTimeoutMs: 300 });
    await uploader.upload({ path: FIXTURE, mediaUrl: 'media://diarist/stall' });
    expect(sim.uploads().has('media://diarist/stall')).toBe(true);
  });

  it('refuses a file that changed since it was checked, and one that disappeared', async () => {
    const path = join(dir, 'changing.wav');
    await writeFile(path, await readFile(FIXTURE));
    const uploader = createUploader({ client, backoff: FAST_RETRY });
    await utimes(path, new Date(), new Date(Date.now() + 60_000));
    await expect(
      uploader.upload({
        path,
        mediaUrl: 'media://diarist/changed',
        expected: { sizeBytes: 1, mtimeMs: 0 },
      }),
    ).rejects.toMatchObject({ code: 'source-changed' });
    await rm(path);
    await expect(uploader.upload({ path, mediaUrl: 'media://diarist/gone' })).rejects.toMatchObject(
      { code: 'source-missing' },
    );
    expect(await openHandlesTo(path)).toBe(0);
  });

  it('does not retry when storage refuses the file itself', async () => {
    sim.addFault({ kind: 'status', method: 'PUT', status: 400, times: 1 });
    const uploader = createUploader({ client, backoff: FAST_RETRY });
    await expect(
      uploader.upload({ path: FIXTURE, mediaUrl: 'media://diarist/refused' }),
    ).rejects.toMatchObject({
      code: 'upload-rejected',
      retryable: false,
    });
  });

  it('never puts the pre-signed URL or the key into an error', async () => {
    sim.addFault({ kind: 'status', method: 'PUT', status: 500 });
    const uploader = createUploader({ client, backoff: FAST_RETRY, maxAttempts: 2 });
    const error = (await uploader
      .upload({ path: FIXTURE, mediaUrl: 'media://diarist/secret' })
      .catch((e: unknown) => e)) as Error;
    const shown = `${error.message}\n${JSON.stringify(error)}\n${String(error.stack)}`;
    expect(shown).not.toContain('/_upload/');
    expect(shown).not.toContain(sim.apiKey);
  });
});
