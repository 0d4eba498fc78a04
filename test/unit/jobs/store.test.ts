import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobRecord } from '../../../src/shared/jobs';
import { JobStore, STORE_FILE, type StoreNotice } from '../../../src/core/jobs/store';

function record(id: string, patch: Partial<JobRecord> = {}): JobRecord {
  return {
    id,
    revision: 1,
    batchId: 'b1',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    state: 'waiting',
    source: { path: `/rec/${id}.wav`, name: `${id}.wav`, sizeBytes: 1000, mtimeMs: 1 },
    options: DEFAULT_DIARIZE_OPTIONS,
    ...patch,
  };
}

describe('job store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps records across reopening, without live-only progress', async () => {
    const store = await JobStore.open(dir);
    store.put(record('a', { progress: { phase: 'sending', doneBytes: 5, totalBytes: 10 } }));
    store.recordUpload('media://diarist/x', 1234);
    await store.close();
    const again = await JobStore.open(dir);
    expect(again.get('a')?.state).toBe('waiting');
    expect(again.get('a')?.progress).toBeUndefined();
    expect(again.uploadedAt('media://diarist/x')).toBe(1234);
    await again.close();
  });

  it('lists jobs oldest first, whatever order the file holds them in, and keeps a replaced one in place', async () => {
    const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({
        formatVersion: 1,
        jobs: [
          record('c', { createdAt: at(3) }),
          record('a', { createdAt: at(1) }),
          record('b', { createdAt: at(2) }),
        ],
      }),
    );
    const store = await JobStore.open(dir);
    expect(store.all().map((job) => job.id)).toEqual(['a', 'b', 'c']);
    store.put(record('a', { createdAt: at(1), state: 'uploading' }));
    store.put(record('d', { createdAt: at(4) }));
    expect(store.all().map((job) => job.id)).toEqual(['a', 'b', 'c', 'd']);
    await store.close();
    const again = await JobStore.open(dir);
    expect(again.all().map((job) => job.id)).toEqual(['a', 'b', 'c', 'd']);
    await again.close();
  });

  it('writes the file readable only by its owner, and leaves no temporary files', async () => {
    const store = await JobStore.open(dir);
    store.put(record('a'));
    await store.close();
    expect((await stat(join(dir, STORE_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual([STORE_FILE]);
  });

  it('coalesces many changes into few writes and flush() waits for all of them', async () => {
    const store = await JobStore.open(dir, { coalesceMs: 1000 });
    for (let i = 0; i < 500; i += 1) store.put(record(`j${i}`));
    await store.flush();
    const onDisk = JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as { jobs: unknown[] };
    expect(onDisk.jobs).toHaveLength(500);
    await store.close();
  });

  it('sets a damaged file aside with a timestamp, tells the person, and starts empty', async () => {
    await writeFile(join(dir, STORE_FILE), '{"formatVersion":1,"jobs":[{"id":');
    const notices: StoreNotice[] = [];
    const store = await JobStore.open(dir, {
      onNotice: (n) => notices.push(n),
      now: () => new Date('2026-11-24T12:00:00Z'),
    });
    expect(store.all()).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain('damaged');
    expect(notices[0]!.movedTo).toMatch(/jobs\.damaged-2026-11-24T12-00-00-000Z\.json$/);
    expect(await readFile(notices[0]!.movedTo, 'utf8')).toBe('{"formatVersion":1,"jobs":[{"id":');
    await store.close();
  });

  it('treats a well-formed file with an impossible record as damaged too', async () => {
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({ formatVersion: 1, jobs: [{ id: 'x', state: 'exploded' }] }),
    );
    const notices: StoreNotice[] = [];
    await (await JobStore.open(dir, { onNotice: (n) => notices.push(n) })).close();
    expect(notices).toHaveLength(1);
  });

  it('keeps fields it does not know, so a newer version’s data survives', async () => {
    await writeFile(
      join(dir, STORE_FILE),
      JSON.stringify({
        formatVersion: 1,
        jobs: [{ ...record('a'), futureField: 42 }],
        uploads: {},
      }),
    );
    const store = await JobStore.open(dir);
    store.put({ ...store.get('a')!, state: 'failed' });
    await store.close();
    const onDisk = JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as {
      jobs: Record<string, unknown>[];
    };
    expect(onDisk.jobs[0]!.futureField).toBe(42);
  });

  it('reports a failed save and keeps the data to save again', async () => {
    const store = await JobStore.open(dir);
    store.put(record('a'));
    await rm(dir, { recursive: true, force: true });
    await expect(store.flush()).rejects.toMatchObject({ code: 'write-failed' });
    expect(store.get('a')).toBeDefined();
  });

  it('loads 10,000 jobs', async () => {
    const store = await JobStore.open(dir);
    for (let i = 0; i < 10_000; i += 1)
      store.put(record(`job-${i}`, { state: i % 3 ? 'succeeded' : 'failed' }));
    await store.close();
    const loaded = await JobStore.open(dir);
    expect(loaded.all()).toHaveLength(10_000);
    await loaded.close();
  });
});
