/**
 * When the job list reaches the disk: changes are saved on their own shortly after they happen,
 * live-only changes are not, a failed save is tried again with a growing wait, and a closed store
 * writes nothing more.
 */

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job store saving', () => {
  let dir: string;
  let stores: JobStore[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'diarist-store-save-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  const open = async (options: Parameters<typeof JobStore.open>[1] = {}) => {
    const store = await JobStore.open(dir, options);
    stores.push(store);
    return store;
  };
  const onDisk = async (): Promise<
    { jobs: JobRecord[]; uploads: Record<string, number> } | undefined
  > => {
    try {
      return JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8'));
    } catch {
      return undefined;
    }
  };

  it('saves a change by itself, shortly after it (25 ms unless told otherwise)', async () => {
    const store = await open();
    store.put(record('a'));
    expect(await onDisk()).toBeUndefined();
    await sleep(250);
    expect((await onDisk())?.jobs.map((j) => j.id)).toEqual(['a']);
  });

  it('waits the coalescing time it is given before saving', async () => {
    const store = await open({ coalesceMs: 400 });
    store.put(record('a'));
    await sleep(150);
    expect(await onDisk()).toBeUndefined();
    await sleep(600);
    expect((await onDisk())?.jobs).toHaveLength(1);
  });

  it('writes nothing while nothing changed, and nothing for a live-only change', async () => {
    const store = await open();
    await store.flush();
    expect(await onDisk()).toBeUndefined();
    store.put(record('live'), false);
    await sleep(150);
    await store.flush();
    expect(await onDisk()).toBeUndefined();
    expect(store.get('live')).toBeDefined();
  });

  it('deletes a record and saves that; deleting an unknown one changes nothing', async () => {
    const store = await open();
    store.put(record('a'));
    store.put(record('b'));
    await store.flush();
    expect(store.delete('a')).toBe(true);
    await store.flush();
    expect((await onDisk())?.jobs.map((j) => j.id)).toEqual(['b']);
    expect(store.get('a')).toBeUndefined();
    await writeFile(join(dir, STORE_FILE), 'sentinel');
    expect(store.delete('nobody')).toBe(false);
    await sleep(150);
    await store.flush();
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe('sentinel');
  });

  it('forgets uploads older than the cutoff (not the one exactly at it) and saves that', async () => {
    const store = await open();
    store.recordUpload('media://diarist/old', 1_000);
    store.recordUpload('media://diarist/edge', 2_000);
    store.recordUpload('media://diarist/new', 3_000);
    await store.flush();
    store.pruneUploads(2_000);
    expect(store.uploadedAt('media://diarist/old')).toBeUndefined();
    expect(store.uploadedAt('media://diarist/edge')).toBe(2_000);
    await store.flush();
    expect((await onDisk())?.uploads).toEqual({
      'media://diarist/edge': 2_000,
      'media://diarist/new': 3_000,
    });
    await writeFile(join(dir, STORE_FILE), 'sentinel');
    store.pruneUploads(0);
    await store.flush();
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe('sentinel');
  });

  it('after close, saves what was pending and nothing after', async () => {
    const store = await open({ coalesceMs: 5_000 });
    store.put(record('a'));
    await store.close();
    expect((await onDisk())?.jobs).toHaveLength(1);
    store.put(record('b'));
    await sleep(150);
    expect((await onDisk())?.jobs).toHaveLength(1);
  });

  it('tries a failed save again on its own, waiting twice as long each time, then recovers', async () => {
    const errors: number[] = [];
    const store = await open({ saveRetryMs: 200, onSaveError: () => errors.push(Date.now()) });
    store.put(record('a'));
    await store.flush();
    // The list's own path is taken by a folder: every save fails until it is gone.
    const block = async () => {
      await rm(join(dir, STORE_FILE), { recursive: true, force: true });
      await mkdir(join(dir, STORE_FILE, 'blocker'), { recursive: true });
    };
    await block();
    store.put(record('b'));
    await sleep(1_700);
    // Waits of 200, 400 and 800 ms (each gap also holds one failed write; the bounds leave room
    // for a busy machine).
    const gaps = errors.slice(1).map((at, i) => at - errors[i]!);
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.length).toBeLessThanOrEqual(5);
    expect(gaps[0]).toBeGreaterThanOrEqual(190);
    expect(gaps[0]).toBeLessThan(390);
    expect(gaps[1]).toBeGreaterThanOrEqual(390);
    expect(gaps[1]).toBeLessThan(790);
    expect(gaps[2]).toBeGreaterThanOrEqual(790);
    await rm(join(dir, STORE_FILE), { recursive: true });
    await sleep(1_800);
    expect((await onDisk())?.jobs.map((j) => j.id)).toEqual(['a', 'b']);
    // A later failure starts again from the first wait.
    await block();
    errors.length = 0;
    store.put(record('c'));
    await sleep(500);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors[1]! - errors[0]!).toBeLessThan(390);
    await rm(join(dir, STORE_FILE), { recursive: true });
  });

  it('sets aside a file whose records lack what loading must trust', async () => {
    const { source: _source, ...noSource } = record('a');
    for (const broken of [
      { ...record('a'), id: '' },
      noSource,
      { ...record('a'), source: { path: '/x.wav', name: 'x.wav', sizeBytes: '1', mtimeMs: 1 } },
      { ...record('a'), options: { model: 'precision-2' } },
      { ...record('a'), options: { speakers: { kind: 'auto' } } },
      { ...record('a'), batchId: 7 },
    ]) {
      await writeFile(join(dir, STORE_FILE), JSON.stringify({ formatVersion: 1, jobs: [broken] }));
      const notices: StoreNotice[] = [];
      const store = await open({ onNotice: (n) => notices.push(n) });
      expect(store.all(), JSON.stringify(broken).slice(0, 80)).toEqual([]);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.message).toBe(
        `Diarist’s job list was damaged and could not be read. It was kept as ${notices[0]!.movedTo} and a new list was started. Saved results are not affected.`,
      );
      await store.close();
      await rm(join(dir, STORE_FILE), { force: true });
    }
  });
});
